import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { SELF_CLEARING_PAUSES, type CampaignCounts, type CampaignStatus, type DeliveryState, type PartKind, type UnitState } from '../../src-shared/api/campaigns';
import type { Db } from '../db/connection';
import { campaigns } from '../db/schema';
import { assertMove } from './units';

export type CampaignRow = typeof campaigns.$inferSelect;

/** The per-state count column of the campaign row. */
const COUNT_COLUMN: Record<UnitState, string> = {
  pending: 'n_pending',
  sending: 'n_sending',
  sent: 'n_sent',
  failed: 'n_failed',
  invalid_number: 'n_invalid',
  skipped: 'n_skipped',
  unknown: 'n_unknown',
};

const DELIVERY_RANK: Record<DeliveryState, number> = { sent: 1, delivered: 2, read: 3, error: 0 };

/** The unit the engine sends next, with what it needs to send it. */
export interface NextUnit {
  id: number;
  campaignId: number;
  recipientId: number;
  position: number;
  kind: PartKind;
  charged: number;
  body: string | null;
  phone: string;
  contactId: number | null;
  checkedAt: number | null;
}

export interface UnitRow {
  id: number;
  campaignId: number;
  recipientId: number;
  position: number;
  kind: PartKind;
  state: UnitState;
  charged: number;
  refunded: number;
  body: string | null;
  sendingAt: number | null;
  phone: string;
}

export interface UnitPatch {
  body?: string | null;
  variant?: number | null;
  spins?: number[] | null;
  messageId?: string | null;
  sendingAt?: number | null;
  sentAt?: number | null;
  delivery?: DeliveryState | null;
  failure?: string | null;
  charged?: boolean;
  refunded?: boolean;
  reconcileTries?: number;
}

const PATCH_COLUMNS: Record<keyof UnitPatch, string> = {
  body: 'body',
  variant: 'variant',
  spins: 'spins',
  messageId: 'message_id',
  sendingAt: 'sending_at',
  sentAt: 'sent_at',
  delivery: 'delivery',
  failure: 'failure',
  charged: 'charged',
  refunded: 'refunded',
  reconcileTries: 'reconcile_tries',
};

function sqlValue(key: keyof UnitPatch, v: UnitPatch[keyof UnitPatch]): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (key === 'spins') return v === null || v === undefined ? null : JSON.stringify(v);
  return v ?? null;
}

export const UNIT_KEY_PREFIX = 'campaign-unit:';

/** The idempotency key of a unit's wallet charge and the clientRef of its message: one per unit, forever. */
export const unitKey = (unitId: number) => `${UNIT_KEY_PREFIX}${unitId}`;
export const refundKey = (unitId: number) => `refund:${UNIT_KEY_PREFIX}${unitId}`;

/**
 * Reads and writes of campaigns, recipients and units on the shared connection. Unit state only changes through
 * `move`/`moveMany`, which guard on the current state (so a unit can never jump a step) and adjust the campaign's
 * count columns in the same statement group; callers wrap them in their transactions.
 */
export class CampaignStore {
  private readonly stmts = new Map<string, Database.Statement>();

  // Prepared once: the engine reads these on every step, and drizzle would build and prepare the query each time.
  private readonly byId;
  private readonly sendingOf;
  private readonly pausedOf;

  constructor(
    readonly sqlite: Database.Database,
    readonly db: Db,
  ) {
    this.byId = db.select().from(campaigns).where(eq(campaigns.id, sql.placeholder('id'))).prepare();
    this.sendingOf = db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.channelId, sql.placeholder('channelId')), eq(campaigns.status, 'sending')))
      .orderBy(asc(campaigns.queuedAt), asc(campaigns.id))
      .prepare();
    this.pausedOf = db
      .select()
      .from(campaigns)
      .where(
        and(
          eq(campaigns.channelId, sql.placeholder('channelId')),
          or(
            eq(campaigns.status, 'sending'),
            and(eq(campaigns.status, 'paused'), inArray(campaigns.pauseReason, [...SELF_CLEARING_PAUSES])),
          ),
        ),
      )
      .orderBy(asc(campaigns.queuedAt), asc(campaigns.id))
      .prepare();
  }

  stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  row(id: number): CampaignRow | undefined {
    return this.byId.get({ id });
  }

  /** Just the status, for the checks inside a send's transaction. */
  status(id: number): CampaignStatus | undefined {
    return (this.stmt('SELECT status FROM campaigns WHERE id = ?').get(id) as { status: CampaignStatus } | undefined)?.status;
  }

  counts(row: CampaignRow): CampaignCounts {
    const c = {
      pending: row.nPending,
      sending: row.nSending,
      sent: row.nSent,
      failed: row.nFailed,
      invalid_number: row.nInvalid,
      skipped: row.nSkipped,
      unknown: row.nUnknown,
    };
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    return { ...c, total, delivered: row.nDelivered, read: row.nRead };
  }

  setStatus(id: number, status: CampaignStatus, now: number, patch: Partial<CampaignRow> = {}): void {
    this.db.update(campaigns).set({ ...patch, status, updatedAt: now }).where(eq(campaigns.id, id)).run();
  }

  /** Moves one unit from `from` to `to`; false (and nothing changed) when it was no longer in `from`. */
  move(unitId: number, campaignId: number, from: UnitState, to: UnitState, patch: UnitPatch, now: number): boolean {
    assertMove(from, to);
    const keys = Object.keys(patch) as (keyof UnitPatch)[];
    const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`);
    const { changes } = this.stmt(
      `UPDATE campaign_units SET state = ?${sets.map((s) => `, ${s}`).join('')} WHERE id = ? AND state = ?`,
    ).run(to, ...keys.map((k) => sqlValue(k, patch[k])), unitId, from);
    if (changes === 0) return false;
    this.bump(campaignId, from, to, 1, now, to === 'sent' ? now : null);
    return true;
  }

  /** Moves every unit of a recipient that is in `from` (its remaining parts); returns how many moved. */
  moveRecipient(recipientId: number, campaignId: number, from: UnitState, to: UnitState, failure: string | null, now: number): number {
    assertMove(from, to);
    const { changes } = this.stmt(
      'UPDATE campaign_units SET state = ?, failure = ? WHERE recipient_id = ? AND state = ?',
    ).run(to, failure, recipientId, from);
    if (changes > 0) this.bump(campaignId, from, to, changes, now);
    return changes;
  }

  /** Moves up to `limit` units of a campaign in `from` that carry no charge (charged ones need a refund each). */
  moveUncharged(campaignId: number, from: UnitState, to: UnitState, failure: string, limit: number, now: number): number {
    assertMove(from, to);
    const { changes } = this.stmt(
      `UPDATE campaign_units SET state = ?, failure = ? WHERE id IN (
         SELECT id FROM campaign_units WHERE campaign_id = ? AND state = ? AND charged = 0 ORDER BY id LIMIT ?)`,
    ).run(to, failure, campaignId, from, limit);
    if (changes > 0) this.bump(campaignId, from, to, changes, now);
    return changes;
  }

  bump(campaignId: number, from: UnitState, to: UnitState, n: number, now: number, sentAt: number | null = null): void {
    this.stmt(
      `UPDATE campaigns SET ${COUNT_COLUMN[from]} = ${COUNT_COLUMN[from]} - ?, ${COUNT_COLUMN[to]} = ${COUNT_COLUMN[to]} + ?,
         updated_at = ?, last_sent_at = coalesce(?, last_sent_at) WHERE id = ?`,
    ).run(n, n, now, sentAt, campaignId);
  }

  unit(unitId: number): UnitRow | undefined {
    return this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.state, u.charged,
              u.refunded, u.body, u.sending_at AS sendingAt, r.phone
       FROM campaign_units u JOIN campaign_recipients r ON r.id = u.recipient_id WHERE u.id = ?`,
    ).get(unitId) as UnitRow | undefined;
  }

  /**
   * The next unit to send: the lowest pending one, skipping recipients with a part whose outcome is open (in flight
   * or unknown), so a recipient's parts never arrive out of order.
   */
  nextUnit(campaignId: number): NextUnit | null {
    const row = this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.charged, u.body,
              r.phone, r.contact_id AS contactId, r.checked_at AS checkedAt
       FROM campaign_units u JOIN campaign_recipients r ON r.id = u.recipient_id
       WHERE u.campaign_id = ? AND u.state = 'pending'
         AND NOT EXISTS (SELECT 1 FROM campaign_units x WHERE x.recipient_id = u.recipient_id AND x.state IN ('sending', 'unknown'))
       ORDER BY u.id LIMIT 1`,
    ).get(campaignId) as NextUnit | undefined;
    return row ?? null;
  }

  /** Records that WhatsApp confirmed the number (written with the recipient's first send, not on its own). */
  markChecked(recipientId: number, now: number): void {
    this.stmt('UPDATE campaign_recipients SET checked_at = ? WHERE id = ? AND checked_at IS NULL').run(now, recipientId);
  }

  /** Charged units in `state` (pending ones kept their charge after a refused send; they need a refund if dropped). */
  chargedUnits(campaignId: number, state: UnitState, limit: number): UnitRow[] {
    return this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.state, u.charged,
              u.refunded, u.body, u.sending_at AS sendingAt, r.phone
       FROM campaign_units u JOIN campaign_recipients r ON r.id = u.recipient_id
       WHERE u.campaign_id = ? AND u.state = ? AND u.charged = 1 ORDER BY u.id LIMIT ?`,
    ).all(campaignId, state, limit) as UnitRow[];
  }

  unitsIn(campaignId: number, state: UnitState, ids: number[] | null, limit: number): UnitRow[] {
    const base = `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.state,
              u.charged, u.refunded, u.body, u.sending_at AS sendingAt, r.phone
       FROM campaign_units u JOIN campaign_recipients r ON r.id = u.recipient_id
       WHERE u.campaign_id = ? AND u.state = ?`;
    if (ids === null) return this.stmt(`${base} ORDER BY u.id LIMIT ?`).all(campaignId, state, limit) as UnitRow[];
    return this.stmt(`${base} AND u.id IN (SELECT value FROM json_each(?)) ORDER BY u.id LIMIT ?`).all(
      campaignId,
      state,
      JSON.stringify(ids),
      limit,
    ) as UnitRow[];
  }

  /** A recipient's units in `state`; `chargedOnly` narrows to those carrying a charge. */
  unitsOfRecipient(recipientId: number, state: UnitState, chargedOnly: boolean): UnitRow[] {
    return this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.state, u.charged,
              u.refunded, u.body, u.sending_at AS sendingAt, r.phone
       FROM campaign_units u JOIN campaign_recipients r ON r.id = u.recipient_id
       WHERE u.recipient_id = ? AND u.state = ? AND (? = 0 OR u.charged = 1) ORDER BY u.position`,
    ).all(recipientId, state, chargedOnly ? 1 : 0) as UnitRow[];
  }

  /** Campaigns of a channel that send or may send by themselves (paused for a cause that can clear), in queue order. */
  active(channelId: number): CampaignRow[] {
    return this.pausedOf.all({ channelId });
  }

  /** 1 or 0, or undefined for a contact that no longer exists. */
  optedOut(contactId: number): number | undefined {
    return (this.stmt('SELECT opted_out AS o FROM contacts WHERE id = ?').get(contactId) as { o: number } | undefined)?.o;
  }

  /** Unknown units of a channel that the chat has not been asked about `maxTries` times yet. */
  unknownToReconcile(channelId: number, maxTries: number, limit: number): UnitRow[] {
    return this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.recipient_id AS recipientId, u.position, u.kind, u.state, u.charged,
              u.refunded, u.body, u.sending_at AS sendingAt, r.phone
       FROM campaigns c JOIN campaign_units u ON u.campaign_id = c.id AND u.state = 'unknown'
       JOIN campaign_recipients r ON r.id = u.recipient_id
       WHERE c.channel_id = ? AND c.n_unknown > 0 AND u.reconcile_tries < ? ORDER BY u.id LIMIT ?`,
    ).all(channelId, maxTries, limit) as UnitRow[];
  }

  /** Every unit left in `sending` by a process that stopped: the outcome of those sends is not known. */
  strandedToUnknown(now: number): number {
    const rows = this.stmt(
      `SELECT campaign_id AS campaignId, count(*) AS n FROM campaign_units WHERE campaign_id IN
         (SELECT id FROM campaigns WHERE n_sending > 0) AND state = 'sending' GROUP BY campaign_id`,
    ).all() as { campaignId: number; n: number }[];
    let total = 0;
    for (const { campaignId, n } of rows) {
      this.stmt(`UPDATE campaign_units SET state = 'unknown' WHERE campaign_id = ? AND state = 'sending'`).run(campaignId);
      this.bump(campaignId, 'sending', 'unknown', n, now);
      total += n;
    }
    return total;
  }

  /** Raises a sent unit's delivery state (never lowers it: acks can arrive out of order). */
  ack(messageId: string, level: DeliveryState, now: number): { campaignId: number; channelId: number } | null {
    const unit = this.stmt(
      `SELECT u.id, u.campaign_id AS campaignId, u.delivery, c.channel_id AS channelId
       FROM campaign_units u JOIN campaigns c ON c.id = u.campaign_id WHERE u.message_id = ?`,
    ).get(messageId) as { id: number; campaignId: number; delivery: DeliveryState | null; channelId: number } | undefined;
    if (!unit) return null;
    const before = unit.delivery === null ? 0 : DELIVERY_RANK[unit.delivery];
    if (level !== 'error' && DELIVERY_RANK[level] <= before) return null;
    if (level === 'error' && unit.delivery === 'read') return null;
    this.sqlite.transaction(() => {
      this.stmt('UPDATE campaign_units SET delivery = ? WHERE id = ?').run(level, unit.id);
      const wasDelivered = unit.delivery === 'delivered' || unit.delivery === 'read';
      const isDelivered = level === 'delivered' || level === 'read';
      const dDelivered = (isDelivered ? 1 : 0) - (wasDelivered ? 1 : 0);
      const dRead = (level === 'read' ? 1 : 0) - (unit.delivery === 'read' ? 1 : 0);
      if (dDelivered !== 0 || dRead !== 0) {
        this.stmt('UPDATE campaigns SET n_delivered = n_delivered + ?, n_read = n_read + ?, updated_at = ? WHERE id = ?').run(
          dDelivered,
          dRead,
          now,
          unit.campaignId,
        );
      }
    })();
    return { campaignId: unit.campaignId, channelId: unit.channelId };
  }

  /** Messages the channel's campaigns put out on a local day. */
  dailyCount(channelId: number, day: string): number {
    const row = this.stmt('SELECT messages FROM campaign_daily WHERE channel_id = ? AND day = ?').get(channelId, day) as
      | { messages: number }
      | undefined;
    return row?.messages ?? 0;
  }

  countDaily(channelId: number, day: string): void {
    this.stmt(
      `INSERT INTO campaign_daily (channel_id, day, messages) VALUES (?, ?, 1)
       ON CONFLICT (channel_id, day) DO UPDATE SET messages = messages + 1`,
    ).run(channelId, day);
  }

  /** Sending campaigns of a channel in the order they send (the first is the one sending now). */
  queue(channelId: number): CampaignRow[] {
    return this.sendingOf.all({ channelId });
  }

  /** The units' counts recounted from the units themselves (tests and repair compare them with the columns). */
  recount(campaignId: number): Record<UnitState, number> {
    const out = { pending: 0, sending: 0, sent: 0, failed: 0, invalid_number: 0, skipped: 0, unknown: 0 } as Record<UnitState, number>;
    const rows = this.stmt('SELECT state, count(*) AS n FROM campaign_units WHERE campaign_id = ? GROUP BY state').all(campaignId) as {
      state: UnitState;
      n: number;
    }[];
    for (const r of rows) out[r.state] = r.n;
    return out;
  }
}
