import type Database from 'better-sqlite3';
import type { AttributeType, ContactSort } from '../../src-shared/api/contacts';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';
import { CONTACT_COLUMNS, contactColumnsOf, type RawContactRow } from './rows';
import { storedSearchText } from './search-index';
import { memoFold, ownSearchText, parseQuery } from './search-text';
import { TrigramStats } from './trigram-stats';

/** Rows the search looks at per call when its words are checked on candidates: bounds the latency. */
const SCAN_BUDGET = 2000;
const SCAN_BATCH = 200;
/** Candidates' names, cities and notes repeat across a directory: folding each word once is most of a check's cost. */
const checkFold = memoFold(50_000);

export interface RawPage {
  rows: RawContactRow[];
  nextCursor: string | null;
}

/**
 * The directory's read paths (keyset lists and search) on plain prepared statements: they are the hot path
 * (every keystroke, every scroll) and the export worker runs them on its own connection.
 */
export class ContactQueries {
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly attributeTypes: () => ReadonlyMap<string, AttributeType>,
    private readonly stats = new TrigramStats(sqlite),
  ) {}

  list(input: { channelId: number; sort: ContactSort; limit: number; cursor?: string }): RawPage {
    const cursor = decodeCursor(input.cursor, input.sort);
    const take = input.limit + 1;
    let rows: RawContactRow[];
    switch (input.sort) {
      case 'name':
        rows = cursor
          ? this.all(`WHERE channel_id = ? AND (sort_name, id) > (?, ?) ORDER BY sort_name, id LIMIT ?`, input.channelId, String(cursor.k), cursor.i, take)
          : this.all(`WHERE channel_id = ? ORDER BY sort_name, id LIMIT ?`, input.channelId, take);
        break;
      case 'created':
        rows = cursor
          ? this.all(
              `WHERE channel_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
              input.channelId, Number(cursor.k), cursor.i, take,
            )
          : this.all(`WHERE channel_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, input.channelId, take);
        break;
      case 'last_message':
        rows = this.byLastMessage(input.channelId, cursor, take);
        break;
    }
    return page(rows, input.limit, (last) => ({
      m: input.sort,
      k: input.sort === 'name' ? last.sortName : input.sort === 'created' ? last.createdAt : last.lastMessageAt,
      i: last.id,
    }));
  }

  /** Newest first through the trigram index (see `ftsPage`). */
  search(input: { channelId: number; query: string; limit: number; cursor?: string }): RawPage {
    const q = parseQuery(input.query, this.stats.frequencies());
    const take = input.limit + 1;
    switch (q.kind) {
      case 'all': {
        const cursor = decodeCursor(input.cursor, 'all');
        const rows = this.all(
          `WHERE channel_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
          input.channelId, cursor?.i ?? Number.MAX_SAFE_INTEGER, take,
        );
        return page(rows, input.limit, (last) => ({ m: 'all', i: last.id }));
      }
      case 'prefix': {
        const mode = `prefix_${q.column}`;
        const cursor = decodeCursor(input.cursor, mode);
        const after = cursor ? String(cursor.k) : '';
        const rows =
          q.column === 'sort_name'
            ? this.all(
                `WHERE channel_id = ? AND sort_name >= ? AND sort_name < ? AND (sort_name, id) > (?, ?) ORDER BY sort_name, id LIMIT ?`,
                input.channelId, q.prefix, `${q.prefix}\uffff`, after, cursor?.i ?? 0, take,
              )
            : this.all(
                `WHERE channel_id = ? AND phone >= ? AND phone < ? AND phone > ? ORDER BY phone LIMIT ?`,
                input.channelId, q.prefix, `${q.prefix}:`, after, take,
              );
        const column = q.column;
        return page(rows, input.limit, (last) => ({ m: mode, k: column === 'sort_name' ? last.sortName : last.phone, i: last.id }));
      }
      case 'fts': {
        const cursor = decodeCursor(input.cursor, 'fts');
        return this.fts(input.channelId, q.match, q.rest, input.limit, cursor?.i ?? Number.MAX_SAFE_INTEGER);
      }
    }
  }

  private fts(channelId: number, match: string, rest: string[], limit: number, beforeId: number): RawPage {
    const stmt = this.stmt(
      `SELECT ${contactColumnsOf('c')} FROM contacts_fts f JOIN contacts c ON c.id = f.rowid
       WHERE contacts_fts MATCH ? AND f.rowid < ? AND c.channel_id = ? ORDER BY f.rowid DESC LIMIT ?`,
    );
    const fetch = (before: number, n: number) => stmt.all(match, before, channelId, n) as RawContactRow[];
    return ftsPage(fetch, rest, this.attributeTypes, { limit, beforeId, mode: 'fts' });
  }

  /** Contacts with messages newest first, then those never written to, newest card first. */
  private byLastMessage(channelId: number, cursor: Cursor | null, take: number): RawContactRow[] {
    const rows: RawContactRow[] = [];
    const inNullPart = cursor !== null && (cursor.k === null || cursor.k === undefined);
    if (!inNullPart) {
      rows.push(
        ...(cursor === null
          ? this.all(`WHERE channel_id = ? AND last_message_at IS NOT NULL ORDER BY last_message_at DESC, id DESC LIMIT ?`, channelId, take)
          : this.all(
              `WHERE channel_id = ? AND last_message_at IS NOT NULL AND (last_message_at, id) < (?, ?)
               ORDER BY last_message_at DESC, id DESC LIMIT ?`,
              channelId, Number(cursor.k), cursor.i, take,
            )),
      );
    }
    if (rows.length < take) {
      const beforeId = inNullPart ? cursor.i : Number.MAX_SAFE_INTEGER;
      rows.push(
        ...this.all(
          `WHERE channel_id = ? AND last_message_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?`,
          channelId, beforeId, take - rows.length,
        ),
      );
    }
    return rows;
  }

  private all(tail: string, ...params: unknown[]): RawContactRow[] {
    return this.stmt(`SELECT ${CONTACT_COLUMNS} FROM contacts ${tail}`).all(...params) as RawContactRow[];
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }
}

/**
 * A page of trigram candidates, newest first (`fetch` reads candidates with an id below `before`). The `rest`
 * words (see `parseQuery`) are checked on the candidates, at most SCAN_BUDGET of them per call: the page may then come back
 * short, with a cursor to go on. Shared with a customer group's member search.
 */
export function ftsPage<T extends RawContactRow>(
  fetch: (before: number, n: number) => T[],
  rest: string[],
  attributeTypes: () => ReadonlyMap<string, AttributeType>,
  opts: { limit: number; beforeId: number; mode: string },
): { rows: T[]; nextCursor: string | null } {
  const { limit, mode } = opts;
  const cursorOf = (last: T): Cursor => ({ m: mode, i: last.id });
  if (rest.length === 0) return page(fetch(opts.beforeId, limit + 1), limit, cursorOf);
  const types = attributeTypes();
  const numbers = rest.filter((w) => /^\d+$/.test(w));
  const found: T[] = [];
  let scanned = 0;
  let before = opts.beforeId;
  for (;;) {
    // The first batch asks for a page and an eighth: most searches (names, words the trigrams nearly spell) find
    // nearly every candidate matching, and each row read beyond the page is a random page of the table. Searches
    // that miss more go on in larger batches.
    const want = scanned === 0 ? Math.min(SCAN_BATCH, limit + 1 + Math.ceil((limit + 1) / 8)) : SCAN_BATCH;
    const batch = fetch(before, want);
    for (const row of batch) {
      scanned += 1;
      before = row.id;
      if (numbers.length > 0 && lacksNumber(row, numbers)) continue;
      if (!holdsAll(ownSearchText(row, checkFold), rest)) {
        // Not all in the card's own fields (most misses, and words found in attribute values): the whole text.
        if (!holdsAll(storedSearchText(row, types, checkFold), rest)) continue;
      }
      found.push(row);
      if (found.length > limit) return page(found, limit, cursorOf);
    }
    if (batch.length < want) return { rows: found, nextCursor: null };
    if (scanned >= SCAN_BUDGET) return { rows: found, nextCursor: encodeCursor({ m: mode, i: before }) };
  }
}

const holdsAll = (text: string, words: string[]) => words.every((w) => text.includes(w));

/** ASCII and the Latin letters with diacritics (Turkish ones among them): folding never turns them into digits. */
// eslint-disable-next-line no-control-regex -- control characters are among those folding leaves alone
const FOLDS_TO_NO_DIGITS = /^[\x00-\x7F\u00C0-\u024F]*$/;

/**
 * True when a number the query asks for cannot be in the row's search text, decided without rebuilding that text.
 * The digits in it are the stored numbers' (E.164 holds them in one run) and those of the email and values as
 * written, unless folding makes digits (`²`, `①`) or drops marks between them: so a row whose stored fields lack
 * the number and hold none of those characters lacks it. Most candidates of a number search are such rows (its
 * trigrams stand apart in other numbers: `543 543` had 559 candidates for 37 matches, 8 ms of checks -> 1 ms).
 */
function lacksNumber(row: RawContactRow, numbers: string[]): boolean {
  const stored = `${row.phone}\n${row.name ?? ''}\n${row.pushName ?? ''}\n${row.email ?? ''}\n${row.attributes}`;
  return numbers.some((n) => !stored.includes(n)) && FOLDS_TO_NO_DIGITS.test(stored);
}

/** The first `limit` rows and, when there were more, the cursor after the last one kept. */
export function page<T>(rows: T[], limit: number, cursorOf: (last: T) => Cursor): { rows: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { rows: kept, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
