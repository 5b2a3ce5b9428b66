import { describe, expect, it } from 'vitest';
import { chartRange, toWalletFilter } from '../../../src-renderer/wallet/filters';

describe('wallet filter bar', () => {
  it('turns local dates into a range from the first day\'s start through the last day\'s end', () => {
    expect(toWalletFilter({ from: '2026-03-01', to: '2026-03-31', types: ['top_up'], channelIds: [3] })).toEqual({
      from: new Date(2026, 2, 1).getTime(),
      to: new Date(2026, 3, 1).getTime(),
      types: ['top_up'],
      channelIds: [3],
    });
    expect(toWalletFilter({ from: '2026-03-05', to: '2026-03-05', types: [], channelIds: [] })).toEqual({
      from: new Date(2026, 2, 5).getTime(),
      to: new Date(2026, 2, 6).getTime(),
    });
    expect(toWalletFilter({ from: '', to: '', types: [], channelIds: [] })).toEqual({});
  });

  it('refuses a reversed range and ignores a half-typed date', () => {
    expect(toWalletFilter({ from: '2026-03-05', to: '2026-03-04', types: [], channelIds: [] })).toBeNull();
    expect(toWalletFilter({ from: '2026-3-5', to: '', types: [], channelIds: [] })).toEqual({});
  });

  it('charts the filter\'s range, or the last 30 days', () => {
    const now = Date.UTC(2026, 5, 1);
    expect(chartRange({}, now)).toEqual({ from: now - 30 * 86_400_000, to: now });
    expect(chartRange({ from: 1_000, to: 5_000_000 }, now)).toEqual({ from: 1_000, to: 5_000_000 });
  });
});
