import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { monthStart, nextMonthStart, periodOf } from '../../../src-main/wallet/billing';
import { makeCore, tempDir, type TestCore } from '../../helpers/core';
import { insertCard, openWallet, withCheckDigit } from '../../helpers/wallet';

/** Local time, as billing counts months in the business's time zone. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('monthly statements', () => {
  let t: TestCore;
  afterEach(() => t?.close());

  async function withTopUps(start: number) {
    t = await makeCore({ clock: new ManualClock(start) });
    const visa = await t.ok('wallet.cards.add', { holder: 'Ayşe Yılmaz', number: '4242424242424242', expiry: '12/30', cvc: '123' });
    const troy = await t.ok('wallet.cards.add', { holder: 'Ali Veli', number: withCheckDigit('979203000000000'), expiry: '01/31', cvc: '456' });
    return { visa: visa.id, troy: troy.id };
  }

  it('bills the previous month on the first day of the next one, by the clock\'s timer, once', async () => {
    const { visa, troy } = await withTopUps(local(2026, 1, 10));
    await t.ok('wallet.topUp', { cardId: visa, amountMinor: 10_000, idempotencyKey: 'a' });
    t.clock.set(local(2026, 1, 20));
    await t.ok('wallet.topUp', { cardId: troy, amountMinor: 2_550, idempotencyKey: 'b' });
    t.clock.set(local(2026, 1, 31, 23, 59));
    await t.ok('wallet.topUp', { cardId: visa, amountMinor: 1_000, idempotencyKey: 'c' });
    expect(await t.ok('wallet.statements', {})).toEqual([]);

    t.clock.set(local(2026, 2, 1, 0, 30));
    const list = await t.ok('wallet.statements', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ period: '2026-01', periodStart: local(2026, 1, 1, 0), periodEnd: local(2026, 2, 1, 0), currency: 'USD', totalMinor: 13_550, topUps: 3 });
    const detail = await t.ok('wallet.statement', { id: list[0]!.id });
    expect(detail.lines.map((l) => [l.amountMinor, l.card?.brand, l.card?.last4, l.card?.holder])).toEqual([
      [10_000, 'visa', '4242', 'Ayşe Yılmaz'],
      [2_550, 'troy', expect.any(String), 'Ali Veli'],
      [1_000, 'visa', '4242', 'Ayşe Yılmaz'],
    ]);

    await t.ok('wallet.topUp', { cardId: visa, amountMinor: 5_000, idempotencyKey: 'd' });
    t.core.wallet.billing.run();
    t.clock.set(local(2026, 2, 27));
    expect(await t.ok('wallet.statements', {})).toHaveLength(1);
    t.clock.set(local(2026, 3, 1, 0, 1));
    const after = await t.ok('wallet.statements', {});
    expect(after.map((s) => [s.period, s.totalMinor])).toEqual([['2026-02', 5_000], ['2026-01', 13_550]]);
    expect(t.core.database.sqlite.prepare('SELECT count(*) AS n FROM wallet_statement_lines').get()).toEqual({ n: 4 });
  });

  it('issues every missed month at the first start after them, and none for months without top-ups', async () => {
    const dataDir = tempDir();
    t = await makeCore({ dataDir, clock: new ManualClock(local(2026, 1, 5)) });
    const card = await t.ok('wallet.cards.add', { holder: 'A B', number: '4242424242424242', expiry: '12/30', cvc: '123' });
    await t.ok('wallet.topUp', { cardId: card.id, amountMinor: 3_000, idempotencyKey: 'jan' });
    await t.close();
    t = await makeCore({ dataDir, clock: new ManualClock(local(2026, 3, 10)) });
    await t.ok('wallet.topUp', { cardId: card.id, amountMinor: 4_000, idempotencyKey: 'mar' });
    await t.close();
    t = await makeCore({ dataDir, clock: new ManualClock(local(2026, 6, 2)) });
    expect((await t.ok('wallet.statements', {})).map((s) => s.period)).toEqual(['2026-03', '2026-01']);
  });

  it('keeps naming a removed card on its statement, and exports the statement as CSV and XLSX', async () => {
    const { visa } = await withTopUps(local(2026, 4, 3));
    await t.ok('wallet.topUp', { cardId: visa, amountMinor: 12_345, idempotencyKey: 'a' });
    await t.ok('wallet.cards.remove', { id: visa });
    t.clock.set(local(2026, 5, 1, 8));
    const [statement] = await t.ok('wallet.statements', {});
    expect((await t.ok('wallet.statement', { id: statement!.id })).lines[0]?.card).toMatchObject({ brand: 'visa', last4: '4242', expiryMonth: 12, expiryYear: 2030 });
    const csv = await t.ok('wallet.statements.export', { id: statement!.id, format: 'csv' });
    expect(csv.fileName).toBe('statement-2026-04.csv');
    expect(fs.readFileSync(csv.path, 'utf8').split('\r\n')).toEqual([
      '\uFEFFDate,Card,Card holder,Expiry,Amount (USD)',
      '2026-04-03 12:00:00,Visa •••• 4242,Ayşe Yılmaz,12/30,123.45',
      'Total,,,,123.45',
      '',
    ]);
    const xlsx = await t.ok('wallet.statements.export', { id: statement!.id, format: 'xlsx' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(xlsx.path)).Sheets['2026-04']!, { header: 1 });
    expect(rows.at(-1)).toEqual(['Total', '', '', '', 123.45]);
    expect((await t.err('wallet.statement', { id: 999 })).code).toBe('not_found');
  });

  it('dates nothing inside a month already billed, so an issued statement never misses a top-up', async () => {
    const { visa } = await withTopUps(local(2026, 1, 10));
    await t.ok('wallet.topUp', { cardId: visa, amountMinor: 1_000, idempotencyKey: 'a' });
    t.clock.set(local(2026, 2, 1, 1));
    expect(await t.ok('wallet.statements', {})).toHaveLength(1);
    const late = new ManualClock(local(2026, 1, 31, 22));
    const file = path.join(t.dataDir, 'wa-desk.sqlite');
    const other = openWallet(file, late);
    const entry = other.wallet.topUp({ cardId: insertCard(other.handle.sqlite, '1111'), amountMinor: 2_000, idempotencyKey: 'late' }).entry;
    expect(entry.at).toBe(local(2026, 2, 1, 0));
    other.close();
    t.clock.set(local(2026, 3, 1, 1));
    expect((await t.ok('wallet.statements', {})).map((s) => [s.period, s.totalMinor])).toEqual([['2026-02', 2_000], ['2026-01', 1_000]]);
  });

  it('cannot issue a month twice from two connections', async () => {
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

  it('counts months in local time across year ends', () => {
    expect(periodOf(local(2025, 12, 31, 23, 59))).toBe('2025-12');
    expect(monthStart(local(2026, 1, 1, 0, 0) + 1)).toBe(local(2026, 1, 1, 0));
    expect(nextMonthStart(local(2025, 12, 15))).toBe(local(2026, 1, 1, 0));
  });
});
