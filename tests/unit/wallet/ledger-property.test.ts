import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import type { WalletWriteResult } from '../../../src-shared/api/wallet';
import { AppError } from '../../../src-shared/errors';
import { tempDir } from '../../helpers/core';
import { checkLedger, insertCard, insertChannel, openWallet, type OpenWallet } from '../../helpers/wallet';

/**
 * Random sequences of wallet operations from two connections to one database file, against a model that is
 * nothing but a number, a price list and a map of used keys. After every step the database must agree with the
 * model and keep every ledger invariant.
 */

const KEYS = Array.from({ length: 12 }, (_, i) => `k${i}`);
const PHONES = ['+905320000001', '+905320000002', '+905320000003'];

type Cmd =
  | { op: 'topUp'; conn: 0 | 1; key: string; amount: number }
  | { op: 'charge'; conn: 0 | 1; key: string; kind: 'text' | 'image'; phone: number }
  | { op: 'refund'; conn: 0 | 1; key: string; target: string; partial: number | null }
  | { op: 'adjust'; conn: 0 | 1; key: string; amount: number }
  | { op: 'price'; conn: 0 | 1; kind: 'text' | 'image'; price: number };

const conn = fc.constantFrom<0 | 1>(0, 1);
const key = fc.constantFrom(...KEYS);
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ op: fc.constant('topUp' as const), conn, key, amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ op: fc.constant('charge' as const), conn, key, kind: fc.constantFrom('text' as const, 'image' as const), phone: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('charge' as const), conn, key, kind: fc.constantFrom('text' as const, 'image' as const), phone: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant('refund' as const), conn, key, target: key, partial: fc.option(fc.integer({ min: 1, max: 60 })) }),
  fc.record({ op: fc.constant('adjust' as const), conn, key, amount: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0) }),
  fc.record({ op: fc.constant('price' as const), conn, kind: fc.constantFrom('text' as const, 'image' as const), price: fc.integer({ min: 0, max: 80 }) }),
);

interface ModelEntry {
  id: number;
  type: string;
  amount: number;
  kind?: string;
  phone?: string;
  refundOf?: number;
  note?: string;
}

class Model {
  balance = 0;
  prices = { text: 10, image: 25 };
  readonly byKey = new Map<string, ModelEntry>();
  readonly refunded = new Set<number>();
  nextId = 1;
  entries = 0;

  /** The expected outcome: an error code, a replay of an entry, or a new entry with this amount. */
  expect(c: Exclude<Cmd, { op: 'price' }>): { error: string } | { replay: number } | { write: Omit<ModelEntry, 'id'> } {
    if (c.op === 'refund') {
      const target = this.byKey.get(c.target);
      if (!target) return { error: 'not_found' };
      if (target.type !== 'message_charge') return { error: 'not_a_charge' };
      const existing = this.byKey.get(c.key);
      if (existing) {
        const same = existing.type === 'refund' && existing.refundOf === target.id && (c.partial === null || existing.amount === c.partial);
        return same ? { replay: existing.id } : { error: 'idempotency_conflict' };
      }
      if (this.refunded.has(target.id)) return { error: 'already_refunded' };
      const charged = -target.amount;
      const amount = c.partial ?? charged;
      if (charged === 0 || amount > charged) return { error: 'refund_too_large' };
      return { write: { type: 'refund', amount, refundOf: target.id } };
    }
    const existing = this.byKey.get(c.key);
    if (existing) {
      const same =
        c.op === 'topUp'
          ? existing.type === 'top_up' && existing.amount === c.amount
          : c.op === 'charge'
            ? existing.type === 'message_charge' && existing.kind === c.kind && existing.phone === PHONES[c.phone]
            : existing.type === 'adjustment' && existing.amount === c.amount;
      return same ? { replay: existing.id } : { error: 'idempotency_conflict' };
    }
    const write: Omit<ModelEntry, 'id'> =
      c.op === 'topUp'
        ? { type: 'top_up', amount: c.amount }
        : c.op === 'charge'
          ? { type: 'message_charge', amount: 0 - this.prices[c.kind], kind: c.kind, phone: PHONES[c.phone] }
          : { type: 'adjustment', amount: c.amount };
    if (this.balance + write.amount < 0) return { error: 'insufficient_balance' };
    return { write };
  }

  apply(key: string, write: Omit<ModelEntry, 'id'>): number {
    const id = this.nextId++;
    this.byKey.set(key, { id, ...write });
    if (write.refundOf !== undefined) this.refunded.add(write.refundOf);
    this.balance += write.amount;
    this.entries += 1;
    return id;
  }
}

function run(w: OpenWallet, c: Exclude<Cmd, { op: 'price' }>, channelId: number, cardId: number): WalletWriteResult {
  switch (c.op) {
    case 'topUp':
      return w.wallet.topUp({ cardId, amountMinor: c.amount, idempotencyKey: c.key });
    case 'charge':
      return w.wallet.charge({ idempotencyKey: c.key, channelId, phone: PHONES[c.phone]!, kind: c.kind });
    case 'refund':
      return w.wallet.refund({ idempotencyKey: c.key, chargeKey: c.target, reason: 'not delivered', ...(c.partial === null ? {} : { amountMinor: c.partial }) });
    case 'adjust':
      return w.wallet.adjust({ idempotencyKey: c.key, amountMinor: c.amount, reason: 'correction' });
  }
}

describe('wallet ledger against a model (fast-check, two connections)', () => {
  it('keeps balance = sum of entries, never negative, a chained previous/current and every key applied once', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 45 }), (cmds) => {
        const file = path.join(tempDir('wa-wallet-prop-'), 'db.sqlite');
        const clock = new ManualClock();
        const conns = [openWallet(file, clock), openWallet(file, clock)] as const;
        try {
          const channelId = insertChannel(conns[0].handle.sqlite);
          const cardId = insertCard(conns[0].handle.sqlite);
          conns[0].wallet.updateSettings({ topUpMinMinor: 1, topUpMaxMinor: 1_000_000 });
          const model = new Model();
          for (const c of cmds) {
            clock.advance(1 + (c.conn === 0 ? 7 : 3));
            const w = conns[c.conn];
            if (c.op === 'price') {
              w.wallet.updateSettings({ prices: { [c.kind]: c.price } });
              model.prices[c.kind] = c.price;
            } else {
              const expected = model.expect(c);
              let outcome: { error: string } | WalletWriteResult;
              try {
                outcome = run(w, c, channelId, cardId);
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                outcome = { error: err.code };
              }
              if ('error' in expected) {
                expect(outcome).toEqual({ error: expected.error });
              } else if ('replay' in expected) {
                expect('entry' in outcome && outcome.replayed && outcome.entry.id).toBe(expected.replay);
              } else {
                expect('entry' in outcome && !outcome.replayed).toBe(true);
                const id = model.apply(c.key, expected.write);
                const got = (outcome as WalletWriteResult).entry;
                expect([got.id, got.type, got.amountMinor]).toEqual([id, expected.write.type, expected.write.amount]);
              }
            }
            const ledger = checkLedger(conns[c.conn === 0 ? 1 : 0].handle.sqlite);
            expect(ledger.balance).toBe(model.balance);
            expect(ledger.entries).toBe(model.entries);
            expect(conns[0].wallet.balance().balanceMinor).toBe(model.balance);
            expect(conns[1].wallet.balance().balanceMinor).toBe(model.balance);
          }
        } finally {
          conns[0].close();
          conns[1].close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
