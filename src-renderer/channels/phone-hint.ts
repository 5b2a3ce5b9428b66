import { formatPhone, parsePhone } from '../../src-shared/domain/phone';

/**
 * The number as it will be stored, for the hint under a phone field while the user types. Only a number the
 * server will accept gets a hint; the server alone decides and explains what is wrong with the others.
 */
export function phonePreview(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhone(raw, defaultCountry, { requireMobile: true });
  return parsed.ok ? formatPhone(parsed.e164) : null;
}
