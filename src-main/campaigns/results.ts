import type Database from 'better-sqlite3';
import type { DeliveryState, PartKind, RecipientPage, RecipientResult, UnitResult, UnitState } from '../../src-shared/api/campaigns';
import { AppError } from '../../src-shared/errors';
import { formatPhone } from '../../src-shared/domain/phone';
import { FAILURE_TEXT } from './texts';

interface RecipientRow {
  id: number;
  contactId: number;
  phone: string;
  name: string | null;
  pushName: string | null;
}

interface UnitDbRow {
  id: number;
  recipientId: number;
  position: number;
  kind: PartKind;
  state: UnitState;
  delivery: DeliveryState | null;
  body: string | null;
  variant: number | null;
  sentAt: number | null;
  failure: string | null;
}

const badCursor = () =>
  new AppError('bad_cursor', { en: 'The page cursor is not valid; start from the first page.', tr: 'Sayfa imleci geçersiz; ilk sayfadan başlayın.' }, { field: 'cursor' });

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw badCursor();
  return Number(cursor);
}

/**
 * Per-recipient results of a campaign: each recipient with every part's state, delivery, time, variant and reason.
 * Keyset-paged in sending order. Filtered by a state, the page walks the units in that state (through the
 * campaign/state index) and gathers their recipients, so a filter over 100k recipients never counts or sorts them all.
 */
export class CampaignResults {
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(private readonly sqlite: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  page(input: { campaignId: number; state?: UnitState; limit: number; cursor?: string }): RecipientPage {
    const after = parseCursor(input.cursor);
    let recipientIds: number[];
    let nextCursor: string | null;
    if (input.state === undefined) {
      recipientIds = (
        this.stmt('SELECT id FROM campaign_recipients WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?').all(
          input.campaignId,
          after,
          input.limit + 1,
        ) as { id: number }[]
      ).map((r) => r.id);
      nextCursor = recipientIds.length > input.limit ? String(recipientIds[input.limit - 1]) : null;
      recipientIds = recipientIds.slice(0, input.limit);
    } else {
      recipientIds = [];
      let cursorUnit = after;
      nextCursor = null;
      const scan = this.stmt(
        'SELECT id, recipient_id AS recipientId FROM campaign_units WHERE campaign_id = ? AND state = ? AND id > ? ORDER BY id LIMIT ?',
      );
      for (;;) {
        const rows = scan.all(input.campaignId, input.state, cursorUnit, input.limit * 4) as { id: number; recipientId: number }[];
        for (const r of rows) {
          if (recipientIds[recipientIds.length - 1] === r.recipientId) {
            cursorUnit = r.id;
            continue;
          }
          if (recipientIds.length === input.limit) {
            nextCursor = String(cursorUnit);
            break;
          }
          recipientIds.push(r.recipientId);
          cursorUnit = r.id;
        }
        if (nextCursor !== null || rows.length < input.limit * 4) break;
      }
    }
    return { items: this.recipients(recipientIds), nextCursor };
  }

  /** The recipients with their units, in the order of `ids`. */
  recipients(ids: number[]): RecipientResult[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    const people = this.stmt(
      `SELECT r.id, r.contact_id AS contactId, r.phone, c.name, c.push_name AS pushName
       FROM campaign_recipients r LEFT JOIN contacts c ON c.id = r.contact_id
       WHERE r.id IN (SELECT value FROM json_each(?))`,
    ).all(json) as RecipientRow[];
    const units = this.stmt(
      `SELECT id, recipient_id AS recipientId, position, kind, state, delivery, body, variant, sent_at AS sentAt, failure
       FROM campaign_units WHERE recipient_id IN (SELECT value FROM json_each(?)) ORDER BY recipient_id, position`,
    ).all(json) as UnitDbRow[];
    const byRecipient = new Map<number, UnitResult[]>();
    for (const u of units) {
      let list = byRecipient.get(u.recipientId);
      if (!list) byRecipient.set(u.recipientId, (list = []));
      list.push({
        unitId: u.id,
        position: u.position,
        kind: u.kind,
        state: u.state,
        delivery: u.delivery,
        body: u.body,
        variant: u.variant,
        sentAt: u.sentAt,
        failure: u.failure,
        failureText: u.failure === null ? null : (FAILURE_TEXT[u.failure] ?? null),
      });
    }
    const byId = new Map(people.map((p) => [p.id, p]));
    return ids.flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      return [
        {
          recipientId: p.id,
          contactId: p.contactId,
          phone: p.phone,
          phoneDisplay: formatPhone(p.phone),
          name: p.name ?? p.pushName,
          parts: byRecipient.get(id) ?? [],
        },
      ];
    });
  }
}
