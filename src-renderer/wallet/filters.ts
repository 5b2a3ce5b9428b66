import type { WalletEntryType, WalletFilter } from '../../src-shared/api/wallet';

/** What the filter bar holds: dates as the date inputs give them (`YYYY-MM-DD`, local), types and channel ids. */
export interface FilterState {
  from: string;
  to: string;
  types: WalletEntryType[];
  channelIds: number[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` date, `days` later; null for an empty or malformed date. */
function localDay(value: string, days = 0): number | null {
  const m = DATE.exec(value);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).getTime();
}

/** The API filter: `from` at the start of its day, `to` through the end of its day; null when the range is reversed. */
export function toWalletFilter(state: FilterState): WalletFilter | null {
  const filter: WalletFilter = {};
  const from = localDay(state.from);
  const to = localDay(state.to, 1);
  if (from !== null) filter.from = from;
  if (to !== null) filter.to = to;
  if (from !== null && to !== null && to <= from) return null;
  if (state.types.length > 0) filter.types = state.types;
  if (state.channelIds.length > 0) filter.channelIds = state.channelIds;
  return filter;
}

/** The chart's range: the filter's dates, or the last 30 days up to now. */
export function chartRange(filter: WalletFilter, now: number): { from: number; to: number } {
  const to = filter.to ?? now;
  const from = filter.from ?? Math.min(to - 30 * 86_400_000, now - 30 * 86_400_000);
  return { from, to: Math.max(to, from + 60_000) };
}
