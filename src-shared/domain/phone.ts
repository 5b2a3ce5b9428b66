import {
  getCountries,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { LocalizedText } from '../errors';

export type PhoneProblem = 'empty' | 'too_short' | 'too_long' | 'unknown_country' | 'not_mobile' | 'invalid';

export type PhoneResult =
  | { ok: true; e164: string; country: string | undefined; national: string; international: string; mobile: boolean }
  | { ok: false; problem: PhoneProblem };

const COUNTRIES = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

/**
 * Accepts a number the way people write it: `+90 532 123 45 67`, `0532 123 45 67`, `(0532) 123-4567`,
 * `00905321234567`, the seed's `905321234567`, or `5321234567` with a default country.
 * Digits-only input is tried as a national number first and as international second, because a Turkish
 * file holds both `5321234567` and `905321234567`.
 */
export function parsePhone(raw: string, defaultCountry: string = 'TR', opts: { requireMobile?: boolean } = {}): PhoneResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  let compact = trimmed.replace(/[\s().\-\u00a0/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: 'invalid' };
  const country = isCountryCode(defaultCountry) ? defaultCountry : undefined;

  const candidates: string[] = [];
  if (compact.startsWith('+')) candidates.push(compact);
  else if (compact.startsWith('0')) candidates.push(compact);
  else candidates.push(compact, `+${compact}`);

  let firstProblem: PhoneProblem | undefined;
  for (const candidate of candidates) {
    const result = tryParse(candidate, candidate.startsWith('+') ? undefined : country, opts.requireMobile ?? false);
    if (result.ok) return result;
    firstProblem ??= result.problem;
    // A plausible national number that merely is not mobile is the answer; do not reinterpret it.
    if (result.problem === 'not_mobile') return result;
  }
  return { ok: false, problem: firstProblem ?? 'invalid' };
}

function tryParse(candidate: string, country: CountryCode | undefined, requireMobile: boolean): PhoneResult {
  const lengthIssue = validatePhoneNumberLength(candidate, country);
  switch (lengthIssue) {
    case 'INVALID_COUNTRY':
      return { ok: false, problem: 'unknown_country' };
    case 'TOO_SHORT':
    case 'NOT_A_NUMBER':
      return { ok: false, problem: 'too_short' };
    case 'TOO_LONG':
      return { ok: false, problem: 'too_long' };
    case 'INVALID_LENGTH':
      return { ok: false, problem: 'invalid' };
  }
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(candidate, country);
  } catch (err) {
    if (err instanceof ParseError && err.message === 'INVALID_COUNTRY') return { ok: false, problem: 'unknown_country' };
    return { ok: false, problem: 'invalid' };
  }
  if (!parsed.isValid()) return { ok: false, problem: 'invalid' };
  const type = parsed.getType();
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
  if (requireMobile && !mobile) return { ok: false, problem: 'not_mobile' };
  return {
    ok: true,
    e164: parsed.number,
    country: parsed.country,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    mobile,
  };
}

export const PHONE_PROBLEM_TEXT: Record<PhoneProblem, LocalizedText> = {
  empty: { en: 'Enter a phone number.', tr: 'Bir telefon numarası girin.' },
  too_short: { en: 'The phone number is too short.', tr: 'Telefon numarası çok kısa.' },
  too_long: { en: 'The phone number is too long.', tr: 'Telefon numarası çok uzun.' },
  unknown_country: {
    en: 'The country code is unknown. Start with + and a country code, e.g. +90.',
    tr: 'Ülke kodu bilinmiyor. + ve ülke koduyla başlayın, ör. +90.',
  },
  not_mobile: {
    en: 'This is not a mobile number; WhatsApp needs a mobile number.',
    tr: 'Bu bir cep telefonu numarası değil; WhatsApp için cep numarası gerekir.',
  },
  invalid: { en: 'This is not a valid phone number.', tr: 'Bu geçerli bir telefon numarası değil.' },
};

/** Shows an E.164 number the way people read it (`+90 532 123 45 67`); unknown input comes back unchanged. */
export function formatPhone(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164).formatInternational();
  } catch {
    return e164;
  }
}

/** The digits of a number, for substring search (`532 123` -> `532123`). */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, '');
}
