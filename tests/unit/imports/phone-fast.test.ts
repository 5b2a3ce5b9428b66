import fc from 'fast-check';
import { getCountries, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../../bench/lib/contacts-data';
import { seededRandom } from '../../../src-main/campaigns/random';
import { importPhone, importPhoneByLibrary } from '../../../src-main/imports/phone';
import { fastPhoneCheck, type FastVerdict } from '../../../src-main/imports/phone-fast';

/**
 * The fast check must give exactly what libphonenumber-js gives. Each candidate it answers is compared with the
 * library's own answer, and `importPhone` is compared with the library-only rule on written-out numbers.
 */

const COUNTRIES: CountryCode[] = ['TR', 'DE', 'US', 'GB', 'FR', 'BR', 'AR', 'MX', 'IN', 'RU', 'AZ', 'NL', 'SA', 'IT', 'CA', 'KZ', 'BY'];
/** Countries the fast check declines (national prefix with carrier codes, or not the main country of their code). */
const DECLINED: CountryCode[] = ['BR', 'AR', 'CA', 'KZ'];
/** Main countries of a shared calling code: the check leaves numbers invalid for them to the library. */
const SHARED: CountryCode[] = ['US', 'GB', 'IT', 'RU'];

interface Plan {
  callingCode(): string;
  nationalPrefix(): string | undefined;
  possibleLengths(): number[];
}
function planOf(country: CountryCode) {
  const metadata = new Metadata() as unknown as { selectNumberingPlan(c: string): void; numberingPlan: Plan };
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan;
  return { cc: plan.callingCode(), prefix: plan.nationalPrefix() ?? '', lengths: plan.possibleLengths() };
}

/** What the library says for one candidate, the way `importPhone` asks it. */
function libraryVerdict(candidate: string, country: CountryCode): FastVerdict {
  const parsed = parsePhoneNumberFromString(candidate, candidate.startsWith('+') ? undefined : country);
  return parsed?.isValid() ? parsed.number : false;
}

/** The candidates `importPhone` tries for a compact number. */
function candidatesOf(written: string): string[] {
  let compact = written.replace(/[\s().\-\u00a0/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!/^\+?\d{1,17}$/.test(compact)) return [];
  return compact.startsWith('+') || compact.startsWith('0') ? [compact] : [compact, `+${compact}`];
}

const digits = (r: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
};

/** Valid national numbers per country, found by the library (fixed lines, toll free, ...) plus its mobile example. */
function seedsOf(country: CountryCode, r: () => number, tries = 3000): { all: string[]; fixedOnly: string[] } {
  const { cc, lengths } = planOf(country);
  const all = [examples[country]];
  const fixedOnly: string[] = [];
  for (let i = 0; i < tries && all.length < 60; i++) {
    const national = digits(r, lengths[Math.floor(r() * lengths.length)]!);
    const parsed = parsePhoneNumberFromString(`+${cc}${national}`);
    if (!parsed?.isValid()) continue;
    all.push(parsed.nationalNumber);
    if (parsed.getType() === 'FIXED_LINE') fixedOnly.push(parsed.nationalNumber);
  }
  return { all, fixedOnly };
}

/** A national-looking digit string of 5-17 digits, near a valid number most of the time. */
function nationalNear(seeds: string[], r: () => number): string {
  const length = 5 + Math.floor(r() * 13);
  if (r() < 0.2) return digits(r, length);
  const seed = seeds[Math.floor(r() * seeds.length)]!;
  const keep = r() < 0.5 ? seed.length : Math.floor(r() * (seed.length + 1));
  const target = r() < 0.6 ? seed.length + Math.floor(r() * 3) - 1 : length;
  const head = seed.slice(0, Math.min(keep, target));
  return head + digits(r, Math.max(0, target - head.length));
}

/** The compact shapes an import meets, plus near misses (other calling codes, doubled prefixes). */
function shapes(national: string, country: CountryCode, r: () => number): string[] {
  const { cc, prefix } = planOf(country);
  const other = ['1', '7', '44', '49', '90', '994', '33', '380'][Math.floor(r() * 8)]!;
  return [
    national,
    `${prefix}${national}`,
    `+${cc}${national}`,
    `${cc}${national}`,
    `+${cc}${prefix}${national}`,
    `${cc}${prefix}${national}`,
    `00${cc}${national}`,
    `0${national}`,
    `+${other}${national}`,
    `${cc}${cc}${national}`,
  ];
}

/** A number written the ways people write it: spaces, dashes, parentheses, a trailing `.0`. */
function dressed(compact: string, r: () => number): string {
  const style = Math.floor(r() * 5);
  if (style === 0) return compact;
  if (style === 1) return `${compact}.0`;
  let out = '';
  for (let i = 0; i < compact.length; i++) {
    out += compact[i];
    if (i > 0 && i < compact.length - 1 && r() < 0.25) out += [' ', '-', ' ', '.', '/'][style - 1];
  }
  return style === 4 && out.length > 4 ? `(${out.slice(0, 4)}) ${out.slice(4)}` : `  ${out} `;
}

describe('fast phone check', () => {
  it('answers only with what the library answers, for every shape and many digit strings', () => {
    const r = seededRandom(20260301);
    const tally = new Map<CountryCode, { valid: number; invalid: number; asked: number }>();
    let secondCandidate = 0;
    let fixedLines = 0;
    for (const country of COUNTRIES) {
      const check = fastPhoneCheck(country);
      const count = { valid: 0, invalid: 0, asked: 0 };
      tally.set(country, count);
      const { all, fixedOnly } = seedsOf(country, r);
      const nationals = [...fixedOnly, ...Array.from({ length: 1600 }, () => nationalNear(all, r))];
      for (const national of nationals) {
        for (const shape of shapes(national, country, r)) {
          const candidates = candidatesOf(shape);
          for (const candidate of candidates) {
            const fast = check?.(candidate);
            count.asked++;
            if (fast === undefined) continue;
            if (fast) count.valid++;
            else count.invalid++;
            expect(fast, `${country} ${candidate}`).toBe(libraryVerdict(candidate, country));
          }
          if (candidates.length === 2 && !libraryVerdict(candidates[0]!, country) && libraryVerdict(candidates[1]!, country)) {
            secondCandidate++;
          }
        }
      }
      for (const national of fixedOnly) {
        expect(importPhone(national, country)).toEqual(importPhoneByLibrary(national, country));
        if (check?.(national)) fixedLines++;
      }
    }
    for (const country of COUNTRIES) {
      const count = tally.get(country)!;
      if (DECLINED.includes(country)) {
        expect(fastPhoneCheck(country), country).toBeNull();
        continue;
      }
      // Not a vacuous pass: the check accepted many candidates, and where its calling code is its own (so no other
      // country's metadata can make a number valid) it also answered most of the rest.
      expect(count.valid, country).toBeGreaterThan(1000);
      if (SHARED.includes(country)) continue;
      expect(count.invalid, country).toBeGreaterThan(500);
      expect(count.valid + count.invalid, country).toBeGreaterThan(count.asked * 0.6);
    }
    expect(secondCandidate).toBeGreaterThan(0);
    expect(fixedLines).toBeGreaterThan(50);
  });

  it('answers only with what the library answers in every country it takes on', () => {
    const r = seededRandom(11);
    let answered = 0;
    for (const country of getCountries()) {
      const check = fastPhoneCheck(country);
      if (!check) continue;
      const { all } = seedsOf(country, r, 150);
      for (let i = 0; i < 60; i++) {
        for (const shape of shapes(nationalNear(all, r), country, r)) {
          for (const candidate of candidatesOf(shape)) {
            const fast = check(candidate);
            if (fast === undefined) continue;
            answered++;
            expect(fast, `${country} ${candidate}`).toBe(libraryVerdict(candidate, country));
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(100_000);
  });

  it('gives importPhone the same result as the library alone on written-out numbers', () => {
    const r = seededRandom(7);
    for (const country of COUNTRIES) {
      const { all } = seedsOf(country, r);
      for (let i = 0; i < 250; i++) {
        const national = nationalNear(all, r);
        for (const shape of shapes(national, country, r)) {
          const raw = dressed(shape, r);
          expect(importPhone(raw, country), `${country} ${raw}`).toEqual(importPhoneByLibrary(raw, country));
        }
      }
    }
  });

  it('matches the library on every phone the benchmark file writes', () => {
    let accepted = 0;
    for (const row of generateRows(20_000, 99)) {
      const raw = String(row.phone);
      const fast = importPhone(raw, 'TR');
      expect(fast, raw).toEqual(importPhoneByLibrary(raw, 'TR'));
      if (fast.ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(19_000);
  });

  it('matches the library on edge cases', () => {
    const cases: [string, string][] = [
      ['0532 123 45 67', 'TR'],
      ['00905321234567', 'TR'],
      ['0090 532 123 45 67', 'TR'],
      ['+90 (532) 123-4567', 'TR'],
      ['(0532) 123 45 67', 'TR'],
      ['905321234567.0', 'TR'],
      ['9.05321E+11', 'TR'],
      ['00532 123 45 67', 'TR'],
      ['000905321234567', 'TR'],
      ['0212 123 45 67', 'TR'],
      ['2121234567', 'TR'],
      ['902121234567', 'TR'],
      ['9090 532 123 45 67', 'TR'],
      ['+90 0532 123 45 67', 'TR'],
      ['0 0532 123 45 67', 'TR'],
      ['0850 123 45 67', 'TR'],
      ['0800 123 45 67', 'TR'],
      ['4930 1234567', 'DE'],
      ['030 1234567', 'DE'],
      ['49 030 1234567', 'DE'],
      ['4915112345678', 'DE'],
      ['0151 12345678', 'DE'],
      ['1 (213) 373-4253', 'US'],
      ['213-373-4253', 'US'],
      ['011 44 20 7946 0018', 'US'],
      ['020 7946 0018', 'GB'],
      ['0800 200 20 0', 'GB'],
      ['180020 7946 0018', 'GB'],
      ['07624 369230', 'GB'],
      ['8 (800) 555-35-35', 'RU'],
      ['8 10 90 532 1234567', 'RU'],
      ['7 701 123 4567', 'RU'],
      ['8 701 123 4567', 'RU'],
      ['+7 701 123 4567', 'RU'],
      ['01 42 68 53 00', 'FR'],
      ['33 1 42 68 53 00', 'FR'],
      ['0011 15 2345 6789', 'AR'],
      ['011 15 2345 6789', 'AR'],
      ['21 99999 9999', 'BR'],
      ['0 21 99999 9999', 'BR'],
      ['55 1 234 5678', 'MX'],
      ['099 123 4567', 'IN'],
      ['+91 98765 43210', 'IN'],
      ['050 123 45 67', 'AZ'],
      ['994501234567', 'AZ'],
      ['06 12345678', 'NL'],
      ['0501234567', 'SA'],
      ['966501234567', 'SA'],
      ['612345678', 'ES'],
      ['3123456789', 'IT'],
      ['8 0 2004910060', 'BY'],
      ['82004910060', 'BY'],
      ['8 800 510 4', 'BY'],
      ['375 80005104', 'BY'],
      ['0', 'TR'],
      ['00', 'TR'],
      ['+', 'TR'],
      ['+9', 'TR'],
      ['+90', 'TR'],
      ['+900', 'TR'],
      ['9', 'TR'],
      ['90', 'TR'],
      ['12345678901234567', 'TR'],
      ['123456789012345678', 'TR'],
      ['+90 5321234567 ext 12', 'TR'],
      ['5321234567', 'XX'],
    ];
    for (const [raw, country] of cases) {
      expect(importPhone(raw, country), `${country} ${raw}`).toEqual(importPhoneByLibrary(raw, country));
    }
  });

  it('agrees with the library on arbitrary digit strings (property)', () => {
    const shape = fc.tuple(
      fc.constantFrom(...COUNTRIES),
      fc.constantFrom('', '0', '00', '+', '+90', '90', '+49', '49', '+1', '1', '+7', '8', '0090'),
      fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 1, maxLength: 17 }),
    );
    fc.assert(
      fc.property(shape, ([country, head, tail]) => {
        for (const candidate of candidatesOf(head + tail)) {
          const fast = fastPhoneCheck(country)?.(candidate);
          if (fast !== undefined) expect(fast).toBe(libraryVerdict(candidate, country));
        }
        expect(importPhone(head + tail, country)).toEqual(importPhoneByLibrary(head + tail, country));
      }),
      { numRuns: 5000, seed: 42 },
    );
  });
});
