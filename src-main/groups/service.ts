import type Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import type { AttributeType } from '../../src-shared/api/contacts';
import type {
  AddToGroupResult,
  CustomerGroup,
  GroupDeleted,
  GroupMembersPage,
  GroupPhoneEntry,
} from '../../src-shared/api/groups';
import { AppError, notFound } from '../../src-shared/errors';
import { parsePhone, PHONE_PROBLEM_TEXT, type PhoneProblem } from '../../src-shared/domain/phone';
import { foldText } from '../../src-shared/domain/text';
import type { ChannelsService } from '../channels/service';
import type { ContactsService } from '../contacts/service';
import { toContact } from '../contacts/rows';
import type { DbHandle } from '../db/connection';
import { customerGroups } from '../db/schema';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { ImportGroupHook } from '../imports/service';
import { MemberQueries } from './queries';

type GroupRow = typeof customerGroups.$inferSelect;

const GROUP = { en: 'The customer group', tr: 'Müşteri grubu' };
/** Members written per transaction on the bulk paths (search results, imports), so the UI never waits long. */
const CHUNK = 5000;
/** Directory rows read per step when adding every result of a search. */
const SEARCH_PAGE = 2000;

export interface GroupsDeps {
  handle: DbHandle;
  clock: Clock;
  events: EventBus;
  channels: ChannelsService;
  contacts: ContactsService;
  attributeTypes: () => ReadonlyMap<string, AttributeType>;
}

/** What a listener hears when a group goes; it returns how many of its drafts pointed at the group. */
export type GroupDeletedListener = (group: { id: number; channelId: number; name: string }) => number;

/**
 * Customer groups of a channel and their members. Members are directory contacts: removing one from a group or
 * deleting the group never touches the contact card, and deleting a card takes it out of every group (FK cascade).
 */
export class GroupsService {
  private readonly sqlite: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly members_: MemberQueries;
  private readonly deletedListeners = new Set<GroupDeletedListener>();

  constructor(private readonly deps: GroupsDeps) {
    this.sqlite = deps.handle.sqlite;
    this.members_ = new MemberQueries(this.sqlite, deps.attributeTypes);
  }

  list(channelId: number): CustomerGroup[] {
    this.deps.channels.row(channelId);
    const rows = this.deps.handle.db
      .select()
      .from(customerGroups)
      .where(eq(customerGroups.channelId, channelId))
      .orderBy(customerGroups.nameFold, customerGroups.id)
      .all();
    const optedOut = new Map(
      (
        this.stmt(
          `SELECT m.group_id AS groupId, count(*) AS n FROM contacts c JOIN group_members m ON m.contact_id = c.id
           WHERE c.channel_id = ? AND c.opted_out = 1 GROUP BY m.group_id`,
        ).all(channelId) as { groupId: number; n: number }[]
      ).map((r) => [r.groupId, r.n]),
    );
    return rows.map((r) => this.toGroup(r, optedOut.get(r.id) ?? 0));
  }

  get(id: number): CustomerGroup {
    const row = this.row(id);
    const { n } = this.stmt(
      `SELECT count(*) AS n FROM group_members m JOIN contacts c ON c.id = m.contact_id WHERE m.group_id = ? AND c.opted_out = 1`,
    ).get(id) as { n: number };
    return this.toGroup(row, n);
  }

  row(id: number): GroupRow {
    const row = this.deps.handle.db.select().from(customerGroups).where(eq(customerGroups.id, id)).get();
    if (!row) throw notFound(GROUP, 'id');
    return row;
  }

  create(input: { channelId: number; name: string; description?: string | null }): CustomerGroup {
    this.deps.channels.row(input.channelId);
    this.assertNameFree(input.channelId, input.name, null);
    const now = this.deps.clock.now();
    const row = this.deps.handle.db
      .insert(customerGroups)
      .values({
        channelId: input.channelId,
        name: input.name,
        nameFold: foldText(input.name),
        description: input.description ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.changed(row.channelId, row.id);
    return this.toGroup(row, 0);
  }

  update(input: { id: number; name?: string; description?: string | null }): CustomerGroup {
    const current = this.row(input.id);
    const patch: Partial<GroupRow> = { updatedAt: this.deps.clock.now() };
    if (input.name !== undefined) {
      this.assertNameFree(current.channelId, input.name, current.id);
      patch.name = input.name;
      patch.nameFold = foldText(input.name);
    }
    if (input.description !== undefined) patch.description = input.description;
    this.deps.handle.db.update(customerGroups).set(patch).where(eq(customerGroups.id, current.id)).run();
    this.changed(current.channelId, current.id);
    return this.get(current.id);
  }

  /**
   * Deletes the group and its memberships, never the contacts. Listeners (bulk-message drafts aiming at the group)
   * are told inside the same transaction, so a draft can never end up pointing at a group that is gone.
   */
  delete(id: number): GroupDeleted {
    const group = this.row(id);
    let draftsAffected = 0;
    this.sqlite.transaction(() => {
      for (const listener of this.deletedListeners) {
        draftsAffected += listener({ id: group.id, channelId: group.channelId, name: group.name });
      }
      this.stmt('DELETE FROM customer_groups WHERE id = ?').run(group.id);
    })();
    this.changed(group.channelId, group.id);
    return { deleted: true, draftsAffected };
  }

  /** Subscribes to group deletions (the bulk-message drafts do); returns the unsubscribe function. */
  onGroupDeleted(listener: GroupDeletedListener): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  /**
   * Adds directory contacts and typed numbers. Every number is checked first: one that is not valid is named in
   * the error and nothing at all is changed. New numbers get a contact card (with the name typed, if any).
   */
  addContacts(input: { groupId: number; contactIds?: number[]; phones?: GroupPhoneEntry[] }): AddToGroupResult {
    const group = this.row(input.groupId);
    const channel = this.deps.channels.row(group.channelId);
    const entries = normalisePhones(input.phones ?? [], channel.defaultCountry);
    const contactIds = [...new Set(input.contactIds ?? [])];
    this.assertContactsInChannel(contactIds, group.channelId);
    const result = this.sqlite.transaction(() => {
      const ensured = entries.length > 0 ? this.deps.contacts.ensure(group.channelId, entries) : { ids: [], created: 0 };
      const ids = [...new Set([...contactIds, ...ensured.ids])];
      return { ...this.insertMembers(group.id, ids), created: ensured.created };
    })();
    this.changed(group.channelId, group.id);
    return result;
  }

  /** Adds every directory contact a search finds (the whole directory for an empty query), a page at a time. */
  async addSearchResults(input: { groupId: number; query: string }): Promise<AddToGroupResult> {
    const group = this.row(input.groupId);
    const total: AddToGroupResult = { added: 0, alreadyMember: 0, created: 0 };
    let cursor: string | undefined;
    do {
      const page = this.deps.contacts.queries.search({ channelId: group.channelId, query: input.query, limit: SEARCH_PAGE, cursor });
      const counts = this.sqlite.transaction(() => this.insertMembers(group.id, page.rows.map((r) => r.id)))();
      total.added += counts.added;
      total.alreadyMember += counts.alreadyMember;
      cursor = page.nextCursor ?? undefined;
      if (cursor !== undefined) await yieldToOthers();
    } while (cursor !== undefined);
    this.changed(group.channelId, group.id);
    return total;
  }

  /** Adds contacts that are known to be in the group's channel (an import's), in short transactions. */
  async addMany(groupId: number, contactIds: number[]): Promise<AddToGroupResult> {
    const group = this.row(groupId);
    const ids = [...new Set(contactIds)];
    const total: AddToGroupResult = { added: 0, alreadyMember: 0, created: 0 };
    for (let i = 0; i < ids.length; i += CHUNK) {
      if (i > 0) await yieldToOthers();
      const counts = this.sqlite.transaction(() => this.insertMembers(group.id, ids.slice(i, i + CHUNK)))();
      total.added += counts.added;
      total.alreadyMember += counts.alreadyMember;
    }
    this.changed(group.channelId, group.id);
    return total;
  }

  removeContacts(input: { groupId: number; contactIds: number[] }): { removed: number } {
    const group = this.row(input.groupId);
    const removed = this.sqlite.transaction(() => {
      const { changes } = this.stmt(
        'DELETE FROM group_members WHERE group_id = ? AND contact_id IN (SELECT value FROM json_each(?))',
      ).run(group.id, JSON.stringify([...new Set(input.contactIds)]));
      if (changes > 0) this.touch(group.id);
      return changes;
    })();
    this.changed(group.channelId, group.id);
    return { removed };
  }

  members(input: { groupId: number; query?: string; limit: number; cursor?: string }): GroupMembersPage {
    const group = this.row(input.groupId);
    const page = this.members_.page({ ...input, channelId: group.channelId });
    return { items: page.rows.map((r) => ({ ...toContact(r), addedAt: r.addedAt })), nextCursor: page.nextCursor };
  }

  ofContact(contactId: number): { id: number; name: string }[] {
    this.deps.contacts.row(contactId);
    return this.stmt(
      `SELECT g.id, g.name FROM group_members m JOIN customer_groups g ON g.id = m.group_id
       WHERE m.contact_id = ? ORDER BY g.name_fold, g.id`,
    ).all(contactId) as { id: number; name: string }[];
  }

  /** The hook the contacts import calls for `groupId`: every imported or matched contact joins the group. */
  importHook(): ImportGroupHook {
    return {
      check: (groupId, channelId) => {
        const group = this.row(groupId);
        if (group.channelId !== channelId) throw otherChannel('groupId');
      },
      onImported: async (groupId, contactIds) => {
        const { added, alreadyMember } = await this.addMany(groupId, contactIds);
        return { added, alreadyMember };
      },
    };
  }

  private insertMembers(groupId: number, ids: number[]): { added: number; alreadyMember: number } {
    if (ids.length === 0) return { added: 0, alreadyMember: 0 };
    const { changes } = this.stmt(
      `INSERT INTO group_members (group_id, contact_id, added_at) SELECT ?, value, ? FROM json_each(?) WHERE true
       ON CONFLICT (group_id, contact_id) DO NOTHING`,
    ).run(groupId, this.deps.clock.now(), JSON.stringify(ids));
    if (changes > 0) this.touch(groupId);
    return { added: changes, alreadyMember: ids.length - changes };
  }

  private touch(groupId: number): void {
    this.stmt('UPDATE customer_groups SET updated_at = ? WHERE id = ?').run(this.deps.clock.now(), groupId);
  }

  private assertContactsInChannel(ids: number[], channelId: number): void {
    if (ids.length === 0) return;
    const found = new Set(
      (
        this.stmt('SELECT c.id FROM json_each(?) j JOIN contacts c ON c.id = j.value WHERE c.channel_id = ?').all(
          JSON.stringify(ids),
          channelId,
        ) as { id: number }[]
      ).map((r) => r.id),
    );
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError(
        'contact_not_found',
        {
          en: `${missing.length} of the chosen contacts are not in this channel's directory (deleted meanwhile?). Nothing was added.`,
          tr: `Seçilen kişilerden ${missing.length} tanesi bu kanalın rehberinde yok (bu arada silinmiş olabilir). Hiçbir şey eklenmedi.`,
        },
        { field: 'contactIds', details: { missing: missing.slice(0, 100) } },
      );
    }
  }

  private assertNameFree(channelId: number, name: string, exceptId: number | null): void {
    const clash = this.deps.handle.db
      .select({ id: customerGroups.id, name: customerGroups.name })
      .from(customerGroups)
      .where(and(eq(customerGroups.channelId, channelId), eq(customerGroups.nameFold, foldText(name))))
      .get();
    if (clash && clash.id !== exceptId) {
      throw new AppError(
        'name_taken',
        {
          en: `This channel already has a group named "${clash.name}".`,
          tr: `Bu kanalda "${clash.name}" adında bir grup zaten var.`,
        },
        { field: 'name' },
      );
    }
  }

  private memberCount(groupId: number): number {
    return (this.stmt('SELECT count(*) AS n FROM group_members WHERE group_id = ?').get(groupId) as { n: number }).n;
  }

  private toGroup(row: GroupRow, optedOutCount: number): CustomerGroup {
    return {
      id: row.id,
      channelId: row.channelId,
      name: row.name,
      description: row.description,
      memberCount: this.memberCount(row.id),
      optedOutCount,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  private changed(channelId: number, groupId: number): void {
    this.deps.events.emit('groups.changed', { channelId, groupId });
  }
}

/** Every typed number in E.164 (duplicates merged, first name kept), or an error naming the ones that are not valid. */
export function normalisePhones(entries: GroupPhoneEntry[], defaultCountry: string): { phone: string; name: string | null }[] {
  const out = new Map<string, { phone: string; name: string | null }>();
  const bad: { index: number; input: string; problem: PhoneProblem }[] = [];
  entries.forEach((entry, index) => {
    const raw = typeof entry === 'string' ? entry : entry.phone;
    const parsed = parsePhone(raw, defaultCountry);
    if (!parsed.ok) {
      bad.push({ index, input: raw, problem: parsed.problem });
      return;
    }
    const name = typeof entry === 'string' ? null : (entry.name ?? null);
    const seen = out.get(parsed.e164);
    if (!seen) out.set(parsed.e164, { phone: parsed.e164, name });
    else if (seen.name === null && name !== null) seen.name = name;
  });
  const first = bad[0];
  if (first) {
    const text = PHONE_PROBLEM_TEXT[first.problem];
    const more = bad.length - 1;
    throw new AppError(
      `phone_${first.problem}`,
      {
        en: `"${clip(first.input)}": ${text.en}${more > 0 ? ` (${more} more number${more > 1 ? 's are' : ' is'} not valid either.)` : ''} Nothing was added.`,
        tr: `"${clip(first.input)}": ${text.tr}${more > 0 ? ` (${more} numara daha geçersiz.)` : ''} Hiçbir şey eklenmedi.`,
      },
      { field: `phones.${first.index}`, details: { invalid: bad.slice(0, 100) } },
    );
  }
  return [...out.values()];
}

function otherChannel(field: string): AppError {
  return new AppError(
    'group_other_channel',
    {
      en: 'This customer group belongs to another channel. Choose a group of the channel you are importing into.',
      tr: 'Bu müşteri grubu başka bir kanala ait. İçe aktardığınız kanalın bir grubunu seçin.',
    },
    { field },
  );
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
