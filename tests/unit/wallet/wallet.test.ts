import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import type { EventMap } from '../../../src-shared/api/events';
import { AppError } from '../../../src-shared/errors';
import { makeCore, tempDir, type TestCore } from '../../helpers/core';
import { checkLedger, insertCard, insertChannel, openWallet } from '../../helpers/wallet';

const VISA = '4242 4242 4242 4242';

describe('wallet over the API', () => {
  let t: TestCore;
  let channelId: number;
  let cardId: number;
  const events: EventMap['wallet.changed'][] = [];

  beforeEach(async () => {
    t = await makeCore();
    events.length = 0;
    t.core.events.subscribe((name, payload) => {
      if (name === 'wallet.changed') events.push(payload as EventMap['wallet.changed']);
    });
    channelId = (await t.ok('channels.create', { name: 'Mağaza', phone: '+905321234567', engine: 'simulator' })).id;
    cardId = (await t.ok('wallet.cards.add', { holder: 'Ayşe Yılmaz', number: VISA, expiry: '12/30', cvc: '123' })).id;
  });
  afterEach(() => t.close());

  const sqlite = () => t.core.database.sqlite;
  const count = () => (sqlite().prepare('SELECT count(*) AS n FROM wallet_entries').get() as { n: number }).n;
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('writes on a connection with full sync, and tops up, charges and refunds with a chained balance', async () => {
    expect(sqlite().pragma('synchronous', { simple: true })).toBe(2);
    const top = await t.ok('wallet.topUp', { cardId, amountMinor: 10_000, idempotencyKey: 'top-1' });
    expect(top).toMatchObject({ replayed: false, balanceMinor: 10_000 });
    expect(top.entry).toMatchObject({ type: 'top_up', amountMinor: 10_000, balanceBeforeMinor: 0, balanceAfterMinor: 10_000, card: { id: cardId, brand: 'visa', last4: '4242' } });
    const charge = await t.ok('wallet.charge', { idempotencyKey: 'msg-1', channelId, phone: '0532 111 22 33', kind: 'image', reference: 'campaign:7' });
    expect(charge.entry).toMatchObject({
      type: 'message_charge',
      amountMinor: -25,
      balanceBeforeMinor: 10_000,
      balanceAfterMinor: 9_975,
      channelId,
      channelName: 'Mağaza',
      phone: '+905321112233',
      kind: 'image',
      reference: 'campaign:7',
    });
    const refund = await t.ok('wallet.refund', { idempotencyKey: 'ref-1', chargeKey: 'msg-1', reason: 'not delivered' });
    expect(refund.entry).toMatchObject({ type: 'refund', amountMinor: 25, refundOf: charge.entry.id, phone: '+905321112233', note: 'not delivered' });
    expect(await t.ok('wallet.balance', {})).toEqual({ balanceMinor: 10_000, currency: 'USD', lowBalanceThresholdMinor: 5_000, low: false });
    expect(checkLedger(sqlite())).toEqual({ balance: 10_000, entries: 3, sum: 10_000 });
    await flush();
    expect(events.at(-1)).toEqual({ balanceMinor: 10_000 });
  });

  it('returns the first result for a reused key and writes nothing; a different operation under it is a conflict', async () => {
    const first = await t.ok('wallet.topUp', { cardId, amountMinor: 5_000, idempotencyKey: 'same' });
    await flush();
    const eventsBefore = events.length;
    const again = await t.ok('wallet.topUp', { cardId, amountMinor: 5_000, idempotencyKey: 'same' });
    expect(again.replayed).toBe(true);
    expect(again.entry).toEqual(first.entry);
    await flush();
    expect(events.length).toBe(eventsBefore);
    expect(count()).toBe(1);
    for (const [name, input] of [
      ['wallet.topUp', { cardId, amountMinor: 6_000, idempotencyKey: 'same' }],
      ['wallet.charge', { idempotencyKey: 'same', channelId, phone: '+905321112233', kind: 'text' }],
      ['wallet.adjust', { idempotencyKey: 'same', amountMinor: 5, reason: 'x' }],
    ] as const) {
      const e = await t.err(name, input);
      expect(e.code).toBe('idempotency_conflict');
      expect(e.field).toBe('idempotencyKey');
      expect(e.message).toMatch(/already used for a different wallet operation/);
      expect(e.messageTr).toMatch(/farklı bir cüzdan işlemi/);
    }
    await t.ok('wallet.charge', { idempotencyKey: 'c', channelId, phone: '+905321112233', kind: 'text' });
    expect((await t.err('wallet.charge', { idempotencyKey: 'c', channelId, phone: '+905321112244', kind: 'text' })).code).toBe('idempotency_conflict');
    expect((await t.err('wallet.charge', { idempotencyKey: 'c', channelId, phone: '+905321112233', kind: 'image' })).code).toBe('idempotency_conflict');
    expect((await t.ok('wallet.charge', { idempotencyKey: 'c', channelId, phone: '0532 111 22 33', kind: 'text' })).replayed).toBe(true);
    expect(count()).toBe(2);
  });

  it('refuses a charge that does not fit with insufficient_balance and writes nothing; an exact fit reaches zero', async () => {
    await t.ok('wallet.settings.update', { topUpMinMinor: 1 });
    await t.ok('wallet.topUp', { cardId, amountMinor: 30, idempotencyKey: 't' });
    await t.ok('wallet.charge', { idempotencyKey: 'a', channelId, phone: '+905321112233', kind: 'image' });
    const e = await t.err('wallet.charge', { idempotencyKey: 'b', channelId, phone: '+905321112233', kind: 'text' });
    expect(e).toMatchObject({ code: 'insufficient_balance', details: { balanceMinor: 5, neededMinor: 10 } });
    expect(e.message).toContain('$0.05');
    expect(e.messageTr).toMatch(/bakiyesi/);
    expect(count()).toBe(2);
    await t.ok('wallet.prices.set', { text: 5 });
    expect((await t.ok('wallet.charge', { idempotencyKey: 'b', channelId, phone: '+905321112233', kind: 'text' })).balanceMinor).toBe(0);
    expect((await t.err('wallet.adjust', { idempotencyKey: 'adj', amountMinor: -1, reason: 'fix' })).code).toBe('insufficient_balance');
    expect(checkLedger(sqlite()).balance).toBe(0);
  });

  it('charges the price of the moment: changing a price never changes past entries', async () => {
    await t.ok('wallet.topUp', { cardId, amountMinor: 10_000, idempotencyKey: 't' });
    await t.ok('wallet.charge', { idempotencyKey: 'm1', channelId, phone: '+905321112233', kind: 'text' });
    await t.ok('wallet.prices.set', { text: 40, image: 90 });
    expect((await t.ok('wallet.settings', {})).prices).toEqual({ text: 40, image: 90 });
    await t.ok('wallet.charge', { idempotencyKey: 'm2', channelId, phone: '+905321112233', kind: 'text' });
    const replay = await t.ok('wallet.charge', { idempotencyKey: 'm1', channelId, phone: '+905321112233', kind: 'text' });
    expect(replay.entry.amountMinor).toBe(-10);
    const rows = (await t.ok('wallet.transactions', { types: ['message_charge'], sort: 'date_asc' })).rows;
    expect(rows.map((r) => r.amountMinor)).toEqual([-10, -40]);
  });

  it('refunds a charge at most once and at most what it cost', async () => {
    await t.ok('wallet.topUp', { cardId, amountMinor: 10_000, idempotencyKey: 't' });
    const charge = await t.ok('wallet.charge', { idempotencyKey: 'm', channelId, phone: '+905321112233', kind: 'image' });
    expect((await t.err('wallet.refund', { idempotencyKey: 'r', chargeKey: 'm', amountMinor: 26, reason: 'x' })).code).toBe('refund_too_large');
    const partial = await t.ok('wallet.refund', { idempotencyKey: 'r', entryId: charge.entry.id, amountMinor: 10, reason: 'half' });
    expect(partial.entry.amountMinor).toBe(10);
    expect((await t.err('wallet.refund', { idempotencyKey: 'r2', chargeKey: 'm', reason: 'again' })).code).toBe('already_refunded');
    expect((await t.err('wallet.refund', { idempotencyKey: 'r3', chargeKey: 't', reason: 'x' })).code).toBe('not_a_charge');
    expect((await t.err('wallet.refund', { idempotencyKey: 'r4', chargeKey: 'nope', reason: 'x' })).code).toBe('not_found');
    expect((await t.err('wallet.refund', { idempotencyKey: 'r5', reason: 'x' })).code).toBe('invalid_input');
    expect((await t.err('wallet.refund', { idempotencyKey: 'r5', chargeKey: 'm', entryId: 1, reason: 'x' })).code).toBe('invalid_input');
    await t.ok('wallet.prices.set', { text: 0 });
    await t.ok('wallet.charge', { idempotencyKey: 'free', channelId, phone: '+905321112233', kind: 'text' });
    expect((await t.err('wallet.refund', { idempotencyKey: 'r6', chargeKey: 'free', reason: 'x' })).message).toMatch(/nothing to refund/);
    expect(checkLedger(sqlite()).balance).toBe(10_000 - 25 + 10);
  });

  it('validates what it charges: the channel, the number, whole minor units', async () => {
    await t.ok('wallet.topUp', { cardId, amountMinor: 10_000, idempotencyKey: 't' });
    expect(await t.err('wallet.charge', { idempotencyKey: 'x', channelId: 999, phone: '+905321112233', kind: 'text' })).toMatchObject({ code: 'not_found', field: 'channelId' });
    expect(await t.err('wallet.charge', { idempotencyKey: 'x', channelId, phone: '12', kind: 'text' })).toMatchObject({ code: 'phone_too_short', field: 'phone' });
    expect(await t.err('wallet.charge', { idempotencyKey: 'x', channelId, phone: '+905321112233', kind: 'video' })).toMatchObject({ code: 'invalid_input', field: 'kind' });
    expect(await t.err('wallet.topUp', { cardId, amountMinor: 12.5, idempotencyKey: 'y' })).toMatchObject({ code: 'invalid_input', field: 'amountMinor' });
    expect(await t.err('wallet.prices.set', { text: 0.5 })).toMatchObject({ code: 'invalid_input', field: 'text' });
    expect(await t.err('wallet.topUp', { cardId, amountMinor: 100, idempotencyKey: '' })).toMatchObject({ code: 'invalid_input', field: 'idempotencyKey' });
    expect(count()).toBe(1);
  });

  it('keeps top-ups within the configured limits, and the limits in order', async () => {
    expect(await t.err('wallet.topUp', { cardId, amountMinor: 999, idempotencyKey: 'a' })).toMatchObject({ code: 'top_up_out_of_range', field: 'amountMinor' });
    await t.ok('wallet.settings.update', { topUpMinMinor: 100, topUpMaxMinor: 500 });
    expect((await t.err('wallet.topUp', { cardId, amountMinor: 501, idempotencyKey: 'a' })).message).toBe('A top-up must be between $1.00 and $5.00.');
    await t.ok('wallet.topUp', { cardId, amountMinor: 500, idempotencyKey: 'a' });
    expect((await t.err('wallet.settings.update', { topUpMinMinor: 600 })).code).toBe('top_up_limits_invalid');
    expect(await t.ok('wallet.settings', {})).toMatchObject({ topUpMinMinor: 100, topUpMaxMinor: 500 });
  });

  it('flags a balance below the owner threshold and tells listeners when settings change it', async () => {
    await t.ok('wallet.topUp', { cardId, amountMinor: 4_000, idempotencyKey: 't' });
    expect((await t.ok('wallet.balance', {})).low).toBe(true);
    await t.ok('wallet.settings.update', { lowBalanceThresholdMinor: 4_000 });
    expect((await t.ok('wallet.balance', {})).low).toBe(false);
    await flush();
    expect(events.at(-1)).toEqual({ balanceMinor: 4_000 });
  });

  it('fixes the currency with the first entry and refuses to change it afterwards', async () => {
    expect((await t.ok('wallet.settings.update', { currency: 'TRY' })).currency).toBe('TRY');
    expect((await t.ok('wallet.settings.update', { currency: 'EUR' })).currency).toBe('EUR');
    await t.ok('wallet.topUp', { cardId, amountMinor: 1_000, idempotencyKey: 't' });
    expect(await t.ok('wallet.settings', {})).toMatchObject({ currency: 'EUR', currencyLocked: true });
    expect(await t.err('wallet.settings.update', { currency: 'USD' })).toMatchObject({ code: 'currency_locked', field: 'currency' });
    expect((await t.ok('wallet.settings.update', { currency: 'EUR', lowBalanceThresholdMinor: 1 })).currency).toBe('EUR');
    expect(await t.err('wallet.settings.update', { currency: 'JPY' })).toMatchObject({ code: 'invalid_input', field: 'currency' });
  });

  it('keeps a deleted channel\'s entries, under the name it had', async () => {
    await t.ok('wallet.topUp', { cardId, amountMinor: 1_000, idempotencyKey: 't' });
    await t.ok('wallet.charge', { idempotencyKey: 'm', channelId, phone: '+905321112233', kind: 'text' });
    await t.ok('channels.delete', { id: channelId });
    const rows = (await t.ok('wallet.transactions', { channelIds: [channelId] })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channelId, channelName: 'Mağaza', amountMinor: -10 });
    expect(checkLedger(sqlite()).balance).toBe(990);
  });
});

describe('wallet writes and transactions', () => {
  it('defaults the currency from the locale and fixes it in the database with the first entry', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const tr = openWallet(file, new ManualClock(), 'tr-TR');
    expect(tr.wallet.getSettings().currency).toBe('TRY');
    const card = insertCard(tr.handle.sqlite);
    tr.wallet.topUp({ cardId: card, amountMinor: 5_000, idempotencyKey: 'a' });
    tr.close();
    const us = openWallet(file, new ManualClock(), 'en-US');
    expect(us.wallet.balance()).toMatchObject({ currency: 'TRY', balanceMinor: 5_000 });
    us.close();
  });

  it('charges inside a caller\'s transaction: committed together, or rolled back together', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const w = openWallet(file);
    const channel = insertChannel(w.handle.sqlite);
    w.wallet.topUp({ cardId: insertCard(w.handle.sqlite), amountMinor: 5_000, idempotencyKey: 't' });
    w.handle.sqlite.exec('CREATE TABLE units (id INTEGER PRIMARY KEY, state TEXT NOT NULL)');
    w.handle.sqlite.exec("INSERT INTO units VALUES (1, 'pending'), (2, 'pending')");
    const heard: number[] = [];
    w.events.subscribe((name, p) => name === 'wallet.changed' && heard.push((p as EventMap['wallet.changed']).balanceMinor));
    const send = w.handle.sqlite.transaction((unit: number, fail: boolean) => {
      w.handle.sqlite.prepare("UPDATE units SET state = 'sending' WHERE id = ?").run(unit);
      w.wallet.charge({ idempotencyKey: `unit-${unit}`, channelId: channel, phone: '+905321112233', kind: 'text' });
      if (fail) throw new Error('gateway refused before commit');
    });
    expect(() => send.immediate(1, true)).toThrow(/gateway refused/);
    send.immediate(2, false);
    const states = w.handle.sqlite.prepare('SELECT id, state FROM units ORDER BY id').all();
    expect(states).toEqual([{ id: 1, state: 'pending' }, { id: 2, state: 'sending' }]);
    expect(w.wallet.ledger.byKey('unit-1')).toBeUndefined();
    expect(w.wallet.ledger.byKey('unit-2')?.amount).toBe(-10);
    await new Promise((r) => setTimeout(r, 0));
    expect(heard.at(-1)).toBe(4_990);
    expect(checkLedger(w.handle.sqlite).balance).toBe(4_990);
    w.close();
  });

  it('cannot let two connections both pass the balance check: the second waits for the first\'s write lock', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const a = openWallet(file);
    const b = openWallet(file);
    const channel = insertChannel(a.handle.sqlite);
    a.wallet.updateSettings({ topUpMinMinor: 1 });
    a.wallet.topUp({ cardId: insertCard(a.handle.sqlite), amountMinor: 10, idempotencyKey: 't' });
    b.handle.sqlite.pragma('busy_timeout = 50');
    a.handle.sqlite.transaction(() => {
      a.wallet.charge({ idempotencyKey: 'a', channelId: channel, phone: '+905321112233', kind: 'text' });
      expect(() => b.wallet.charge({ idempotencyKey: 'b', channelId: channel, phone: '+905321112233', kind: 'text' })).toThrow(/database is locked/);
    }).immediate();
    const e = (() => {
      try {
        b.wallet.charge({ idempotencyKey: 'b', channelId: channel, phone: '+905321112233', kind: 'text' });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('insufficient_balance');
    expect(checkLedger(b.handle.sqlite)).toMatchObject({ balance: 0, entries: 2 });
    a.close();
    b.close();
  });
});
