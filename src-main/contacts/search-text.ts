import type { AttributeType, AttributeValue } from '../../src-shared/api/contacts';
import { foldText } from '../../src-shared/domain/text';
import { isSearchable } from './values';

/**
 * What the trigram index holds for a contact: Turkish-folded name and WhatsApp name, the phone's digits with the
 * country code, email and searchable attribute values, one per line so no match spans two fields.
 */
export function searchTextOf(
  c: { name: string | null; pushName: string | null; phone: string; email: string | null; attributes: Record<string, AttributeValue> },
  attributeTypes: ReadonlyMap<string, AttributeType>,
): string {
  const parts: string[] = [c.phone.replace(/\D/g, '')];
  if (c.name) parts.push(foldText(c.name));
  if (c.pushName && c.pushName !== c.name) parts.push(foldText(c.pushName));
  if (c.email) parts.push(c.email.toLowerCase());
  for (const key in c.attributes) {
    const type = attributeTypes.get(key);
    const value = c.attributes[key];
    if (type === undefined || value === undefined || !isSearchable(type)) continue;
    parts.push(type === 'phone' ? String(value).replace(/\D/g, '') : foldText(String(value)));
  }
  return parts.join('\n');
}

/** The Turkish-folded key the name sort uses: name, else WhatsApp name, else the phone. */
export function sortNameOf(c: { name: string | null; pushName: string | null; phone: string }): string {
  return foldText(c.name ?? c.pushName ?? c.phone);
}

export type ParsedQuery =
  /** Nothing typed: the newest contacts. */
  | { kind: 'all' }
  /** Fewer than three characters: a prefix of the sort name (or of the number after `+`). */
  | { kind: 'prefix'; column: 'sort_name' | 'phone'; prefix: string }
  /**
   * Trigram search: `match` is an FTS5 expression of quoted substrings (all must occur); `rest` are the words too
   * short for trigrams, checked on the candidates.
   */
  | { kind: 'fts'; match: string; rest: string[] };

const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/**
 * The digits to look for when someone types a number: `+90532` -> `90532` (with the country code),
 * `0090532` -> `90532`, `0532 123` -> `532123` (national: the trunk 0 is not stored).
 */
export function phoneQueryDigits(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  return digits.replace(/^0+/, '');
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function parseQuery(query: string): ParsedQuery {
  const raw = query.trim();
  if (raw === '') return { kind: 'all' };
  if (PHONE_LIKE.test(raw) && /\d/.test(raw)) {
    const digits = phoneQueryDigits(raw);
    if (digits.length >= 3) return { kind: 'fts', match: quote(digits), rest: [] };
    return { kind: 'prefix', column: 'phone', prefix: `+${digits}` };
  }
  const words = foldText(raw)
    .split(' ')
    .map((w) => (/^\+?\d[\d\-./()]*$/.test(w) ? phoneQueryDigits(w) : w))
    .filter((w) => w !== '');
  const long = [...new Set(words.filter((w) => [...w].length >= 3))];
  const rest = [...new Set(words.filter((w) => [...w].length < 3))];
  if (long.length === 0) return { kind: 'prefix', column: 'sort_name', prefix: foldText(raw) };
  return { kind: 'fts', match: long.map(quote).join(' AND '), rest };
}
