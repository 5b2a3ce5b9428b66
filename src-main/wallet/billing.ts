import type Database from 'better-sqlite3';
import type { WalletStatement, WalletStatementDetail, WalletStatementLine } from '../../src-shared/api/wallet';
import type { CardBrand } from '../../src-shared/domain/card';
import type { Currency } from '../../src-shared/domain/money';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { statementNotFound } from './errors';

/** Months are the business's months: the app's local time zone decides where one ends. */
export function monthStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
}

export function periodOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * A long timer is not trusted to fire on time (a sleeping laptop, Node's 24.8-day limit on timers), so the check
 * runs at least this often; it costs one indexed query when there is nothing to bill.
 */
const RECHECK_MS = 6 * 60 * 60 * 1000;

interface StatementRow {
  id: number;
  period: string;
  period_start: number;
  period_end: number;
  currency: string;
  total: number;
  top_ups: number;
  created_at: number;
}

const toStatement = (r: StatementRow): WalletStatement => ({
  id: r.id,
  period: r.period,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  currency: r.currency as Currency,
  totalMinor: r.total,
  topUps: r.top_ups,
  createdAt: r.created_at,
});

/**
 * Monthly billing: top-ups are billed at the start of the next month. At startup and on a timer, every month
 * before the current one that has unbilled top-ups gets its statement, in one IMMEDIATE transaction, so two
 * processes cannot issue the same month twice (the period is unique as well). The ledger dates nothing inside a
 * billed month, so an issued statement stays complete.
 */
export class Billing {
  private timer: { cancel(): void } | null = null;
  private readonly unbilledStmt: Database.Statement<[number], { id: number; at: number; amount: number }>;
  private readonly insertStmt: Database.Statement<unknown[], StatementRow>;
  private readonly lineStmt: Database.Statement<[number, number]>;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly deps: { clock: Clock; log: Logger; currency: () => Currency; onIssued: (s: WalletStatement[]) => void },
  ) {
    this.unbilledStmt = sqlite.prepare(
      `SELECT e.id, e.at, e.amount FROM wallet_entries e
       WHERE e.type = 'top_up' AND e.at < ? AND NOT EXISTS (SELECT 1 FROM wallet_statement_lines l WHERE l.entry_id = e.id)
       ORDER BY e.id`,
    );
    this.insertStmt = sqlite.prepare(
      `INSERT INTO wallet_statements (period, period_start, period_end, currency, total, top_ups, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (period) DO NOTHING RETURNING *`,
    );
    this.lineStmt = sqlite.prepare('INSERT INTO wallet_statement_lines (statement_id, entry_id) VALUES (?, ?)');
  }

  run(): WalletStatement[] {
    const now = this.deps.clock.now();
    const issued = this.sqlite.transaction(() => {
      const unbilled = this.unbilledStmt.all(monthStart(now));
      const byPeriod = new Map<string, typeof unbilled>();
      for (const e of unbilled) {
        const period = periodOf(e.at);
        byPeriod.set(period, [...(byPeriod.get(period) ?? []), e]);
      }
      const out: WalletStatement[] = [];
      const currency = this.deps.currency();
      for (const [period, entries] of byPeriod) {
        const start = monthStart(entries[0]!.at);
        const total = entries.reduce((n, e) => n + e.amount, 0);
        const row = this.insertStmt.get(period, start, nextMonthStart(start), currency, total, entries.length, now);
        if (!row) {
          this.deps.log.warn('wallet: unbilled top-ups inside an already billed month were left out', { period, entries: entries.length });
          continue;
        }
        for (const e of entries) this.lineStmt.run(row.id, e.id);
        out.push(toStatement(row));
      }
      return out;
    }).immediate();
    if (issued.length > 0) this.deps.onIssued(issued);
    return issued;
  }

  /** Bills what is due now and keeps checking until `stop`. */
  start(): void {
    this.stop();
    try {
      this.run();
    } catch (err) {
      this.deps.log.error('wallet: monthly billing failed', { error: err instanceof Error ? err.message : String(err) });
    }
    const now = this.deps.clock.now();
    this.timer = this.deps.clock.setTimeout(() => this.start(), Math.min(nextMonthStart(now) - now + 1000, RECHECK_MS));
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  list(): WalletStatement[] {
    return (this.sqlite.prepare('SELECT * FROM wallet_statements ORDER BY period_start DESC, id DESC').all() as StatementRow[]).map(toStatement);
  }

  detail(id: number): WalletStatementDetail {
    const row = this.sqlite.prepare('SELECT * FROM wallet_statements WHERE id = ?').get(id) as StatementRow | undefined;
    if (!row) throw statementNotFound();
    const lines = this.sqlite
      .prepare(
        `SELECT e.id, e.at, e.amount, k.id AS card_id, k.brand, k.last4, k.holder, k.expiry_month, k.expiry_year
         FROM wallet_statement_lines l JOIN wallet_entries e ON e.id = l.entry_id LEFT JOIN wallet_cards k ON k.id = e.card_id
         WHERE l.statement_id = ? ORDER BY e.at, e.id`,
      )
      .all(id) as {
      id: number;
      at: number;
      amount: number;
      card_id: number | null;
      brand: string | null;
      last4: string | null;
      holder: string | null;
      expiry_month: number | null;
      expiry_year: number | null;
    }[];
    return {
      ...toStatement(row),
      lines: lines.map(
        (l): WalletStatementLine => ({
          entryId: l.id,
          at: l.at,
          amountMinor: l.amount,
          card:
            l.card_id === null
              ? null
              : {
                  id: l.card_id,
                  brand: l.brand as CardBrand,
                  last4: l.last4 ?? '',
                  holder: l.holder ?? '',
                  expiryMonth: l.expiry_month ?? 0,
                  expiryYear: l.expiry_year ?? 0,
                },
        }),
      ),
    };
  }
}
