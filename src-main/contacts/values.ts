import type { AttributeDef, AttributeType, AttributeValue } from '../../src-shared/api/contacts';
import type { LocalizedText } from '../../src-shared/errors';
import { parsePhone, PHONE_PROBLEM_TEXT, type PhoneProblem } from '../../src-shared/domain/phone';
import { cleanName, foldText } from '../../src-shared/domain/text';

/**
 * Normalising and validating contact field values: one set of rules for the API, the import and the preview,
 * so a value the import accepts is exactly a value the profile card would accept.
 */

export type ValueResult<T> = { ok: true; value: T } | { ok: false; code: string; text: LocalizedText };

export const MAX_NAME = 200;
export const MAX_TEXT_VALUE = 1000;
const MAX_EMAIL = 254;

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const bad = (code: string, text: LocalizedText): ValueResult<never> => ({ ok: false, code, text });

/** `null` for blank input: a blank cell or field means "no value", never an error. */
export function normaliseName(raw: string): ValueResult<string | null> {
  const name = cleanName(raw);
  if (name === '') return ok(null);
  if (name.length > MAX_NAME) {
    return bad('too_long', { en: `The name is longer than ${MAX_NAME} characters.`, tr: `Ad ${MAX_NAME} karakterden uzun.` });
  }
  return ok(name);
}

// Deliberately loose (one @, a dot in the domain, no spaces): stricter checks reject real addresses people use.
const EMAIL_RE = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;

export function normaliseEmail(raw: string): ValueResult<string | null> {
  const email = raw.trim().toLowerCase();
  if (email === '') return ok(null);
  if (email.length > MAX_EMAIL || !EMAIL_RE.test(email)) {
    return bad('email_invalid', {
      en: `"${clip(raw)}" is not a valid email address.`,
      tr: `"${clip(raw)}" geçerli bir e-posta adresi değil.`,
    });
  }
  return ok(email);
}

export function phoneProblem(problem: PhoneProblem): { code: string; text: LocalizedText } {
  return { code: `phone_${problem}`, text: PHONE_PROBLEM_TEXT[problem] };
}

/**
 * Parses a number written the Turkish way (`1.234,5`) or the English way (`1,234.5`): when both marks appear the
 * later one is the decimal mark; a lone comma is a decimal comma (Turkish files), several dots are thousands.
 */
export function parseLooseNumber(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    s = s.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return null;
    s = s.replace(',', '.');
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    s = s.split('.').join('');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug folded into the epoch). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** `yyyy-mm-dd`, `yyyy-mm-ddThh:mm...`, and the day-first forms Turkish files use: `15.01.2026`, `15/01/2026`. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

export interface ValueContext {
  defaultCountry: string;
  /** Spreadsheet cells: a bare number in a date column is an Excel date serial. */
  fromSpreadsheet?: boolean;
}

const TYPE_NAME: Record<AttributeType, LocalizedText> = {
  text: { en: 'text', tr: 'metin' },
  number: { en: 'a number', tr: 'bir sayı' },
  date: { en: 'a date (e.g. 2026-01-15 or 15.01.2026)', tr: 'bir tarih (ör. 2026-01-15 veya 15.01.2026)' },
  email: { en: 'an email address', tr: 'bir e-posta adresi' },
  phone: { en: 'a phone number', tr: 'bir telefon numarası' },
  choice: { en: 'one of the options', tr: 'seçeneklerden biri' },
};

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function wrongType(def: Pick<AttributeDef, 'label' | 'type'>, code: string, raw: string, extra = ''): ValueResult<never> {
  return bad(code, {
    en: `"${clip(raw)}" is not valid for ${def.label}: expected ${TYPE_NAME[def.type].en}${extra}.`,
    tr: `"${clip(raw)}" ${def.label} için geçerli değil: ${TYPE_NAME[def.type].tr} bekleniyor${extra}.`,
  });
}

/**
 * The stored form of a value for an attribute, or why it is refused. `null` (a blank) means "no value".
 * Numbers arriving as JS numbers (API calls, spreadsheet cells) are taken as they are.
 */
export function normaliseAttributeValue(
  def: Pick<AttributeDef, 'label' | 'type' | 'options'>,
  raw: string | number | null,
  ctx: ValueContext,
): ValueResult<AttributeValue | null> {
  if (raw === null) return ok(null);
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (text === '') return ok(null);
  switch (def.type) {
    case 'text':
      if (text.length > MAX_TEXT_VALUE) {
        return bad('too_long', {
          en: `${def.label} is longer than ${MAX_TEXT_VALUE} characters.`,
          tr: `${def.label} ${MAX_TEXT_VALUE} karakterden uzun.`,
        });
      }
      return ok(text.replace(/\r\n?/g, '\n'));
    case 'number': {
      const n = typeof raw === 'number' ? raw : parseLooseNumber(text);
      return n === null || !Number.isFinite(n) ? wrongType(def, 'number_invalid', text) : ok(n);
    }
    case 'date': {
      const serial = typeof raw === 'number' || (ctx.fromSpreadsheet && /^\d+(\.\d+)?$/.test(text));
      const iso = serial ? excelSerialToIso(Number(text)) : parseDate(text);
      return iso === null ? wrongType(def, 'date_invalid', text) : ok(iso);
    }
    case 'email': {
      const email = normaliseEmail(text);
      return email.ok ? email : wrongType(def, 'email_invalid', text);
    }
    case 'phone': {
      const parsed = parsePhone(text, ctx.defaultCountry);
      if (parsed.ok) return ok(parsed.e164);
      return bad('phone_invalid', {
        en: `${def.label}: ${PHONE_PROBLEM_TEXT[parsed.problem].en}`,
        tr: `${def.label}: ${PHONE_PROBLEM_TEXT[parsed.problem].tr}`,
      });
    }
    case 'choice': {
      const options = def.options ?? [];
      const folded = foldText(text);
      const match = options.find((o) => o === text) ?? options.find((o) => foldText(o) === folded);
      if (match !== undefined) return ok(match);
      const list = options.slice(0, 10).join(', ');
      return wrongType(def, 'choice_invalid', text, `: ${list}`);
    }
  }
}

/** Whether an attribute's values are part of the search text (free text and values people search by). */
export function isSearchable(type: AttributeType): boolean {
  return type === 'text' || type === 'choice' || type === 'email' || type === 'phone';
}
