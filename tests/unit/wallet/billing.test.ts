import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { monthStart, nextMonthStart, periodOf } from '../../../src-main/wallet/billing';
import { makeCore, tempDir } from '../../helpers/core';
import { insertCard, openWallet, withCheckDigit, type OpenWallet } from '../../helpers/wallet';

/** Local time, as billing counts months in the business's time zone. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('monthly statements', () => {
  const open: OpenWallet[] = [];
  afterEach(() => {
    for (const w of open.splice(0)) {
      w.wallet.stop();
      w.close();
    }
  });

  /** A wallet on its own (no other services' timers), billing on its clock's timer as the app does. */
  function wallet(clock: ManualClock, file = path.join(tempDir(), 'wa-desk.sqlite')): OpenWallet & { file: string } {
    const w = openWallet(file, clock);
    open.push(w);
    w.wallet.updateSettings({ topUpMinMinor: 1 });
    w.wallet.start();
    return Object.assign(w, { file });
  }

  function cards(w: OpenWallet) {
    const visa = w.wallet.addCard({ holder: 'Ayşe Yılmaz', number: '4242424242424242', expiry: '12/30', cvc: '123' }).id;
    const troy = w.wallet.addCard({ holder: 'Ali Veli', number: withCheckDigit('979203000000000'), expiry: '01/31', cvc: '456' }).id;
    return { visa, troy };
  }

  it('bills the previous month on the first day of the next one, by the clock\'s timer, once', () => {
    const clock = new ManualClock(local(2026, 1, 10));
    const w = wallet(clock);
    const { visa, troy } = cards(w);
    w.wallet.topUp({ cardId: visa, amountMinor: 10_000, idempotencyKey: 'a' });
    clock.set(local(2026, 1, 20));
    w.wallet.topUp({ cardId: troy, amountMinor: 2_550, idempotencyKey: 'b' });
    clock.set(local(2026, 1, 31, 23, 59));
    w.wallet.topUp({ cardId: visa, amountMinor: 1_000, idempotencyKey: 'c' });
    expect(w.wallet.statements()).toEqual([]);

    clock.set(local(2026, 2, 1, 0, 30));
    const list = w.wallet.statements();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ period: '2026-01', periodStart: local(2026, 1, 1, 0), periodEnd: local(2026, 2, 1, 0), currency: 'USD', totalMinor: 13_550, topUps: 3 });
    const detail = w.wallet.statement(list[0]!.id);
    expect(detail.lines.map((l) => [l.amountMinor, l.card?.brand, l.card?.holder])).toEqual([
      [10_000, 'visa', 'Ayşe Yılmaz'],
      [2_550, 'troy', 'Ali Veli'],
      [1_000, 'visa', 'Ayşe Yılmaz'],
    ]);

    w.wallet.topUp({ cardId: visa, amountMinor: 5_000, idempotencyKey: 'd' });
    expect(w.wallet.billing.run()).toEqual([]);
    clock.set(local(2026, 2, 27));
    expect(w.wallet.statements()).toHaveLength(1);
    clock.set(local(2026, 3, 1, 0, 1));
    expect(w.wallet.statements().map((s) => [s.period, s.totalMinor])).toEqual([['2026-02', 5_000], ['2026-01', 13_550]]);
    expect(w.handle.sqlite.prepare('SELECT count(*) AS n FROM wallet_statement_lines').get()).toEqual({ n: 4 });
  });

  it('issues every missed month at the first start after them, and none for months without top-ups', () => {
    const first = wallet(new ManualClock(local(2026, 1, 5)));
    const card = cards(first).visa;
    first.wallet.topUp({ cardId: card, amountMinor: 3_000, idempotencyKey: 'jan' });
    first.wallet.stop();
    const second = wallet(new ManualClock(local(2026, 3, 10)), first.file);
    expect(second.wallet.statements().map((s) => s.period)).toEqual(['2026-01']);
    second.wallet.topUp({ cardId: card, amountMinor: 4_000, idempotencyKey: 'mar' });
    second.wallet.stop();
    const third = wallet(new ManualClock(local(2026, 6, 2)), first.file);
    expect(third.wallet.statements().map((s) => s.period)).toEqual(['2026-03', '2026-01']);
  });

  it('keeps naming a removed card on its statement, and exports the statement as CSV and XLSX', () => {
    const clock = new ManualClock(local(2026, 4, 3));
    const w = wallet(clock);
    const { visa } = cards(w);
    w.wallet.topUp({ cardId: visa, amountMinor: 12_345, idempotencyKey: 'a' });
    w.wallet.removeCard(visa);
    clock.set(local(2026, 5, 1, 8));
    const [statement] = w.wallet.statements();
    expect(w.wallet.statement(statement!.id).lines[0]?.card).toMatchObject({ brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 });
    const csv = w.wallet.exportStatement({ id: statement!.id, format: 'csv' });
    expect(csv.fileName).toBe('statement-2026-04.csv');
    expect(fs.readFileSync(csv.path, 'utf8').split('\r\n')).toEqual([
      '\uFEFFDate,Card,Card holder,Expiry,Amount (USD)',
      '2026-04-03 12:00:00,Visa •••• 4242,Ayşe Yılmaz,12/30,123.45',
      'Total,,,,123.45',
      '',
    ]);
    const xlsx = w.wallet.exportStatement({ id: statement!.id, format: 'xlsx' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(xlsx.path)).Sheets['2026-04']!, { header: 1 });
    expect(rows.at(-1)).toEqual(['Total', '', '', '', 123.45]);
    expect(() => w.wallet.statement(999)).toThrow(/statement was not found/);
  });

  it('dates nothing inside a month already billed, so an issued statement never misses a top-up', () => {
    const clock = new ManualClock(local(2026, 1, 10));
    const w = wallet(clock);
    const { visa } = cards(w);
    w.wallet.topUp({ cardId: visa, amountMinor: 1_000, idempotencyKey: 'a' });
    clock.set(local(2026, 2, 1, 1));
    expect(w.wallet.statements()).toHaveLength(1);
    const behind = openWallet(w.file, new ManualClock(local(2026, 1, 31, 22)));
    const entry = behind.wallet.topUp({ cardId: visa, amountMinor: 2_000, idempotencyKey: 'late' }).entry;
    expect(entry.at).toBe(local(2026, 2, 1, 0));
    behind.close();
    clock.set(local(2026, 3, 1, 1));
    expect(w.wallet.statements().map((s) => [s.period, s.totalMinor])).toEqual([['2026-02', 2_000], ['2026-01', 1_000]]);
  });

  it('cannot issue a month twice from two connections', () => {
    const file = path.join(tempDir(), 'wa-desk.sqlite');
    const clock = new ManualClock(local(2026, 1, 10));
    const a = openWallet(file, clock);
    const b = openWallet(file, clock);
    a.wallet.topUp({ cardId: insertCard(a.handle.sqlite), amountMinor: 5_000, idempotencyKey: 'x' });
    clock.set(local(2026, 2, 2));
    expect(a.wallet.billing.run()).toHaveLength(1);
    expect(b.wallet.billing.run()).toHaveLength(0);
    expect(b.wallet.statements()).toHaveLength(1);
    a.close();
    b.close();
  });

  it('serves statements over the API, issued by the core at the turn of the month', async () => {
    const t = await makeCore({ clock: new ManualClock(local(2026, 1, 31, 22)) });
    try {
      const card = await t.ok('wallet.cards.add', { holder: 'A B', number: '4242424242424242', expiry: '12/30', cvc: '123' });
      await t.ok('wallet.topUp', { cardId: card.id, amountMinor: 7_500, idempotencyKey: 't' });
      expect(await t.ok('wallet.statements', {})).toEqual([]);
      t.clock.set(local(2026, 2, 1, 0, 5));
      const [statement] = await t.ok('wallet.statements', {});
      expect(statement).toMatchObject({ period: '2026-01', totalMinor: 7_500, topUps: 1 });
      expect((await t.ok('wallet.statement', { id: statement!.id })).lines).toHaveLength(1);
      expect((await t.ok('wallet.statements.export', { id: statement!.id, format: 'csv' })).rows).toBe(1);
      expect((await t.err('wallet.statement', { id: 999 })).code).toBe('not_found');
    } finally {
      await t.close();
    }
  });

  it('counts months in local time across year ends', () => {
    expect(periodOf(local(2025, 12, 31, 23, 59))).toBe('2025-12');
    expect(monthStart(local(2026, 1, 1, 0, 0) + 1)).toBe(local(2026, 1, 1, 0));
    expect(nextMonthStart(local(2025, 12, 15))).toBe(local(2026, 1, 1, 0));
  });
});
