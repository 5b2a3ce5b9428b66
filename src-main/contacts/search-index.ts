import type Database from 'better-sqlite3';
import type { AttributeType } from '../../src-shared/api/contacts';
import { FTS_INSERT, parseAttributes } from './rows';
import { indexKeysOf, memoFold } from './search-text';

const PAGE = 5_000;

/** A contact as stored: its attribute values still the JSON of the row. */
export interface StoredSearchFields {
  phone: string;
  name: string | null;
  pushName: string | null;
  email: string | null;
  attributes: string;
}

/** The search text of a contact as stored, as `indexKeysOf` makes it. */
export function storedSearchText(row: StoredSearchFields, types: ReadonlyMap<string, AttributeType>, fold: (s: string) => string): string {
  return indexKeysOf({ ...row, attributes: parseAttributes(row.attributes) }, types, fold).search;
}

/**
 * Fills an empty search index from the directory, each contact's text as `storedSearchText` makes it. For a migration
 * that recreates the index: the text is folded in JS (SQL cannot map `ı` to `i`), so SQL alone cannot refill it.
 * Runs inside the caller's transaction, and compacts the index at the end.
 */
export function rebuildSearchIndex(sqlite: Database.Database): void {
  const defs = sqlite.prepare('SELECT key, type FROM contact_attributes').all() as { key: string; type: AttributeType }[];
  const types = new Map(defs.map((d) => [d.key, d.type]));
  const page = sqlite.prepare(
    'SELECT id, phone, name, push_name AS pushName, email, attributes FROM contacts WHERE id > ? ORDER BY id LIMIT ?',
  );
  const insert = sqlite.prepare(FTS_INSERT);
  const fold = memoFold();
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE) as (StoredSearchFields & { id: number })[];
    for (const row of rows) insert.run(row.id, storedSearchText(row, types, fold));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  // One segment, as a large import leaves it: the segments the inserts left made number searches at 1M contacts
  // slower by half (phone p99 8 -> 14 ms).
  sqlite.exec("INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize')");
}
