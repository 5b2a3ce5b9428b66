import type Database from 'better-sqlite3';
import { ATTRIBUTE_KEY_RE, type AttributeValue, type Contact, type ContactSource } from '../../src-shared/api/contacts';
import { formatPhone } from '../../src-shared/domain/phone';

/** The columns every raw contact read selects, aliased to the names drizzle would give them. */
export const CONTACT_COLUMNS = [
  'id',
  'channel_id AS channelId',
  'phone',
  'name',
  'push_name AS pushName',
  'email',
  'attributes',
  'source',
  'sort_name AS sortName',
  'created_at AS createdAt',
  'updated_at AS updatedAt',
  'last_message_at AS lastMessageAt',
  'opted_out AS optedOut',
  'opted_out_at AS optedOutAt',
  'opt_out_reason AS optOutReason',
].join(', ');

/** The same columns qualified with a table alias, for joins. */
export const contactColumnsOf = (alias: string) =>
  CONTACT_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

export interface RawContactRow {
  id: number;
  channelId: number;
  phone: string;
  name: string | null;
  pushName: string | null;
  email: string | null;
  attributes: string;
  source: ContactSource;
  sortName: string;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number | null;
  optedOut: number;
  optedOutAt: number | null;
  optOutReason: string | null;
}

export function parseAttributes(json: string): Record<string, AttributeValue> {
  const parsed: unknown = JSON.parse(json);
  const out: Record<string, AttributeValue> = {};
  if (typeof parsed !== 'object' || parsed === null) return out;
  for (const [k, v] of Object.entries(parsed)) {
    if (ATTRIBUTE_KEY_RE.test(k) && (typeof v === 'string' || typeof v === 'number')) out[k] = v;
  }
  return out;
}

export function toContact(row: RawContactRow): Contact {
  const phoneDisplay = formatPhone(row.phone);
  return {
    id: row.id,
    channelId: row.channelId,
    phone: row.phone,
    phoneDisplay,
    name: row.name,
    pushName: row.pushName,
    displayName: row.name ?? row.pushName ?? phoneDisplay,
    email: row.email,
    attributes: parseAttributes(row.attributes),
    source: row.source,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastMessageAt: row.lastMessageAt,
    optedOut: row.optedOut === 1,
    optedOutAt: row.optedOutAt,
    optOutReason: row.optOutReason,
  };
}

export const FTS_INSERT = 'INSERT INTO contacts_fts (rowid, search) VALUES (?, ?)';
export const FTS_DELETE = 'DELETE FROM contacts_fts WHERE rowid = ?';

/**
 * Whether the search index merges its segments as rows arrive (FTS5's defaults: a level is merged once it holds
 * four segments, and must be at sixteen) or is left to a bulk import, which merges the newest level itself every
 * few dozen commits (`mergeNewestSegments`) and compacts once at its end: that measured about a tenth less writer
 * time. FTS5's forced merge stays, only far off (200 segments), so it never falls on one of the app's own small
 * commits during an import, on the thread that serves the UI. Every start of the app turns merging back on in case
 * an import was cut short.
 */
export function setSearchIndexMerging(sqlite: Database.Database, on: boolean): void {
  const automerge = sqlite.prepare("SELECT v FROM contacts_fts_config WHERE k = 'automerge'").pluck().get() as number | undefined;
  // Already so (no row means FTS5's defaults): nothing to write, so an ordinary start of the app writes nothing.
  if ((automerge !== 0) === on) return;
  // FTS5 reads the value as part of the statement's text: it cannot be a bound parameter.
  sqlite.transaction(() => {
    sqlite.exec(`INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('automerge', ${on ? 4 : 0})`);
    sqlite.exec(`INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('crisismerge', ${on ? 16 : 200})`);
    // Off: an explicit merge takes on the level with the most segments, and the next one only from sixteen.
    sqlite.exec(`INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('usermerge', ${on ? 4 : 16})`);
  })();
}
