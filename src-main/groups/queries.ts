import type Database from 'better-sqlite3';
import type { AttributeType } from '../../src-shared/api/contacts';
import { decodeCursor } from '../contacts/cursor';
import { ftsPage, page } from '../contacts/queries';
import { contactColumnsOf, type RawContactRow } from '../contacts/rows';
import { parseQuery } from '../contacts/search-text';
import { TrigramStats } from '../contacts/trigram-stats';

export type RawMemberRow = RawContactRow & { addedAt: number };

export interface RawMemberPage {
  rows: RawMemberRow[];
  nextCursor: string | null;
}

const COLUMNS = `${contactColumnsOf('c')}, m.added_at AS addedAt`;

/**
 * A group's member list on prepared statements: newest members first through (group_id, added_at, contact_id),
 * and the directory's own search (same folding, same trigram index) narrowed to the group. `CROSS JOIN` pins the
 * loop order: the search side drives in its own index order and membership is a primary-key probe per candidate,
 * so the group's size never enters a page's cost; no page sorts.
 */
export class MemberQueries {
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly attributeTypes: () => ReadonlyMap<string, AttributeType>,
    private readonly stats = new TrigramStats(sqlite),
  ) {}

  page(input: { groupId: number; channelId: number; query?: string; limit: number; cursor?: string }): RawMemberPage {
    const q = parseQuery(input.query ?? '', this.stats.frequencies());
    const take = input.limit + 1;
    switch (q.kind) {
      case 'all': {
        const cursor = decodeCursor(input.cursor, 'members');
        const rows = this.all(
          `FROM group_members m JOIN contacts c ON c.id = m.contact_id
           WHERE m.group_id = ? AND (m.added_at, m.contact_id) < (?, ?) ORDER BY m.added_at DESC, m.contact_id DESC LIMIT ?`,
          input.groupId, Number(cursor?.k ?? Number.MAX_SAFE_INTEGER), cursor?.i ?? Number.MAX_SAFE_INTEGER, take,
        );
        return page(rows, input.limit, (last) => ({ m: 'members', k: last.addedAt, i: last.id }));
      }
      case 'prefix': {
        const mode = `members_${q.column}`;
        const cursor = decodeCursor(input.cursor, mode);
        const after = cursor ? String(cursor.k) : '';
        const rows =
          q.column === 'sort_name'
            ? this.all(
                `FROM contacts c CROSS JOIN group_members m
                 WHERE c.channel_id = ? AND c.sort_name >= ? AND c.sort_name < ? AND (c.sort_name, c.id) > (?, ?)
                   AND m.group_id = ? AND m.contact_id = c.id
                 ORDER BY c.sort_name, c.id LIMIT ?`,
                input.channelId, q.prefix, `${q.prefix}\uffff`, after, cursor?.i ?? 0, input.groupId, take,
              )
            : this.all(
                `FROM contacts c CROSS JOIN group_members m
                 WHERE c.channel_id = ? AND c.phone >= ? AND c.phone < ? AND c.phone > ? AND m.group_id = ? AND m.contact_id = c.id
                 ORDER BY c.phone LIMIT ?`,
                input.channelId, q.prefix, `${q.prefix}:`, after, input.groupId, take,
              );
        const column = q.column;
        return page(rows, input.limit, (last) => ({ m: mode, k: column === 'sort_name' ? last.sortName : last.phone, i: last.id }));
      }
      case 'fts': {
        const cursor = decodeCursor(input.cursor, 'members_fts');
        return this.fts(input, q.match, q.rest, cursor?.i ?? Number.MAX_SAFE_INTEGER);
      }
    }
  }

  private fts(
    input: { groupId: number; channelId: number; limit: number },
    match: string,
    rest: string[],
    beforeId: number,
  ): RawMemberPage {
    const stmt = this.stmt(
      `SELECT ${COLUMNS} FROM contacts_fts f CROSS JOIN group_members m CROSS JOIN contacts c
       WHERE contacts_fts MATCH ? AND f.rowid < ? AND m.group_id = ? AND m.contact_id = f.rowid
         AND c.id = f.rowid AND c.channel_id = ?
       ORDER BY f.rowid DESC LIMIT ?`,
    );
    const fetch = (before: number, n: number) => stmt.all(match, before, input.groupId, input.channelId, n) as RawMemberRow[];
    return ftsPage(fetch, rest, this.attributeTypes, { limit: input.limit, beforeId, mode: 'members_fts' });
  }

  private all(tail: string, ...params: unknown[]): RawMemberRow[] {
    return this.stmt(`SELECT ${COLUMNS} ${tail}`).all(...params) as RawMemberRow[];
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }
}
