import type { AttributeType, AttributeValue } from '../../src-shared/api/contacts';
import { foldText } from '../../src-shared/domain/text';
import { isSearchable } from './values';

type Indexed = {
  name: string | null;
  pushName: string | null;
  phone: string;
  email: string | null;
  attributes: Record<string, AttributeValue>;
};

/**
 * What a contact contributes to the list order and the trigram index. `sortName` is the Turkish-folded display
 * name (name, else WhatsApp name, else phone); `search` holds the folded name and WhatsApp name, the phone's
 * digits with the country code, email and searchable attribute values, one per line so no match spans two fields.
 */
export function indexKeysOf(
  c: Indexed,
  attributeTypes: ReadonlyMap<string, AttributeType>,
  fold: (s: string) => string = foldText,
): { sortName: string; search: string } {
  const { lines: parts, name } = ownLines(c, fold);
  for (const key in c.attributes) {
    const type = attributeTypes.get(key);
    const value = c.attributes[key];
    if (type === undefined || value === undefined || !isSearchable(type)) continue;
    parts.push(type === 'phone' ? String(value).replace(/\D/g, '') : fold(String(value)));
  }
  return { sortName: name ?? (c.pushName ? fold(c.pushName) : c.phone), search: parts.join('\n') };
}

/** The first lines of `search`: the card's own fields, without the attribute values. */
export function ownSearchText(c: Omit<Indexed, 'attributes'>, fold: (s: string) => string = foldText): string {
  return ownLines(c, fold).lines.join('\n');
}

function ownLines(c: Omit<Indexed, 'attributes'>, fold: (s: string) => string): { lines: string[]; name: string | null } {
  const name = c.name ? fold(c.name) : null;
  const push = c.pushName && c.pushName !== c.name ? fold(c.pushName) : null;
  const lines = [c.phone.replace(/\D/g, '')];
  if (name) lines.push(name);
  if (push) lines.push(push);
  if (c.email) lines.push(c.email.toLowerCase());
  return { lines, name };
}

/**
 * `foldText` with a per-word memo, for the import's bulk path: names, surnames and cities repeat across a file,
 * and folding (NFKD and mark stripping) is the costliest part of preparing a row. Same result as `foldText`.
 */
export function memoFold(maxWords = 200_000): (s: string) => string {
  const memo = new Map<string, string>();
  const word = (w: string) => {
    let f = memo.get(w);
    if (f === undefined) {
      if (memo.size >= maxWords) memo.clear();
      f = foldText(w);
      memo.set(w, f);
    }
    return f;
  };
  return (s) => {
    if (s.length > 200) return foldText(s);
    let out = '';
    for (const w of s.split(/\s+/)) {
      if (w === '') continue;
      const f = word(w);
      if (f !== '') out = out === '' ? f : `${out} ${f}`;
    }
    return out;
  };
}

export type ParsedQuery =
  /** Nothing typed: the newest contacts. */
  | { kind: 'all' }
  /** Fewer than three characters: a prefix of the sort name (or of the number after `+`). */
  | { kind: 'prefix'; column: 'sort_name' | 'phone'; prefix: string }
  /**
   * Trigram search: `match` is an FTS5 expression of trigrams that must all occur in a contact's text, anywhere (the
   * index keeps no positions, see migration 0008). `rest` are the words this does not prove by itself, checked on
   * the candidates' text: every word but one of exactly three characters, whose trigram is the word.
   */
  | { kind: 'fts'; match: string; rest: string[] };

const PHONE_LIKE = /^[+\d\s().\-/]+$/;
/**
 * Characters beyond which a word counts as long: planned by trigram frequency (`planFts`) when the directory is
 * large, and an address's domain left to the candidate check in the fixed plan: its trigrams (`com`, `mai`, `tlo`)
 * stand in a large part of the directory and cost more than they narrow, while its local part (`isil.kurt17`) pins
 * a contact down.
 */
const LONG_WORD = 10;

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

/** An FTS5 string matching `s` literally. */
export const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Digits a long number query leaves to the candidate check. A number typed with its country code or trunk prefix
 * (`+90543815`, `05438157`) starts with digits nearly every stored number shares (`905`), so the index walks a
 * doclist of most of the directory for them; five or more digits after them still pin a contact down. Measured at
 * 1M contacts: p50 12.7 ms -> 2.3 ms for `+90...` queries.
 */
const LEADING_DIGITS = 3;

/** A word's trigrams that cover each of its characters once or twice: `istanbul` -> `ist`, `anb`, `bul`. */
function coveringTrigrams(chars: string[]): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i += 3) grams.push(chars.slice(i, i + 3).join(''));
  if (chars.length % 3 !== 0 && chars.length > 3) grams.push(chars.slice(-3).join(''));
  return grams;
}

/**
 * The fixed plan: each word's covering trigrams (an address's up to the @); without positions in the index, the
 * trigrams between them narrow a word of letters only slightly more, each for one more doclist to walk. A number
 * gives all its trigrams (without its leading digits): ten digits make few distinct trigrams, every number holds
 * some of them, and `532 123` covered by `532` and `123` alone let through thousands of numbers holding both
 * apart, each read and checked. The candidate check makes the result exact either way.
 */
function ftsOf(words: string[]): ParsedQuery {
  const unique = [...new Set(words)];
  const grams = new Set<string>();
  const rest: string[] = [];
  for (const w of unique) {
    const chars = [...w];
    if (chars.length !== 3) rest.push(w);
    if (chars.length < 3) continue;
    const at = chars.indexOf('@');
    const indexed = /^\d{8,}$/.test(w) ? chars.slice(LEADING_DIGITS) : chars.length > LONG_WORD && at >= 3 ? chars.slice(0, at) : chars;
    for (const g of /^\d+$/.test(w) ? trigramsOf(indexed.join('')) : coveringTrigrams(indexed)) grams.add(g);
  }
  return { kind: 'fts', match: [...grams].map(quote).join(' AND '), rest };
}

/**
 * How many contacts hold a trigram (an estimate is enough: it only steers the plan, never the result), and how
 * many contacts there are.
 */
export interface TrigramFrequencies {
  total: number;
  docs(trigram: string): number;
}

/**
 * Relative cost of checking one candidate row (read it, rebuild its search text, test the words) against walking
 * one doclist entry of a trigram inside FTS5. Measured at 1M contacts: an AND of trigrams walks about 100 entries
 * per microsecond; a candidate costs some 10 microseconds.
 */
const CANDIDATE_COST = 1000;
/** Trigrams one query puts to the index at most; more never narrow enough to pay for their doclists. */
const MAX_TOKENS = 6;

/**
 * The trigram plan when the directory is large: the full words stay as the `rest` checked on candidates, and
 * the index is asked only for the rarest trigrams among them, added while the candidates they would remove cost
 * more to check than the trigram's doclist costs to walk. Asking for all of a word's trigrams makes FTS5 walk each
 * doclist to the end when the matches are few (`mai`, `com`, `905` stand in a large part of the directory), while
 * rare ones (`r46`, `l.o`) ANDed let it skip. Measured at 1M contacts through the router: email p99 9 ms -> 4 ms.
 */
export function planFts(words: string[], freq: TrigramFrequencies): { match: string; rest: string[] } {
  const unique = [...new Set(words)];
  const total = Math.max(1, freq.total);
  const options: { word: number; at: number; gram: string; docs: number }[] = [];
  unique.forEach((word, w) =>
    trigramsOf(word).forEach((gram, at) => {
      if (!options.some((o) => o.gram === gram)) options.push({ word: w, at, gram, docs: freq.docs(gram) });
    }),
  );
  // Each word's rarest trigram first: words narrow independently of one another, trigrams of one word much less.
  const rarest = new Map<number, (typeof options)[number]>();
  for (const o of options) if (o.docs < (rarest.get(o.word)?.docs ?? Infinity)) rarest.set(o.word, o);
  const tier = (o: (typeof options)[number]) => (rarest.get(o.word) === o ? 0 : 1);
  options.sort((a, b) => tier(a) - tier(b) || a.docs - b.docs);
  const taken: { word: number; at: number; gram: string }[] = [];
  let candidates = total;
  for (const o of options) {
    if (taken.length >= MAX_TOKENS) break;
    // A trigram overlapping a chosen one in the same word narrows only by the characters it adds: `ery` after
    // `der` by its `y`, counted as a third of its own rarity.
    const added = taken.reduce((n, t) => (t.word === o.word ? Math.min(n, Math.abs(t.at - o.at)) : n), 3);
    const share = Math.min(1, o.docs / total) ** (added / 3);
    if (taken.length > 0 && candidates * (1 - share) * CANDIDATE_COST <= o.docs) continue;
    taken.push(o);
    candidates *= share;
  }
  const grams = new Set(taken.map((t) => t.gram));
  return { match: [...grams].map(quote).join(' AND '), rest: unique.filter((w) => [...w].length !== 3 || !grams.has(w)) };
}

function trigramsOf(word: string): string[] {
  const chars = [...word];
  const grams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) grams.push(chars.slice(i, i + 3).join(''));
  return grams;
}

/** The words a query puts to the trigram index, or what to do instead when it has none. */
function queryWords(query: string): Exclude<ParsedQuery, { kind: 'fts' }> | { kind: 'words'; words: string[]; number: boolean } {
  const raw = query.trim();
  if (raw === '') return { kind: 'all' };
  if (PHONE_LIKE.test(raw) && /\d/.test(raw)) {
    const digits = phoneQueryDigits(raw);
    if (digits.length >= 3) return { kind: 'words', words: [digits], number: true };
    return { kind: 'prefix', column: 'phone', prefix: `+${digits}` };
  }
  const words = foldText(raw)
    .split(' ')
    .map((w) => (/^\+?\d[\d\-./()]*$/.test(w) ? phoneQueryDigits(w) : w))
    .filter((w) => w !== '');
  if (!words.some((w) => [...w].length >= 3)) return { kind: 'prefix', column: 'sort_name', prefix: foldText(raw) };
  return { kind: 'words', words, number: false };
}

/**
 * The query's plan. Words of letters only (names, cities) go to the index by the fixed plan: their matches are
 * plentiful, so the walk stops at the first page, and measured at 1M contacts the frequency-driven plan was
 * slower for them (p99 about 7 -> 8.5 ms), as it was for a typed number of up to seven digits (6 -> 7.5 ms),
 * whose digit trigrams are evenly spread. Addresses, long words (`mehmet.ozdemir4@ou`) and longer numbers, whose
 * fixed plan leaves the leading digits to the candidates (`+90505420` scanned thousands, 35 ms), go through
 * `planFts` when the directory is large enough to have trigram frequencies (email p99 8.8 -> 3.9 ms).
 */
export function parseQuery(query: string, freq?: TrigramFrequencies): ParsedQuery {
  const q = queryWords(query);
  if (q.kind !== 'words') return q;
  const planned = freq && (q.number ? /^\d{8,}$/.test(q.words[0]!) : q.words.some((w) => /[^\p{L}]/u.test(w) || [...w].length > LONG_WORD));
  return planned ? { kind: 'fts', ...planFts(q.words, freq) } : ftsOf(q.words);
}
