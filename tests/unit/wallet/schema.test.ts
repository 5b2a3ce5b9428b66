import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { tempDir } from '../../helpers/core';
import { checkLedger, migrationsDir } from '../../helpers/wallet';

const all = loadMigrations(migrationsDir);
const first = all.findIndex((m) => m.tag.endsWith('_wallet'));
const ours = all.filter((m) => m.tag.includes('wallet'));
const TRIGGERS = [
  'wallet_day_totals_no_delete',
  'wallet_entries_chain',
  'wallet_entries_day_totals',
  'wallet_entries_no_delete',
  'wallet_entries_no_update',
  'wallet_statement_lines_no_delete',
  'wallet_statement_lines_no_replace',
  'wallet_statement_lines_no_update',
  'wallet_statements_no_delete',
  'wallet_statements_no_update',
];

function fresh(): Database.Database {
  const db = new Database(path.join(tempDir(), 'db.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, all);
  db.prepare(`INSERT INTO wallet_cards (holder, brand, last4, expiry_month, expiry_year, created_at) VALUES ('A', 'visa', '4242', 1, 2099, 1)`).run();
  return db;
}

const insert = (db: Database.Database, v: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO wallet_entries (at, type, amount, balance_before, balance_after, card_id, kind, refund_of, channel_id, idempotency_key)
       VALUES (@at, @type, @amount, @before, @after, @card, @kind, @refundOf, @channel, @key)`,
    )
    .run({ at: 1, card: null, kind: null, refundOf: null, channel: null, ...v });

describe('wallet schema', () => {
  it('is the table migration followed by the trigger migration, and every trigger exists after the last step', () => {
    expect(ours.map((m) => m.tag)).toEqual([all[first]!.tag, all[first + 1]!.tag]);
    expect(ours[1]!.tag).toMatch(/wallet_triggers$/);
    const db = fresh();
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'wallet%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(TRIGGERS);
  });

  it('applies on a database at the step before it that already holds channels and contacts, leaving them as they were', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    migrate(db, all.slice(0, first));
    db.prepare(`INSERT INTO channels (id, name, name_fold, phone, engine, created_at, updated_at) VALUES (1, 'A', 'a', '+905321234567', 'simulator', 1, 1)`).run();
    db.prepare(`INSERT INTO contacts (channel_id, phone, name, source, sort_name, created_at, updated_at) VALUES (1, '+905320000001', 'Işıl', 'manual', 'isil', 1, 1)`).run();
    const before = [db.prepare('SELECT * FROM channels').all(), db.prepare('SELECT * FROM contacts').all()];
    expect(migrate(db, all.slice(0, first + ours.length)).applied).toEqual(ours.map((m) => m.tag));
    expect([db.prepare('SELECT * FROM channels').all(), db.prepare('SELECT * FROM contacts').all()]).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('rejects UPDATE and DELETE of entries, statements and statement lines', () => {
    const db = fresh();
    insert(db, { type: 'top_up', amount: 100, before: 0, after: 100, card: 1, key: 'a', at: 5 });
    db.prepare(`INSERT INTO wallet_statements (period, period_start, period_end, currency, total, top_ups, created_at) VALUES ('1970-01', 0, 10, 'TRY', 100, 1, 10)`).run();
    db.prepare('INSERT INTO wallet_statement_lines (statement_id, entry_id) VALUES (1, 1)').run();
    expect(() => db.prepare('UPDATE wallet_entries SET amount = 1000, balance_after = 1000').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE wallet_entries SET note = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM wallet_entries').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE wallet_statements SET total = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM wallet_statements').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE wallet_statement_lines SET entry_id = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM wallet_statement_lines').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM wallet_day_totals').run()).toThrow(/kept by the ledger/);
    expect(() => db.prepare('INSERT OR REPLACE INTO wallet_entries SELECT * FROM wallet_entries').run()).toThrow(/cannot replace/);
    expect(() => insert(db, { type: 'top_up', amount: 5, before: 100, after: 105, card: 1, key: 'a', at: 5 })).toThrow(/cannot replace/);
    expect(() => db.prepare('INSERT OR REPLACE INTO wallet_statement_lines (statement_id, entry_id) VALUES (1, 1)').run()).toThrow(/billed once/);
    expect(db.prepare('SELECT amount, balance_after FROM wallet_entries').all()).toEqual([{ amount: 100, balance_after: 100 }]);
  });

  it('cannot store a REAL amount or balance, nor a text one', () => {
    const db = fresh();
    expect(() => insert(db, { type: 'top_up', amount: 100.5, before: 0, after: 100.5, card: 1, key: 'a' })).toThrow(/wallet_entries_integers/);
    expect(() => insert(db, { type: 'top_up', amount: '100', before: 0, after: 100, card: 1, key: 'a' })).not.toThrow();
    expect(db.prepare('SELECT typeof(amount) AS t FROM wallet_entries').get()).toEqual({ t: 'integer' });
    expect(() => insert(db, { type: 'top_up', amount: 'ten', before: 100, after: 110, card: 1, key: 'b' })).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`INSERT INTO wallet_settings (id, price_text, price_image, low_balance_threshold, top_up_min, top_up_max, updated_at) VALUES (1, 0.25, 1, 1, 1, 1, 1)`).run()).toThrow(/wallet_settings_money/);
    expect(() => db.prepare(`INSERT INTO wallet_statements (period, period_start, period_end, currency, total, top_ups, created_at) VALUES ('x', 0, 1, 'TRY', 1.5, 1, 1)`).run()).toThrow(/CHECK/);
  });

  it('enforces the chain, the sign of each type and a balance that never goes below zero', () => {
    const db = fresh();
    insert(db, { type: 'top_up', amount: 100, before: 0, after: 100, card: 1, key: 'a', at: 10 });
    expect(() => insert(db, { type: 'message_charge', amount: -10, before: 90, after: 80, kind: 'text', key: 'b', at: 10 })).toThrow(/chain broken/);
    expect(() => insert(db, { type: 'message_charge', amount: -10, before: 100, after: 90, kind: 'text', key: 'b', at: 9 })).toThrow(/dated before/);
    expect(() => insert(db, { type: 'message_charge', amount: -10, before: 100, after: 80, kind: 'text', key: 'b', at: 10 })).toThrow(/wallet_entries_balance/);
    expect(() => insert(db, { type: 'message_charge', amount: -101, before: 100, after: -1, kind: 'text', key: 'b', at: 10 })).toThrow(/wallet_entries_balance/);
    expect(() => insert(db, { type: 'message_charge', amount: 10, before: 100, after: 110, kind: 'text', key: 'b', at: 10 })).toThrow(/wallet_entries_type/);
    expect(() => insert(db, { type: 'top_up', amount: 10, before: 100, after: 110, key: 'b', at: 10 })).toThrow(/wallet_entries_type/);
    expect(() => insert(db, { type: 'gift', amount: 10, before: 100, after: 110, key: 'b', at: 10 })).toThrow(/wallet_entries_type/);
    expect(() => insert(db, { type: 'top_up', amount: 10, before: 100, after: 110, card: 1, key: 'a', at: 10 })).toThrow(/cannot replace/);
    insert(db, { type: 'message_charge', amount: -10, before: 100, after: 90, kind: 'text', channel: 3, key: 'b', at: 86_400_000 });
    insert(db, { type: 'refund', amount: 10, before: 90, after: 100, refundOf: 2, channel: 3, key: 'c', at: 86_400_001 });
    expect(() => insert(db, { type: 'refund', amount: 10, before: 100, after: 110, refundOf: 2, key: 'd', at: 86_400_001 })).toThrow(/cannot replace/);
    expect(checkLedger(db)).toEqual({ balance: 100, entries: 3, sum: 100 });
  });
});
