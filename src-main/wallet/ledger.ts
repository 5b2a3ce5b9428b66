import type Database from 'better-sqlite3';
import type { MessageKind, WalletEntryType } from '../../src-shared/api/wallet';
import type { AppError } from '../../src-shared/errors';
import { balanceTooLarge, idempotencyConflict } from './errors';

/** A `wallet_entries` row as SQLite returns it. */
export interface EntryRow {
  id: number;
  at: number;
  type: WalletEntryType;
  amount: number;
  balance_before: number;
  balance_after: number;
  channel_id: number | null;
  channel_name: string | null;
  phone: string | null;
  kind: MessageKind | null;
  card_id: number | null;
  refund_of: number | null;
  reference: string | null;
  note: string | null;
  idempotency_key: string;
}

export type EntryFields = Omit<EntryRow, 'id' | 'at' | 'balance_before' | 'balance_after'>;

export interface AppendRequest {
  idempotencyKey: string;
  /**
   * Builds the entry from the state inside the write transaction (the balance, the current price). It may throw an
   * AppError to refuse (a refund of something already refunded); nothing is written then.
   */
  build(balance: number): EntryFields;
  /** True when an earlier entry under the same key is this same operation (so its result is returned). */
  sameOperation(existing: EntryRow): boolean;
  /** The error when the entry would take the balance below zero. */
  belowZero(balance: number, amount: number): AppError;
  /** Runs inside the transaction before the first entry is written (fixes the currency). */
  beforeFirst?(): void;
}

const MAX_BALANCE = Number.MAX_SAFE_INTEGER;

/**
 * Appends to the wallet ledger on one connection. Each append is one `BEGIN IMMEDIATE` transaction (a savepoint
 * when the caller already holds one), so the key lookup, the balance read, the check and the insert see no other
 * writer in between: two connections can never both spend the same balance. The balance is read from the last
 * entry each time, never cached in memory, because another connection may have written since.
 */
export class Ledger {
  private readonly byKeyStmt: Database.Statement<[string], EntryRow>;
  private readonly byIdStmt: Database.Statement<[number], EntryRow>;
  private readonly lastStmt: Database.Statement<[], { at: number; balance_after: number }>;
  private readonly billedUntilStmt: Database.Statement<[], { until: number | null }>;
  private readonly insertStmt: Database.Statement<Record<string, unknown>, EntryRow>;
  private readonly anyStmt: Database.Statement<[], { id: number }>;
  private readonly refundStmt: Database.Statement<[number], EntryRow>;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly now: () => number,
  ) {
    this.byKeyStmt = sqlite.prepare('SELECT * FROM wallet_entries WHERE idempotency_key = ?');
    this.byIdStmt = sqlite.prepare('SELECT * FROM wallet_entries WHERE id = ?');
    this.lastStmt = sqlite.prepare('SELECT at, balance_after FROM wallet_entries ORDER BY id DESC LIMIT 1');
    this.billedUntilStmt = sqlite.prepare('SELECT max(period_end) AS until FROM wallet_statements');
    this.anyStmt = sqlite.prepare('SELECT id FROM wallet_entries LIMIT 1');
    this.refundStmt = sqlite.prepare('SELECT * FROM wallet_entries WHERE refund_of = ?');
    this.insertStmt = sqlite.prepare(
      `INSERT INTO wallet_entries (at, type, amount, balance_before, balance_after, channel_id, channel_name, phone, kind,
         card_id, refund_of, reference, note, idempotency_key)
       VALUES (@at, @type, @amount, @balance_before, @balance_after, @channel_id, @channel_name, @phone, @kind,
         @card_id, @refund_of, @reference, @note, @idempotency_key)
       RETURNING *`,
    );
  }

  /** The balance: the last entry's `balance_after`, which the chain trigger keeps equal to the sum of all amounts. */
  balance(): number {
    return this.lastStmt.get()?.balance_after ?? 0;
  }

  hasEntries(): boolean {
    return this.anyStmt.get() !== undefined;
  }

  byKey(key: string): EntryRow | undefined {
    return this.byKeyStmt.get(key);
  }

  byId(id: number): EntryRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** The refund of a charge, if it has one. */
  refundOf(chargeId: number): EntryRow | undefined {
    return this.refundStmt.get(chargeId);
  }

  /**
   * Writes one entry, or returns the entry already written under the same key (`replayed`), or throws. Callers
   * that run this inside their own transaction must have opened it with `.immediate()`, so their reads and this
   * write cannot be overtaken by another connection.
   */
  append(req: AppendRequest): { row: EntryRow; replayed: boolean } {
    return this.sqlite.transaction(() => {
      const existing = this.byKeyStmt.get(req.idempotencyKey);
      if (existing) {
        if (!req.sameOperation(existing)) throw idempotencyConflict(req.idempotencyKey);
        return { row: existing, replayed: true };
      }
      const last = this.lastStmt.get();
      const before = last?.balance_after ?? 0;
      const fields = req.build(before);
      const after = before + fields.amount;
      if (after < 0) throw req.belowZero(before, -fields.amount);
      if (after > MAX_BALANCE) throw balanceTooLarge();
      if (!last) req.beforeFirst?.();
      // Never dated before the previous entry nor inside a month already billed, so date order is ledger order and
      // an issued statement can never miss a top-up.
      const at = Math.max(this.now(), last?.at ?? 0, this.billedUntilStmt.get()?.until ?? 0);
      const row = this.insertStmt.get({ ...fields, at, balance_before: before, balance_after: after })!;
      return { row, replayed: false };
    }).immediate();
  }
}
