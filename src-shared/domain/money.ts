/**
 * Money is an integer count of the currency's minor unit (kuruş, cent) everywhere: in the database, over the API
 * and in the stores. Only these helpers turn it into text and back, with integer arithmetic, so no float ever
 * decides an amount.
 */
export const CURRENCIES = ['TRY', 'USD', 'EUR', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** ISO 4217 minor-unit exponent: 2 means 100 minor units per major unit. */
export const CURRENCY_DIGITS: Record<Currency, number> = { TRY: 2, USD: 2, EUR: 2, GBP: 2 };

/**
 * Amounts the UI formats with `Intl` stay below this (one hundred billion in major units); the API caps single
 * amounts far lower, and a balance cannot grow past it in any realistic use.
 */
export const MONEY_MAX_MINOR = 10_000_000_000_000;

const EURO_REGIONS = new Set([
  'AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK',
]);

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/** The currency a business in `locale` (`tr-TR`, `en-GB`, `de`) most likely bills in; USD when unknown. */
export function currencyForLocale(locale: string): Currency {
  const [language, ...rest] = locale.replace(/_/g, '-').split('-');
  const region = rest.find((p) => /^[A-Za-z]{2}$/.test(p))?.toUpperCase();
  if (region === 'TR' || (region === undefined && language?.toLowerCase() === 'tr')) return 'TRY';
  if (region === 'GB') return 'GBP';
  if (region !== undefined && EURO_REGIONS.has(region)) return 'EUR';
  return 'USD';
}

function unit(currency: Currency): number {
  return 10 ** CURRENCY_DIGITS[currency];
}

/** `-1234` USD -> `-12.34`: exact, locale-free, for files and inputs. */
export function toMajorString(minor: number, currency: Currency): string {
  const digits = CURRENCY_DIGITS[currency];
  const abs = Math.abs(minor);
  const fraction = abs % unit(currency);
  const major = (abs - fraction) / unit(currency);
  const sign = minor < 0 ? '-' : '';
  return digits === 0 ? `${sign}${major}` : `${sign}${major}.${String(fraction).padStart(digits, '0')}`;
}

/** `1234` TRY in `tr` -> `₺12,34`; for the screen only. */
export function formatMoney(minor: number, currency: Currency, locale = 'en'): string {
  const digits = CURRENCY_DIGITS[currency];
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / unit(currency));
}

/**
 * Reads an amount as people type it: `12`, `12.5`, `12,50`, `1.234,56`, `1,234.56`, `1 234,56`, with or without a
 * currency sign. With both `.` and `,` the last one is the decimal mark; a lone mark followed by three digits is
 * a thousands separator (`1.000`) unless the number starts with 0 (`0.001`). Returns minor units, or null when the
 * text is not an amount or has more decimals than the currency has.
 */
export function parseMoney(text: string, currency: Currency): number | null {
  const digits = CURRENCY_DIGITS[currency];
  let s = text.replace(/[\s\u00a0\u202f₺$€£]|TRY|TL|USD|EUR|GBP/gi, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalAt = Math.max(lastDot, lastComma);
  if (decimalAt >= 0 && (lastDot < 0 || lastComma < 0)) {
    const mark = s[decimalAt]!;
    const single = s.indexOf(mark) === decimalAt;
    const thousands = s.length - decimalAt - 1 === 3 && /^[1-9]/.test(s);
    if (!single || thousands) decimalAt = -1;
  }
  const grouped = decimalAt >= 0 ? s.slice(0, decimalAt) : s;
  if (/[.,]/.test(grouped) && !groupedCorrectly(grouped)) return null;
  const intPart = grouped.replace(/[.,]/g, '');
  const fracPart = decimalAt >= 0 ? s.slice(decimalAt + 1) : '';
  if (!/^\d*$/.test(fracPart) || fracPart.length > digits || (intPart === '' && fracPart === '')) return null;
  const major = Number(intPart === '' ? '0' : intPart);
  const minor = major * unit(currency) + Number(fracPart.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MONEY_MAX_MINOR) return null;
  return negative ? -minor : minor;
}

/** `1.234.567` or `1,234`: groups of three after the first. */
function groupedCorrectly(intWithMarks: string): boolean {
  return /^\d{1,3}([.,]\d{3})*$/.test(intWithMarks);
}
