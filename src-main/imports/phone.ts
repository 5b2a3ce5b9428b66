import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { LocalizedText } from '../../src-shared/errors';
import { isCountryCode, parsePhone } from '../../src-shared/domain/phone';
import { phoneProblem } from '../contacts/values';
import { fastPhoneCheck, type FastPhoneCheck } from './phone-fast';

export type ImportPhone = { ok: true; e164: string } | { ok: false; code: string; text: LocalizedText };

/** `9.05321E+11` (or `9,05321E+11`): Excel showed the number in scientific form and the file kept only that. */
const SCIENTIFIC = /^[+-]?\d[.,]\d+e\+?\d+$/i;
/** `5321234567.0`: a number column written out by a script. */
const TRAILING_ZERO_DECIMALS = /^(\d+)\.0+$/;

/**
 * The import's phone rule, same result as `parsePhone` for every number it accepts but with at most one library
 * call per candidate on the common path, and none when the compiled check of `phone-fast` can answer: the bulk
 * path spends most of its time here. Rejections take the full `parsePhone` route so the reason matches what the
 * profile card would say.
 */
export function importPhone(raw: string, defaultCountry: string): ImportPhone {
  return readPhone(raw, defaultCountry, fastPhoneCheck);
}

/** The same rule asking the library for every candidate: the reference the fast check is tested against. */
export function importPhoneByLibrary(raw: string, defaultCountry: string): ImportPhone {
  return readPhone(raw, defaultCountry, () => null);
}

function readPhone(
  raw: string,
  defaultCountry: string,
  checkFor: (country: CountryCode) => FastPhoneCheck | null,
): ImportPhone {
  const trimmed = raw.trim();
  if (SCIENTIFIC.test(trimmed)) {
    return {
      ok: false,
      code: 'phone_precision_lost',
      text: {
        en: `"${trimmed}" is a number Excel showed in scientific form; its last digits are lost. Format the column as text in Excel and export again.`,
        tr: `"${trimmed}" Excel'in bilimsel gösterimle yazdığı bir sayı; son basamakları kaybolmuş. Excel'de sütunu metin olarak biçimlendirip yeniden dışa aktarın.`,
      },
    };
  }
  const plain = TRAILING_ZERO_DECIMALS.exec(trimmed)?.[1] ?? trimmed;
  let compact = plain.replace(/[\s().\-\u00a0/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (/^\+?\d{1,17}$/.test(compact)) {
    const country: CountryCode | undefined = isCountryCode(defaultCountry) ? defaultCountry : undefined;
    const fast = country ? checkFor(country) : null;
    const candidates = compact.startsWith('+') || compact.startsWith('0') ? [compact] : [compact, `+${compact}`];
    for (const candidate of candidates) {
      const known = fast?.(candidate);
      if (known) return { ok: true, e164: known };
      if (known === false) continue;
      const parsed = parsePhoneNumberFromString(candidate, candidate.startsWith('+') ? undefined : country);
      if (parsed?.isValid()) return { ok: true, e164: parsed.number };
    }
  }
  const slow = parsePhone(plain, defaultCountry);
  if (slow.ok) return { ok: true, e164: slow.e164 };
  const problem = phoneProblem(slow.problem);
  const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  return {
    ok: false,
    code: problem.code,
    text: trimmed === '' ? problem.text : { en: `"${shown}": ${problem.text.en}`, tr: `"${shown}": ${problem.text.tr}` },
  };
}
