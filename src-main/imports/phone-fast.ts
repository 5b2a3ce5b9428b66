import { Metadata, type CountryCode } from 'libphonenumber-js/max';

/**
 * A shortcut for `parsePhoneNumberFromString(candidate, country)?.isValid()` on the shapes an import file is made
 * of, for one default country. It replays the library's own steps (calling code with or without `+`, national
 * prefix stripping, the possible-length and pattern checks of `isValid`) with the library's own metadata,
 * compiled once, instead of the library's per-call object building and regex compiling. Every step whose outcome
 * would depend on another country's metadata, or on rules it does not replay, answers `undefined` so the caller
 * asks the library.
 */
export type FastPhoneCheck = (candidate: string) => FastVerdict | undefined;
/** The E.164 number the library would give, or `false` when the library would not give a valid number. */
export type FastVerdict = string | false;

/** The library's `NumberingPlan` methods this module reads; the package's typings declare only a few of them. */
interface Plan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[];
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataInternals {
  numberingPlan: Plan;
  selectNumberingPlan(country: string): void;
  hasCallingCode(callingCode: string): boolean | undefined;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

/** What `isValid()` tries, through `getNumberType()`: fixed line first, then these in this order. */
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];
/** The library's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN: parse refuses national numbers outside them. */
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;
/** Fewer digits than this are not a "viable" number for the library's input check. */
const MIN_VIABLE_DIGITS = 3;
const UNKNOWN = Symbol('unknown');

const cache = new Map<string, FastPhoneCheck | null>();

/** The check for one default country, or null when its metadata has rules this module does not replay. */
export function fastPhoneCheck(country: CountryCode): FastPhoneCheck | null {
  let check = cache.get(country);
  if (check === undefined) {
    check = build(country);
    cache.set(country, check);
  }
  return check;
}

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const start = (pattern: string) => new RegExp(`^(?:${pattern})`);
const groupCount = (pattern: string) => new RegExp(`${pattern}|`).exec('')!.length - 1;

function build(country: CountryCode): FastPhoneCheck | null {
  const metadata = new Metadata() as unknown as MetadataInternals;
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan;
  const callingCode = plan.callingCode();
  const sharing = metadata.getCountryCodesForCallingCode(callingCode);
  // Numbers written with the calling code are read with the plan of its main country; only then is it ours.
  if (!sharing || sharing[0] !== country) return null;
  // The library takes the first calling code that matches the digits after `+`; ours must be the only one.
  for (let i = 1; i < callingCode.length; i++) if (metadata.hasCallingCode(callingCode.slice(0, i))) return null;

  const prefixRule = plan.nationalPrefixForParsing();
  // Capturing groups mean carrier codes or a transform rule (Brazil, Argentina): not replayed here.
  if (prefixRule && (groupCount(prefixRule) > 0 || plan.nationalPrefixTransformRule())) return null;
  const prefix = prefixRule ? start(prefixRule) : null;
  const idd = start(plan.IDDPrefix());
  const nationalPattern = whole(plan.nationalNumberPattern());
  const lengths = plan.possibleLengths();
  const single = sharing.length === 1;
  const leading = plan.leadingDigits();
  const leadingPattern = leading ? start(leading) : null;
  // Without types, `getNumberType` never names a country that shares its calling code.
  if (!single && !leadingPattern && !plan.hasTypes()) return null;

  // One alternation per length of the type patterns `isNumberTypeEqualTo` would try at that length.
  const byLength: (RegExp | null)[] = [];
  if (plan.hasTypes()) {
    for (let length = 0; length <= MAX_NATIONAL; length++) {
      const patterns: string[] = [];
      for (const name of TYPES) {
        const type = plan.type(name);
        const pattern = type?.pattern();
        if (!type || !pattern) continue;
        const typeLengths = type.possibleLengths();
        if (typeLengths && !typeLengths.includes(length)) continue;
        patterns.push(`(?:${pattern})`);
      }
      byLength.push(patterns.length > 0 ? whole(patterns.join('|')) : null);
    }
    // Back-references would change meaning once the patterns are joined.
    if (byLength.some((re) => re && /\\[1-9]/.test(re.source))) return null;
  }
  const valid = (national: string): boolean =>
    nationalPattern.test(national) && (!plan.hasTypes() || (byLength[national.length]?.test(national) ?? false));

  /**
   * Whether `getCountryByCallingCode` lands on this country. Alone on its calling code it always does; as the main
   * country it does when its leading digits match or, without leading digits, when the number is valid for it.
   * Any other answer would bring in another country's metadata.
   */
  const ours = (national: string): boolean =>
    single || (leadingPattern ? national !== '' && leadingPattern.test(national) : valid(national));

  const lengthCheck = (national: string): 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | 'IS_POSSIBLE' => {
    const n = national.length;
    if (n === lengths[0]) return 'IS_POSSIBLE';
    if (n < lengths[0]!) return 'TOO_SHORT';
    if (n > lengths[lengths.length - 1]!) return 'TOO_LONG';
    return lengths.includes(n) ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
  };

  /** The library's `extractNationalNumber`: strip the national prefix unless the result looks worse. */
  const nationalOf = (digits: string): string | typeof UNKNOWN => {
    if (!digits || !prefix) return digits;
    const match = prefix.exec(digits);
    if (!match) return digits;
    const stripped = digits.slice(match[0].length);
    if (stripped === digits) return digits;
    if (nationalPattern.test(digits) && !nationalPattern.test(stripped)) return digits;
    if (!ours(stripped)) return UNKNOWN;
    const fit = lengthCheck(stripped);
    return fit === 'TOO_SHORT' || fit === 'INVALID_LENGTH' ? digits : stripped;
  };

  const verdict = (national: string | typeof UNKNOWN): FastVerdict | undefined => {
    if (national === UNKNOWN) return undefined;
    if (national.length < MIN_NATIONAL || national.length > MAX_NATIONAL) return false;
    if (!ours(national)) return undefined;
    return valid(national) ? `+${callingCode}${national}` : false;
  };

  return (candidate) => {
    if (candidate.startsWith('+')) {
      const digits = candidate.slice(1);
      if (digits.length < MIN_VIABLE_DIGITS || !digits.startsWith(callingCode)) return undefined;
      const rest = digits.slice(callingCode.length);
      if (rest === '') return undefined;
      return verdict(nationalOf(rest));
    }
    if (candidate.length < MIN_VIABLE_DIGITS || idd.test(candidate)) return undefined;
    if (candidate.startsWith(callingCode)) {
      // The library's reading of a number that starts with the calling code but has no `+`.
      const shorter = nationalOf(candidate.slice(callingCode.length));
      const full = nationalOf(candidate);
      if (shorter === UNKNOWN || full === UNKNOWN) return undefined;
      const international =
        (!nationalPattern.test(full) && nationalPattern.test(shorter)) || lengthCheck(full) === 'TOO_LONG';
      if (international && shorter === '') return undefined;
      return verdict(international ? shorter : full);
    }
    return verdict(nationalOf(candidate));
  };
}
