import { describe, expect, it } from 'vitest';
import {
  capState,
  DEFAULT_PACING,
  effectiveDailyCap,
  estimateDurationMs,
  longPauseDue,
  longPauseMs,
  maxDailyCap,
  numberAgeDays,
  pacingProblems,
  partDelayMs,
  recipientDelayMs,
  resolvePacing,
  typingMs,
  warmupCap,
  windowState,
} from '../../../src-main/campaigns/pacing';
import { seededRandom } from '../../../src-main/campaigns/random';
import { atLocal, isValidZone, localDayKey, localTime, nextLocalDayStart, zoneOffsetMs } from '../../../src-main/campaigns/zone';
import { canMove, isFinal, sourcesOf } from '../../../src-main/campaigns/units';

const IST = 'Europe/Istanbul';
const at = (iso: string) => Date.parse(iso);

describe('delays', () => {
  it('stay within the range, vary, and cover it', () => {
    const random = seededRandom(11);
    const xs = Array.from({ length: 2000 }, () => recipientDelayMs(DEFAULT_PACING, random));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...xs)).toBeLessThanOrEqual(45_000);
    expect(new Set(xs).size).toBeGreaterThan(1500);
    expect(Math.min(...xs)).toBeLessThan(21_000);
    expect(Math.max(...xs)).toBeGreaterThan(44_000);
  });

  it('between parts are short; zero on a demo channel asking for none', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 200; i++) {
      const d = partDelayMs(DEFAULT_PACING, random);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(6000);
    }
    const zero = resolvePacing({ delayMinSec: 0, delayMaxSec: 0 }, true);
    expect(partDelayMs(zero, random)).toBe(0);
    expect(recipientDelayMs(zero, random)).toBe(0);
    expect(typingMs(zero, 500, random)).toBe(0);
    expect(zero.pauseEvery).toBeNull();
  });

  it('typing grows with the text and is capped', () => {
    const mid = () => 0.5;
    expect(typingMs(DEFAULT_PACING, 10, mid)).toBe(1500);
    expect(typingMs(DEFAULT_PACING, 100, mid)).toBe(6000);
    expect(typingMs(DEFAULT_PACING, 5000, mid)).toBe(12_000);
    expect(typingMs(DEFAULT_PACING, 100, () => 0)).toBe(5100);
  });

  it('takes the long pause every N recipients, of the configured length', () => {
    expect(longPauseDue(DEFAULT_PACING, 24)).toBe(false);
    expect(longPauseDue(DEFAULT_PACING, 25)).toBe(true);
    expect(longPauseDue({ ...DEFAULT_PACING, pauseEvery: null }, 1000)).toBe(false);
    const random = seededRandom(5);
    for (let i = 0; i < 100; i++) {
      const ms = longPauseMs(DEFAULT_PACING, random);
      expect(ms).toBeGreaterThanOrEqual(300_000);
      expect(ms).toBeLessThanOrEqual(900_000);
    }
  });
});

describe('bounds', () => {
  it('fills defaults and keeps what the user set', () => {
    expect(resolvePacing(undefined, false)).toEqual(DEFAULT_PACING);
    expect(resolvePacing({ delayMinSec: 30, delayMaxSec: 60, window: null }, false)).toEqual({
      ...DEFAULT_PACING,
      delayMinSec: 30,
      delayMaxSec: 60,
      window: null,
    });
  });

  it('lets a real number tighten, loosen within bounds, and not beyond', () => {
    expect(pacingProblems(resolvePacing({ delayMinSec: 60, delayMaxSec: 120, pauseEvery: 10 }, false), 0, false)).toEqual([]);
    expect(pacingProblems(resolvePacing({ delayMinSec: 10, delayMaxSec: 15 }, false), 0, false)).toEqual([]);
    const loose = resolvePacing({ delayMinSec: 2, delayMaxSec: 4, pauseEvery: null, pauseMinSec: 5, dailyCap: 500 }, false);
    expect(pacingProblems(loose, 0, false).map((p) => p.field).sort()).toEqual(['dailyCap', 'delayMaxSec', 'delayMinSec', 'pauseEvery']);
    expect(pacingProblems(resolvePacing({ delayMinSec: 20, delayMaxSec: 45, pauseEvery: 25, pauseMinSec: 5 }, false), 0, false)).toEqual([
      { field: 'pauseMinSec', code: 'below_min', limit: 60 },
    ]);
  });

  it('lets a demo channel go to zero', () => {
    expect(pacingProblems(resolvePacing({ delayMinSec: 0, delayMaxSec: 0, dailyCap: 100_000 }, true), 0, true)).toEqual([]);
  });
});

describe('daily cap with warm-up', () => {
  it('ramps with the number age up to the ceiling', () => {
    expect(warmupCap(0)).toBe(20);
    expect(warmupCap(1)).toBe(30);
    expect(warmupCap(6)).toBe(100);
    expect(warmupCap(14)).toBe(300);
    expect(warmupCap(15)).toBe(325);
    expect(warmupCap(400)).toBe(1000);
    for (let d = 1; d < 60; d++) expect(warmupCap(d)).toBeGreaterThanOrEqual(warmupCap(d - 1));
  });

  it('is the warm-up cap unless the campaign sets one, loosened at most 1.5x', () => {
    expect(effectiveDailyCap(DEFAULT_PACING, 0, false)).toBe(20);
    expect(effectiveDailyCap({ ...DEFAULT_PACING, dailyCap: 10 }, 0, false)).toBe(10);
    expect(effectiveDailyCap({ ...DEFAULT_PACING, dailyCap: 1000 }, 0, false)).toBe(30);
    expect(maxDailyCap(400, false)).toBe(1500);
    expect(effectiveDailyCap(DEFAULT_PACING, 0, true)).toBe(1_000_000);
  });

  it('counts local calendar days since the number was added', () => {
    const added = at('2026-01-01T10:00:00Z'); // 13:00 in Istanbul
    expect(numberAgeDays(added, added + 1000, IST)).toBe(0);
    expect(numberAgeDays(added, at('2026-01-01T20:59:00Z'), IST)).toBe(0);
    expect(numberAgeDays(added, at('2026-01-01T21:00:00Z'), IST)).toBe(1);
    expect(numberAgeDays(added, at('2026-01-03T10:00:01Z'), IST)).toBe(2);
    expect(numberAgeDays(at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'), 'Europe/Berlin')).toBe(2);
  });

  it('resets at local midnight', () => {
    const t = at('2026-01-15T20:30:00Z'); // 23:30 in Istanbul
    expect(capState(20, 20, t, IST)).toEqual({ reached: true, resetsAt: at('2026-01-15T21:00:00Z') });
    expect(capState(19, 20, t, IST).reached).toBe(false);
  });
});

describe('send window', () => {
  const w = { start: '09:00', end: '20:00' };

  it('is open inside the local hours and says when it closes', () => {
    expect(windowState(at('2026-01-15T06:00:00Z'), w, IST)).toEqual({ open: true, closesAt: at('2026-01-15T17:00:00Z') });
  });

  it('is closed before and after, and says when it opens', () => {
    expect(windowState(at('2026-01-15T05:59:00Z'), w, IST)).toEqual({ open: false, opensAt: at('2026-01-15T06:00:00Z') });
    expect(windowState(at('2026-01-15T17:00:00Z'), w, IST)).toEqual({ open: false, opensAt: at('2026-01-16T06:00:00Z') });
  });

  it('runs over midnight when the end is before the start', () => {
    const night = { start: '22:00', end: '02:00' };
    expect(windowState(at('2026-01-15T22:30:00Z'), night, IST).open).toBe(true); // 01:30 local
    expect(windowState(at('2026-01-15T12:00:00Z'), night, IST)).toEqual({ open: false, opensAt: at('2026-01-15T19:00:00Z') });
  });

  it('takes a fixed offset and handles DST days in a zone that has them', () => {
    expect(windowState(at('2026-01-15T06:00:00Z'), w, '+03:00')).toEqual(windowState(at('2026-01-15T06:00:00Z'), w, IST));
    expect(zoneOffsetMs('UTC-5', 0)).toBe(-5 * 3600_000);
    // Berlin moves to summer time on 2026-03-29: 09:00 local is 08:00Z the day before and 07:00Z that day.
    expect(windowState(at('2026-03-28T12:00:00Z'), w, 'Europe/Berlin')).toMatchObject({ open: true });
    expect(windowState(at('2026-03-28T20:00:00Z'), w, 'Europe/Berlin')).toEqual({ open: false, opensAt: at('2026-03-29T07:00:00Z') });
    expect(nextLocalDayStart(at('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toBe(at('2026-03-29T22:00:00Z'));
    expect(atLocal(2026, 3, 29, 0, 'Europe/Berlin')).toBe(at('2026-03-28T23:00:00Z'));
  });

  it('knows valid zones and local days', () => {
    expect(isValidZone('Europe/Istanbul')).toBe(true);
    expect(isValidZone('+14:00')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(localDayKey(at('2026-01-15T21:30:00Z'), IST)).toBe('2026-01-16');
    expect(localTime(at('2026-01-15T21:30:00Z'), IST)).toEqual({ year: 2026, month: 1, day: 16, minutes: 30 });
  });
});

describe('estimate', () => {
  const base = { partsPerRecipient: 1, averageTextLength: 0, sentToday: 0, zone: IST };

  it('is the sum of average delays and typing when nothing else binds', () => {
    const p = resolvePacing({ delayMinSec: 10, delayMaxSec: 30, pauseEvery: null, window: null }, true);
    const ms = estimateDurationMs({ ...base, pacing: p, recipients: 100, cap: 10_000, now: at('2026-01-15T06:00:00Z') });
    expect(ms).toBe(100 * (20_000 + 1000));
  });

  it('waits for the window and spreads over days when the cap binds', () => {
    const p = resolvePacing({ delayMinSec: 0, delayMaxSec: 0, window: { start: '09:00', end: '20:00' } }, true);
    const now = at('2026-01-15T04:00:00Z'); // 07:00 local
    expect(estimateDurationMs({ ...base, pacing: p, recipients: 10, cap: 100, now })).toBe(2 * 3600_000);
    expect(estimateDurationMs({ ...base, pacing: p, recipients: 250, cap: 100, now })).toBe(at('2026-01-17T06:00:00Z') - now);
    expect(estimateDurationMs({ ...base, pacing: p, recipients: 0, cap: 100, now })).toBe(0);
  });
});

describe('unit state machine', () => {
  it('allows the documented moves only', () => {
    expect(canMove('pending', 'sending')).toBe(true);
    expect(canMove('sending', 'sent')).toBe(true);
    expect(canMove('sending', 'unknown')).toBe(true);
    expect(canMove('unknown', 'pending')).toBe(true);
    expect(canMove('pending', 'sent')).toBe(false);
    expect(canMove('sent', 'pending')).toBe(false);
    expect(canMove('skipped', 'pending')).toBe(false);
    expect(canMove('unknown', 'skipped')).toBe(false);
    expect(sourcesOf('sent').sort()).toEqual(['sending', 'unknown']);
    expect(isFinal('invalid_number')).toBe(true);
    expect(isFinal('unknown')).toBe(false);
  });
});
