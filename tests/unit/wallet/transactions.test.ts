import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { WALLET_ENTRY_TYPES, type WalletEntryType, type WalletFilter, type WalletSort } from '../../../src-shared/api/wallet';
import { AppError } from '../../../src-shared/errors';
import { tempDir } from '../../helpers/core';
import { checkLedger, insertCard, insertChannel, openWallet, type OpenWallet } from '../../helpers/wallet';

interface Raw {
  id: number;
  at: number;
  type: WalletEntryType;
  amount: number;
  channel_id: number | null;
  balance_after: number;
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 15, 9);

/** A deterministic ledger of a few thousand entries over three weeks, three channels, every type, tied timestamps. */
function seed(w: OpenWallet, clock: ManualClock): number[] {
  const sqlite = w.handle.sqlite;
  const channels = [insertChannel(sqlite, 'A', '+905320000001'), insertChannel(sqlite, 'B', '+905320000002'), insertChannel(sqlite, 'C', '+905320000003')];
  const card = insertCard(sqlite);
  w.wallet.updateSettings({ topUpMinMinor: 1 });
  let s = 42;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  sqlite.transaction(() => {
    for (let i = 0; i < 2_600; i++) {
      clock.advance(rand(4) === 0 ? 0 : rand(15 * 60_000));
      const r = rand(100);
      const channelId = channels[rand(3)]!;
      if (r < 8 || w.wallet.balance().balanceMinor < 100) {
        w.wallet.topUp({ cardId: card, amountMinor: 1_000 + rand(5_000), idempotencyKey: `t${i}` });
      } else if (r < 88) {
        const charge = w.wallet.charge({ idempotencyKey: `c${i}`, channelId, phone: `+9053200${String(10000 + rand(80000))}`, kind: rand(3) === 0 ? 'image' : 'text', reference: `campaign:${rand(5)}` });
        if (rand(10) === 0) w.wallet.refund({ idempotencyKey: `r${i}`, entryId: charge.entry.id, reason: 'not delivered' });
      } else {
        w.wallet.adjust({ idempotencyKey: `a${i}`, amountMinor: rand(2) === 0 ? 50 : -20, reason: 'correction' });
      }
    }
    w.wallet.charge({ idempotencyKey: 'formula', channelId: channels[0]!, phone: '+905320000099', kind: 'text', reference: '=HYPERLINK("http://evil","x")' });
  }).immediate();
  return channels;
}

const filterArb = (channels: number[], end: number) =>
  fc.record(
    {
      from: fc.integer({ min: START - DAY, max: end }),
      span: fc.integer({ min: 1, max: 25 * DAY }),
      types: fc.subarray([...WALLET_ENTRY_TYPES], { minLength: 1 }),
      channelIds: fc.subarray([...channels, 999], { minLength: 1 }),
    },
    { requiredKeys: [] },
  ).map(({ from, span, types, channelIds }) => {
    const f: WalletFilter = {};
    if (from !== undefined) f.from = from;
    if (from !== undefined && span !== undefined) f.to = from + span;
    if (types) f.types = types;
    if (channelIds) f.channelIds = channelIds;
    return f;
  });

function matches(r: Raw, f: WalletFilter): boolean {
  return (
    (f.from === undefined || r.at >= f.from) &&
    (f.to === undefined || r.at < f.to) &&
    (f.types === undefined || f.types.includes(r.type)) &&
    (f.channelIds === undefined || (r.channel_id !== null && f.channelIds.includes(r.channel_id)))
  );
}

function sorted(rows: Raw[], sort: WalletSort): number[] {
  const key = sort.startsWith('date') ? (r: Raw) => r.at : (r: Raw) => r.amount;
  const dir = sort.endsWith('desc') ? -1 : 1;
  return [...rows].sort((a, b) => dir * (key(a) - key(b) || a.id - b.id)).map((r) => r.id);
}

describe('wallet transactions, totals and balance series', () => {
  let w: OpenWallet;
  let clock: ManualClock;
  let channels: number[];
  let all: Raw[];

  beforeAll(() => {
    clock = new ManualClock(START);
    w = openWallet(path.join(tempDir(), 'wa-desk.sqlite'), clock);
    channels = seed(w, clock);
    all = w.handle.sqlite.prepare('SELECT id, at, type, amount, channel_id, balance_after FROM wallet_entries ORDER BY id').all() as Raw[];
    expect(checkLedger(w.handle.sqlite).entries).toBe(all.length);
  });
  afterAll(() => w.close());

  it('pages every filter, in every sort, exactly as filtering and sorting the whole ledger would', () => {
    fc.assert(
      fc.property(filterArb(channels, clock.now()), fc.constantFrom<WalletSort>('date_desc', 'date_asc', 'amount_desc', 'amount_asc'), fc.integer({ min: 7, max: 300 }), (filter, sort, limit) => {
        const expected = sorted(all.filter((r) => matches(r, filter)), sort);
        const got: number[] = [];
        let cursor: string | undefined;
        do {
          const page = w.wallet.transactions({ ...filter, sort, limit, ...(cursor ? { cursor } : {}) });
          expect(page.rows.length).toBeLessThanOrEqual(limit);
          got.push(...page.rows.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('totals a filter exactly, partial days at the edges included', () => {
    fc.assert(
      fc.property(filterArb(channels, clock.now()), (filter) => {
        const rows = all.filter((r) => matches(r, filter));
        const sum = (t: WalletEntryType) => rows.filter((r) => r.type === t).reduce((n, r) => n + r.amount, 0);
        expect(w.wallet.totals(filter)).toEqual({
          entries: rows.length,
          topUpsMinor: sum('top_up'),
          chargesMinor: sum('message_charge'),
          refundsMinor: sum('refund'),
          adjustmentsMinor: sum('adjustment'),
          netMinor: rows.reduce((n, r) => n + r.amount, 0),
        });
      }),
      { numRuns: 120 },
    );
    expect(w.wallet.totals({}).netMinor).toBe(w.wallet.balance().balanceMinor);
  });

  it('gives the balance at evenly spaced moments', () => {
    const from = START - DAY;
    const to = clock.now() + DAY;
    const points = w.wallet.balanceSeries({ from, to, points: 50 });
    expect(points).toHaveLength(50);
    expect(points[0]).toEqual({ at: from, balanceMinor: 0 });
    expect(points[49]).toEqual({ at: to, balanceMinor: w.wallet.balance().balanceMinor });
    for (const p of points) {
      const last = all.filter((r) => r.at <= p.at).at(-1);
      expect(p.balanceMinor).toBe(last?.balance_after ?? 0);
    }
  });

  it('answers date-sorted pages from indexes, without sorting the filtered set', () => {
    const shapes: [WalletFilter, string][] = [
      [{}, 'at_idx'],
      [{ from: START, to: START + 3 * DAY }, 'at_idx (at>? AND at<?)'],
      [{ types: ['message_charge'] }, 'type_at_idx (type=?)'],
      [{ types: ['message_charge', 'refund'], from: START, to: START + 3 * DAY }, 'type_at_idx (type=? AND at>? AND at<?)'],
      [{ channelIds: [channels[0]!], types: ['message_charge'], from: START, to: START + 3 * DAY }, 'channel_type_at_idx (channel_id=? AND type=? AND at>? AND at<?)'],
      [{ channelIds: channels, from: START }, 'channel_type_at_idx (channel_id=? AND type=? AND at>?)'],
    ];
    for (const [filter, index] of shapes) {
      for (const sort of ['date_desc', 'date_asc'] as const) {
        const { sql, params } = w.wallet.queries.pageQuery({ ...filter, sort, limit: 50 });
        const plan = (w.handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail);
        const where = `${JSON.stringify(filter)}: ${plan.join(' | ')}`;
        const reads = plan.filter((d) => / wallet_entries /.test(`${d} `));
        expect(reads.length, where).toBeGreaterThan(0);
        for (const d of reads) expect(d, where).toContain(`USING INDEX wallet_entries_${index}`);
        // A merge of several slices sorts each slice's page (at most limit + 1 rows), never the filtered set.
        plan.forEach((d, i) => {
          if (/TEMP B-TREE/.test(d)) expect(plan[i - 1], where).toMatch(/^SCAN \(subquery-\d+\)$/);
        });
      }
    }
  });

  it('refuses a cursor from another sort', () => {
    const page = w.wallet.transactions({ sort: 'date_desc', limit: 5 });
    expect(() => w.wallet.transactions({ sort: 'amount_asc', limit: 5, cursor: page.nextCursor! })).toThrow(AppError);
  });

  it('exports the filtered set in table order, formula-safe, as CSV and XLSX, on a worker thread when large', async () => {
    const filter: WalletFilter = { channelIds: [channels[0]!], types: ['message_charge'] };
    const expected = sorted(all.filter((r) => matches(r, filter)), 'date_desc');
    const csv = await w.wallet.exportTransactions({ ...filter, sort: 'date_desc', format: 'csv' });
    expect(csv.rows).toBe(expected.length);
    const lines = fs.readFileSync(csv.path, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFDate,Type,Channel,Number,Card,Previous balance (USD),Current balance (USD),Amount (USD),Reference,Note,Key');
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(lines[1]).toMatch(/,-0\.10,/);

    const xlsx = await w.wallet.exportTransactions({ ...filter, sort: 'amount_asc', format: 'xlsx' });
    const sheet = XLSX.read(fs.readFileSync(xlsx.path)).Sheets.Transactions!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    expect(rows).toHaveLength(expected.length + 1);
    expect(rows.slice(1).every((r) => typeof r[7] === 'number' && (r[7] as number) < 0)).toBe(true);
    const formula = rows.find((r) => String(r[8]).includes('HYPERLINK'));
    expect(formula?.[8]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false);

    const large = await w.wallet.exportTransactions({ sort: 'date_asc', format: 'csv' });
    expect(large.rows).toBe(all.length);
    expect(fs.readFileSync(large.path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(all.length + 1);
  });
});
