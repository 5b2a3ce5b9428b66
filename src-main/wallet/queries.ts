import type Database from 'better-sqlite3';
import {
  WALLET_ENTRY_TYPES,
  type BalancePoint,
  type WalletEntry,
  type WalletEntryType,
  type WalletFilter,
  type WalletPage,
  type WalletSort,
  type WalletTotals,
} from '../../src-shared/api/wallet';
import type { CardBrand } from '../../src-shared/domain/card';
import { decodeCursor, encodeCursor } from '../contacts/cursor';
import type { EntryRow } from './ledger';

const DAY = 86_400_000;
const STATEMENT_CACHE_MAX = 256;

/** An entry with what the table shows beside it: the channel's current name and the card's brand and last digits. */
export interface DisplayRow extends EntryRow {
  channel_now: string | null;
  card_brand: string | null;
  card_last4: string | null;
}

export function toWalletEntry(r: DisplayRow): WalletEntry {
  return {
    id: r.id,
    at: r.at,
    type: r.type,
    amountMinor: r.amount,
    balanceBeforeMinor: r.balance_before,
    balanceAfterMinor: r.balance_after,
    channelId: r.channel_id,
    channelName: r.channel_now ?? r.channel_name,
    phone: r.phone,
    kind: r.kind,
    card: r.card_id !== null && r.card_brand !== null ? { id: r.card_id, brand: r.card_brand as CardBrand, last4: r.card_last4 ?? '' } : null,
    refundOf: r.refund_of,
    reference: r.reference,
    note: r.note,
    idempotencyKey: r.idempotency_key,
  };
}

const DISPLAY = `SELECT e.*, c.name AS channel_now, k.brand AS card_brand, k.last4 AS card_last4
  FROM %ENTRIES% e LEFT JOIN channels c ON c.id = e.channel_id LEFT JOIN wallet_cards k ON k.id = e.card_id`;

type Param = number | string;

export type PageInput = WalletFilter & { limit: number; cursor?: string; sort: WalletSort };

interface Where {
  sql: string[];
  params: Param[];
}

function rangeWhere(filter: WalletFilter, where: Where): void {
  if (filter.from !== undefined) {
    where.sql.push('at >= ?');
    where.params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.sql.push('at < ?');
    where.params.push(filter.to);
  }
}

function inList(column: string, values: readonly Param[], where: Where): void {
  where.sql.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  where.params.push(...values);
}

/** The filter's types, or null when it names none or all of them (no type condition needed). */
function typesOf(filter: WalletFilter): WalletEntryType[] | null {
  const types = filter.types ? [...new Set(filter.types)] : null;
  return types && types.length < WALLET_ENTRY_TYPES.length ? types : null;
}

const whereSql = (w: Where) => (w.sql.length > 0 ? `WHERE ${w.sql.join(' AND ')}` : '');

/**
 * Read side of the ledger: keyset pages, totals and the balance over time, with statements built per filter shape
 * and kept prepared.
 *
 * Date-sorted pages are answered without sorting the filtered set: for each channel x type (or each type) the
 * index `(channel_id, type, at)` (or `(type, at)`) yields that slice already in date order, each slice stops after
 * one page, and SQLite merges the slices. A filtered page therefore costs about (slices x page) index steps
 * whatever the table's size. Totals add whole days from `wallet_day_totals` and read only the partial days at the
 * range's edges from the ledger.
 */
export class LedgerQueries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly sqlite: Database.Database) {}

  page(input: PageInput): WalletPage {
    const { sql, params } = this.pageQuery(input);
    const rows = this.stmt(sql).all(...params) as DisplayRow[];
    const more = rows.length > input.limit;
    const pageRows = more ? rows.slice(0, input.limit) : rows;
    const last = pageRows[pageRows.length - 1];
    const byDate = input.sort === 'date_desc' || input.sort === 'date_asc';
    return {
      rows: pageRows.map(toWalletEntry),
      nextCursor: more && last ? encodeCursor({ m: input.sort, k: byDate ? last.at : last.amount, i: last.id }) : null,
    };
  }

  /** The statement a page runs (its plan is checked by the tests) and its parameters. */
  pageQuery(input: PageInput): { sql: string; params: Param[] } {
    const after = decodeCursor(input.cursor, input.sort);
    const byDate = input.sort === 'date_desc' || input.sort === 'date_asc';
    const desc = input.sort === 'date_desc' || input.sort === 'amount_desc';
    const key = byDate ? 'at' : 'amount';
    const dir = desc ? 'DESC' : 'ASC';
    const cmp = desc ? '<' : '>';
    const keyset = (w: Where) => {
      if (!after || typeof after.k !== 'number') return;
      w.sql.push(`${key} ${cmp}= ? AND (${key} ${cmp} ? OR id ${cmp} ?)`);
      w.params.push(after.k, after.k, after.i);
    };
    const order = `ORDER BY ${key} ${dir}, id ${dir}`;
    const take = input.limit + 1;
    let inner: string;
    const params: Param[] = [];
    const plan = byDate ? this.slices(input) : null;
    const from = plan ? `wallet_entries INDEXED BY ${plan.index}` : 'wallet_entries';
    if (plan && plan.slices.length > 1) {
      inner = plan.slices
        .map((slice) => {
          const w: Where = { sql: [], params: [] };
          slice(w);
          rangeWhere(input, w);
          keyset(w);
          params.push(...w.params, take);
          return `SELECT * FROM (SELECT * FROM ${from} ${whereSql(w)} ${order} LIMIT ?)`;
        })
        .join(' UNION ALL ');
      inner = `(${inner} ${order} LIMIT ?)`;
      params.push(take);
    } else {
      const w: Where = { sql: [], params: [] };
      plan?.slices[0]?.(w);
      if (!plan) this.filterWhere(input, w);
      rangeWhere(input, w);
      keyset(w);
      inner = `(SELECT * FROM ${from} ${whereSql(w)} ${order} LIMIT ?)`;
      params.push(...w.params, take);
    }
    return { sql: `${DISPLAY.replace('%ENTRIES%', inner)} ORDER BY e.${key} ${dir}, e.id ${dir}`, params };
  }

  totals(filter: WalletFilter): WalletTotals {
    const sums = new Map<string, { entries: number; amount: number }>();
    const add = (rows: { type: string; entries: number; amount: number }[]) => {
      for (const r of rows) {
        const s = sums.get(r.type) ?? { entries: 0, amount: 0 };
        s.entries += r.entries;
        s.amount += r.amount;
        sums.set(r.type, s);
      }
    };
    const firstDay = filter.from === undefined ? null : Math.ceil(filter.from / DAY);
    const endDay = filter.to === undefined ? null : Math.floor(filter.to / DAY);
    if (firstDay !== null && endDay !== null && firstDay >= endDay) {
      add(this.ledgerTotals(filter, filter.from, filter.to));
    } else {
      add(this.dayTotals(filter, firstDay, endDay));
      if (firstDay !== null && filter.from! < firstDay * DAY) add(this.ledgerTotals(filter, filter.from, firstDay * DAY));
      if (endDay !== null && endDay * DAY < filter.to!) add(this.ledgerTotals(filter, endDay * DAY, filter.to));
    }
    const of = (t: WalletEntryType) => sums.get(t)?.amount ?? 0;
    const totals: WalletTotals = {
      entries: [...sums.values()].reduce((n, s) => n + s.entries, 0),
      topUpsMinor: of('top_up'),
      chargesMinor: of('message_charge'),
      refundsMinor: of('refund'),
      adjustmentsMinor: of('adjustment'),
      netMinor: 0,
    };
    totals.netMinor = totals.topUpsMinor + totals.chargesMinor + totals.refundsMinor + totals.adjustmentsMinor;
    return totals;
  }

  /** The balance at each of `points` evenly spaced moments from `from` to `to` (after the entries at that moment). */
  series(from: number, to: number, points: number): BalancePoint[] {
    const at = this.stmt('SELECT balance_after AS b FROM wallet_entries WHERE at <= ? ORDER BY at DESC, id DESC LIMIT 1');
    const out: BalancePoint[] = [];
    for (let i = 0; i < points; i++) {
      const t = from + Math.round(((to - from) * i) / (points - 1));
      out.push({ at: t, balanceMinor: (at.get(t) as { b: number } | undefined)?.b ?? 0 });
    }
    return out;
  }

  /** Every entry of the filter in `sort` order, streamed (exports); one sort of the set instead of a page walk. */
  iterate(filter: WalletFilter, sort: WalletSort): IterableIterator<DisplayRow> {
    const w: Where = { sql: [], params: [] };
    this.filterWhere(filter, w);
    rangeWhere(filter, w);
    const key = sort === 'date_desc' || sort === 'date_asc' ? 'at' : 'amount';
    const dir = sort === 'date_desc' || sort === 'amount_desc' ? 'DESC' : 'ASC';
    const inner = `(SELECT * FROM wallet_entries ${whereSql(w)})`;
    return this.sqlite
      .prepare(`${DISPLAY.replace('%ENTRIES%', inner)} ORDER BY e.${key} ${dir}, e.id ${dir}`)
      .iterate(...w.params) as IterableIterator<DisplayRow>;
  }

  /** Display rows by id, in the given order. */
  display(ids: number[]): WalletEntry[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(
      `${DISPLAY.replace('%ENTRIES%', 'wallet_entries')} WHERE e.id IN (${ids.map(() => '?').join(', ')})`,
    ).all(...ids) as DisplayRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toWalletEntry(r)] : [];
    });
  }

  /**
   * The index that walks the filter's entries in date order, and one condition-adder per slice of it. The index is
   * named (`INDEXED BY`): without statistics SQLite prefers `(type, at)` over `(channel_id, type, at)` when a date
   * range and a LIMIT are present, which reads every channel's entries of the type.
   */
  private slices(filter: WalletFilter): { index: string; slices: ((w: Where) => void)[] } {
    const types = typesOf(filter);
    const channels = filter.channelIds ? [...new Set(filter.channelIds)] : null;
    if (channels) {
      const ts = types ?? [...WALLET_ENTRY_TYPES];
      return {
        index: 'wallet_entries_channel_type_at_idx',
        slices: channels.flatMap((c) =>
          ts.map((t) => (w: Where) => {
            w.sql.push('channel_id = ?', 'type = ?');
            w.params.push(c, t);
          }),
        ),
      };
    }
    if (types) {
      return {
        index: 'wallet_entries_type_at_idx',
        slices: types.map((t) => (w: Where) => {
          w.sql.push('type = ?');
          w.params.push(t);
        }),
      };
    }
    return { index: 'wallet_entries_at_idx', slices: [() => {}] };
  }

  private filterWhere(filter: WalletFilter, w: Where): void {
    const types = typesOf(filter);
    if (types) inList('type', types, w);
    if (filter.channelIds) inList('channel_id', [...new Set(filter.channelIds)], w);
  }

  private dayTotals(filter: WalletFilter, firstDay: number | null, endDay: number | null) {
    const w: Where = { sql: [], params: [] };
    if (firstDay !== null) {
      w.sql.push('day >= ?');
      w.params.push(firstDay);
    }
    if (endDay !== null) {
      w.sql.push('day < ?');
      w.params.push(endDay);
    }
    const types = typesOf(filter);
    if (types) inList('type', types, w);
    if (filter.channelIds) inList('channel_key', [...new Set(filter.channelIds)], w);
    return this.stmt(
      `SELECT type, sum(entries) AS entries, sum(amount) AS amount FROM wallet_day_totals ${whereSql(w)} GROUP BY type`,
    ).all(...w.params) as { type: string; entries: number; amount: number }[];
  }

  /**
   * Sums the ledger rows of a range shorter than two days (the edges of a longer one). The date index bounds the
   * read by the range; left to itself SQLite may walk `(channel_id, type, at)` for a channel filter without types,
   * where the date cannot narrow anything.
   */
  private ledgerTotals(filter: WalletFilter, from: number | undefined, to: number | undefined) {
    const w: Where = { sql: [], params: [] };
    this.filterWhere(filter, w);
    rangeWhere({ from, to }, w);
    return this.stmt(
      `SELECT type, count(*) AS entries, sum(amount) AS amount FROM wallet_entries INDEXED BY wallet_entries_at_idx ${whereSql(w)} GROUP BY type`,
    ).all(...w.params) as { type: string; entries: number; amount: number }[];
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      if (this.cache.size >= STATEMENT_CACHE_MAX) this.cache.clear();
      s = this.sqlite.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
