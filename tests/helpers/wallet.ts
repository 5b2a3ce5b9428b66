import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type DbHandle } from '../../src-main/db/connection';
import { ManualClock, type Clock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import { projectRoot } from '../../src-main/platform/paths';
import { WalletService } from '../../src-main/wallet/service';
import { EventBus } from '../../src-main/platform/events';
import { luhnValid } from '../../src-shared/domain/card';

export const migrationsDir = path.join(projectRoot(), 'migrations');

export interface OpenWallet {
  handle: DbHandle;
  wallet: WalletService;
  events: EventBus;
  close(): void;
}

/** A wallet service on its own connection to `file` (two of these on one file are two independent writers). */
export function openWallet(file: string, clock: Clock = new ManualClock(), locale = 'en-US'): OpenWallet {
  const handle = openDatabase(file, { migrationsDir, now: clock.now() });
  const events = new EventBus();
  const wallet = new WalletService({
    handle,
    clock,
    log: silentLogger,
    events,
    locale: () => locale,
    files: { dataDir: path.dirname(file), dbFile: file, migrationsDir },
  });
  return { handle, wallet, events, close: () => handle.close() };
}

export function insertChannel(sqlite: Database.Database, name = 'Shop', phone = '+905321234567'): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO channels (name, name_fold, phone, engine, created_at, updated_at) VALUES (?, lower(?), ?, 'simulator', 1, 1)`,
      )
      .run(name, name, phone).lastInsertRowid,
  );
}

export function insertCard(sqlite: Database.Database, last4 = '4242'): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO wallet_cards (holder, brand, last4, expiry_month, expiry_year, created_at) VALUES ('Test Holder', 'visa', ?, 12, 2099, 1)`,
      )
      .run(last4).lastInsertRowid,
  );
}

interface Row {
  id: number;
  at: number;
  type: string;
  amount: number;
  balance_before: number;
  balance_after: number;
  channel_id: number | null;
  idempotency_key: string;
}

/**
 * Reads the whole ledger and checks every invariant the wallet promises; throws with the first broken one.
 * Returns the balance and the number of entries.
 */
export function checkLedger(sqlite: Database.Database): { balance: number; entries: number; sum: number } {
  const rows = sqlite.prepare('SELECT * FROM wallet_entries ORDER BY id').all() as Row[];
  let previous = 0;
  let lastAt = -Infinity;
  let sum = 0;
  const keys = new Set<string>();
  const days = new Map<string, { entries: number; amount: number }>();
  for (const r of rows) {
    for (const v of [r.amount, r.balance_before, r.balance_after, r.at]) {
      if (!Number.isSafeInteger(v)) throw new Error(`entry ${r.id} holds a non-integer ${v}`);
    }
    if (r.balance_before !== previous) throw new Error(`entry ${r.id}: previous balance ${r.balance_before} != ${previous}`);
    if (r.balance_before + r.amount !== r.balance_after) throw new Error(`entry ${r.id}: previous + amount != current`);
    if (r.balance_after < 0) throw new Error(`entry ${r.id}: negative balance ${r.balance_after}`);
    if (r.at < lastAt) throw new Error(`entry ${r.id} is dated before the one before it`);
    if (keys.has(r.idempotency_key)) throw new Error(`key ${r.idempotency_key} applied twice`);
    keys.add(r.idempotency_key);
    previous = r.balance_after;
    lastAt = r.at;
    sum += r.amount;
    const dayKey = `${Math.floor(r.at / 86_400_000)}|${r.type}|${r.channel_id ?? 0}`;
    const d = days.get(dayKey) ?? { entries: 0, amount: 0 };
    d.entries += 1;
    d.amount += r.amount;
    days.set(dayKey, d);
  }
  if (sum !== previous) throw new Error(`balance ${previous} != sum of entries ${sum}`);
  const stored = sqlite.prepare('SELECT day, type, channel_key, entries, amount FROM wallet_day_totals').all() as {
    day: number;
    type: string;
    channel_key: number;
    entries: number;
    amount: number;
  }[];
  if (stored.length !== days.size) throw new Error(`day totals have ${stored.length} rows, expected ${days.size}`);
  for (const s of stored) {
    const d = days.get(`${s.day}|${s.type}|${s.channel_key}`);
    if (!d || d.entries !== s.entries || d.amount !== s.amount) throw new Error(`day totals wrong for ${s.day}/${s.type}/${s.channel_key}`);
  }
  return { balance: previous, entries: rows.length, sum };
}

/** Appends the Luhn check digit, so any prefix becomes a valid test card number. */
export function withCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return partial + d;
  throw new Error('unreachable');
}
