/**
 * Payment-card checks that need no network: the digits, the Luhn checksum, the brand from the number's prefix
 * (with the lengths that brand issues), the expiry and the CVC's shape. The server decides; the UI may call the
 * same functions to hint early. No function here returns or echoes the number itself.
 */
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'troy', 'discover', 'jcb', 'diners', 'unionpay', 'maestro'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const CARD_BRAND_LABEL: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  troy: 'Troy',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

interface BrandRule {
  brand: CardBrand;
  /** Inclusive prefix ranges, compared on the first `String(from).length` digits. */
  ranges: [number, number][];
  lengths: number[];
}

/** More specific prefixes first: Troy's 9792 and Discover's 622126-622925 sit inside wider ranges of others. */
const RULES: BrandRule[] = [
  { brand: 'troy', ranges: [[9792, 9792]], lengths: [16] },
  { brand: 'amex', ranges: [[34, 34], [37, 37]], lengths: [15] },
  { brand: 'diners', ranges: [[300, 305], [36, 36], [38, 39]], lengths: [14, 15, 16, 17, 18, 19] },
  { brand: 'jcb', ranges: [[3528, 3589]], lengths: [16, 17, 18, 19] },
  { brand: 'visa', ranges: [[4, 4]], lengths: [13, 16, 19] },
  { brand: 'mastercard', ranges: [[51, 55], [2221, 2720]], lengths: [16] },
  { brand: 'discover', ranges: [[6011, 6011], [644, 649], [65, 65], [622126, 622925]], lengths: [16, 17, 18, 19] },
  { brand: 'unionpay', ranges: [[62, 62], [81, 81]], lengths: [16, 17, 18, 19] },
  {
    brand: 'maestro',
    ranges: [[5018, 5018], [5020, 5020], [5038, 5038], [5893, 5893], [6304, 6304], [6759, 6759], [6761, 6763]],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  },
];

/** The digits of a number typed with spaces or dashes; null when anything else is in it. */
export function cardDigits(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function matchingRule(digits: string): BrandRule | null {
  return (
    RULES.find((rule) =>
      rule.ranges.some(([from, to]) => {
        const width = String(from).length;
        if (digits.length < width) return false;
        const prefix = Number(digits.slice(0, width));
        return prefix >= from && prefix <= to;
      }),
    ) ?? null
  );
}

/** The brand a number's prefix belongs to, whatever its length; null for prefixes no supported network issues. */
export function detectBrand(digits: string): CardBrand | null {
  return matchingRule(digits)?.brand ?? null;
}

export type CardNumberProblem = 'characters' | 'brand' | 'length' | 'luhn';

/** Why a typed card number cannot be saved, or null when it can. */
export function cardNumberProblem(raw: string): CardNumberProblem | null {
  const digits = cardDigits(raw);
  if (digits === null) return 'characters';
  const rule = matchingRule(digits);
  if (!rule) return 'brand';
  if (!rule.lengths.includes(digits.length)) return 'length';
  return luhnValid(digits) ? null : 'luhn';
}

export interface CardExpiry {
  month: number;
  /** Four digits. */
  year: number;
}

/** `MM/YY`, `MM/YYYY`, `MM-YY`, `MMYY` -> month and four-digit year; null when it is not an expiry. */
export function parseExpiry(raw: string): CardExpiry | null {
  const m = /^\s*(\d{1,2})\s*[/\-. ]?\s*(\d{2}|\d{4})\s*$/.exec(raw);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2199) return null;
  return { month, year };
}

/** A card works through the last day of its expiry month (UTC, so every machine agrees). */
export function isExpired(expiry: CardExpiry, now: number): boolean {
  return now >= Date.UTC(expiry.year, expiry.month, 1);
}

/** American Express prints four digits on the front; the others three on the back. */
export function cvcValid(cvc: string, brand: CardBrand | null): boolean {
  return brand === 'amex' ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
}
