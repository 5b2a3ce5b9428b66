import type { Pacing, PacingInput, SendWindow } from '../../src-shared/api/campaigns';
import { uniformInt } from './random';
import { localDayStart, nextLocalDayStart, nextLocalMinute, localTime } from './zone';

/**
 * How fast a campaign may send. WhatsApp bans numbers that message many people quickly, at night, or far more than
 * a new number usually does, so sending is spaced by a random delay (never a constant, which looks automated), a
 * longer pause every so many recipients, "typing..." for as long as a person would type, local send hours and a
 * daily cap that grows with the number's age. Everything here is pure: times come in as arguments.
 */

export const DEFAULT_PACING: Pacing = {
  delayMinSec: 20,
  delayMaxSec: 45,
  pauseEvery: 25,
  pauseMinSec: 300,
  pauseMaxSec: 900,
  dailyCap: null,
  window: { start: '09:00', end: '20:00' },
};

/**
 * Messages a number may send on its n-th day (index 0 = the day it was added), then +25 a day up to the ceiling.
 * Modelled on the warm-up schedules bulk senders publish for fresh WhatsApp numbers.
 */
export const WARMUP_CAPS = [20, 30, 40, 55, 70, 85, 100, 120, 140, 160, 180, 200, 230, 260, 300];
export const DAILY_CAP_CEILING = 1000;
/** A user may loosen the warm-up cap by at most this factor (and never past the hard maximum). */
export const CAP_LOOSEN_FACTOR = 1.5;
export const DAILY_CAP_MAX = 1500;

/** The bounds a real number's pacing must stay within; demo channels may go down to zero. */
export const REAL_BOUNDS = {
  delayMinSec: 10,
  /** Between the shortest and the longest delay, so the spacing is visibly random. */
  delaySpreadSec: 5,
  pauseEveryMax: 200,
  pauseMinSec: 60,
} as const;

/** A short gap between the parts of one recipient's message, as a person sends several bubbles. */
export const PART_DELAY_SEC = { min: 2, max: 6 } as const;

const DAY_MS = 86_400_000;

export function warmupCap(ageDays: number): number {
  const day = Math.max(0, Math.floor(ageDays));
  if (day < WARMUP_CAPS.length) return WARMUP_CAPS[day]!;
  return Math.min(DAILY_CAP_CEILING, WARMUP_CAPS[WARMUP_CAPS.length - 1]! + (day - WARMUP_CAPS.length + 1) * 25);
}

/** Local calendar days since the number was added (0 on that day, 1 from the next midnight on). */
export function numberAgeDays(addedAt: number, now: number, zone: string): number {
  return Math.max(0, Math.round((localDayStart(now, zone) - localDayStart(addedAt, zone)) / DAY_MS));
}

/** The most a user may raise the daily cap to for a number of this age. */
export function maxDailyCap(ageDays: number, demo: boolean): number {
  if (demo) return 1_000_000;
  return Math.min(DAILY_CAP_MAX, Math.floor(warmupCap(ageDays) * CAP_LOOSEN_FACTOR));
}

/** The cap in force: the campaign's own (within bounds), else the warm-up cap. */
export function effectiveDailyCap(pacing: Pacing, ageDays: number, demo: boolean): number {
  const cap = pacing.dailyCap ?? (demo ? 1_000_000 : warmupCap(ageDays));
  return Math.max(1, Math.min(cap, maxDailyCap(ageDays, demo)));
}

/** The user's pacing with the defaults filled in. A demo channel asking for no delay gets no pauses either. */
export function resolvePacing(input: PacingInput | undefined, demo: boolean): Pacing {
  if (!input) return { ...DEFAULT_PACING };
  const zeroDemo = demo && input.delayMaxSec === 0;
  return {
    delayMinSec: input.delayMinSec,
    delayMaxSec: input.delayMaxSec,
    pauseEvery: input.pauseEvery !== undefined ? input.pauseEvery : zeroDemo ? null : DEFAULT_PACING.pauseEvery,
    pauseMinSec: input.pauseMinSec ?? (zeroDemo ? 0 : DEFAULT_PACING.pauseMinSec),
    pauseMaxSec: input.pauseMaxSec ?? Math.max(input.pauseMinSec ?? 0, zeroDemo ? 0 : DEFAULT_PACING.pauseMaxSec),
    dailyCap: input.dailyCap ?? null,
    window: input.window === undefined ? DEFAULT_PACING.window : input.window,
  };
}

export type PacingProblem =
  | { field: 'delayMinSec'; code: 'below_min'; limit: number }
  | { field: 'delayMaxSec'; code: 'spread'; limit: number }
  | { field: 'pauseEvery'; code: 'required' | 'above_max'; limit: number }
  | { field: 'pauseMinSec'; code: 'below_min'; limit: number }
  | { field: 'pauseMaxSec'; code: 'max_below_min'; limit: number }
  | { field: 'dailyCap'; code: 'above_max'; limit: number };

/** What a real number's pacing breaks of the bounds (empty when fine); demo channels only need max >= min. */
export function pacingProblems(p: Pacing, ageDays: number, demo: boolean): PacingProblem[] {
  const out: PacingProblem[] = [];
  if (p.pauseMaxSec < p.pauseMinSec) out.push({ field: 'pauseMaxSec', code: 'max_below_min', limit: p.pauseMinSec });
  const capMax = maxDailyCap(ageDays, demo);
  if (p.dailyCap !== null && p.dailyCap > capMax) out.push({ field: 'dailyCap', code: 'above_max', limit: capMax });
  if (demo) return out;
  if (p.delayMinSec < REAL_BOUNDS.delayMinSec) out.push({ field: 'delayMinSec', code: 'below_min', limit: REAL_BOUNDS.delayMinSec });
  if (p.delayMaxSec - p.delayMinSec < REAL_BOUNDS.delaySpreadSec) {
    out.push({ field: 'delayMaxSec', code: 'spread', limit: REAL_BOUNDS.delaySpreadSec });
  }
  if (p.pauseEvery === null) out.push({ field: 'pauseEvery', code: 'required', limit: REAL_BOUNDS.pauseEveryMax });
  else if (p.pauseEvery > REAL_BOUNDS.pauseEveryMax) out.push({ field: 'pauseEvery', code: 'above_max', limit: REAL_BOUNDS.pauseEveryMax });
  if (p.pauseEvery !== null && p.pauseMinSec < REAL_BOUNDS.pauseMinSec) {
    out.push({ field: 'pauseMinSec', code: 'below_min', limit: REAL_BOUNDS.pauseMinSec });
  }
  return out;
}

const sec = (s: number) => s * 1000;

/** The wait before the next recipient. */
export function recipientDelayMs(p: Pacing, random: () => number): number {
  return uniformInt(random, sec(p.delayMinSec), sec(p.delayMaxSec));
}

/** The wait between two parts to the same recipient: short, and never longer than the recipient delay. */
export function partDelayMs(p: Pacing, random: () => number): number {
  return uniformInt(random, sec(Math.min(PART_DELAY_SEC.min, p.delayMinSec)), sec(Math.min(PART_DELAY_SEC.max, p.delayMaxSec)));
}

/** Whether the recipients sent since the last long pause call for one now. */
export function longPauseDue(p: Pacing, recipientsSincePause: number): boolean {
  return p.pauseEvery !== null && recipientsSincePause >= p.pauseEvery;
}

export function longPauseMs(p: Pacing, random: () => number): number {
  return uniformInt(random, sec(p.pauseMinSec), sec(p.pauseMaxSec));
}

/**
 * How long "typing..." shows before a text goes out: about what a quick typist needs for it (a second plus 50 ms a
 * character, at most 12 s), varied by +-15 %. None on a demo channel sending without delay.
 */
export function typingMs(p: Pacing, textLength: number, random: () => number): number {
  if (p.delayMaxSec === 0) return 0;
  const base = Math.min(12_000, 1000 + 50 * textLength);
  return Math.round(base * (0.85 + random() * 0.3));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type WindowState = { open: true; closesAt: number | null } | { open: false; opensAt: number };

/** Whether `t` falls in the send window (in `zone`), and when that changes. */
export function windowState(t: number, window: SendWindow | null, zone: string): WindowState {
  if (!window) return { open: true, closesAt: null };
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const m = localTime(t, zone).minutes;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  return inside ? { open: true, closesAt: nextLocalMinute(t, end, zone) } : { open: false, opensAt: nextLocalMinute(t, start, zone) };
}

export interface CapState {
  reached: boolean;
  /** When today's count starts over (local midnight). */
  resetsAt: number;
}

export function capState(sentToday: number, cap: number, t: number, zone: string): CapState {
  return { reached: sentToday >= cap, resetsAt: nextLocalDayStart(t, zone) };
}

export interface EstimateInput {
  pacing: Pacing;
  /** Recipients still to send to. */
  recipients: number;
  partsPerRecipient: number;
  /** Average text length of the parts, for the typing time. */
  averageTextLength: number;
  cap: number;
  /** Messages the channel already sent today (count against the cap). */
  sentToday: number;
  now: number;
  zone: string;
}

/**
 * Expected time to send everything: the average delays and pauses, then walked day by day through the send window
 * and the daily cap. An estimate for the user, never a promise.
 */
export function estimateDurationMs(e: EstimateInput): number {
  if (e.recipients <= 0 || e.partsPerRecipient <= 0) return 0;
  const p = e.pacing;
  const avgDelay = sec(p.delayMinSec + p.delayMaxSec) / 2;
  const avgPart = sec(Math.min(PART_DELAY_SEC.min, p.delayMinSec) + Math.min(PART_DELAY_SEC.max, p.delayMaxSec)) / 2;
  const avgTyping = p.delayMaxSec === 0 ? 0 : Math.min(12_000, 1000 + 50 * e.averageTextLength);
  const avgPause = p.pauseEvery === null ? 0 : sec(p.pauseMinSec + p.pauseMaxSec) / 2 / p.pauseEvery;
  const perRecipient = avgDelay + (e.partsPerRecipient - 1) * avgPart + e.partsPerRecipient * avgTyping + avgPause;
  const perDayByCap = Math.max(1, Math.floor(e.cap / e.partsPerRecipient));

  let t = e.now;
  let remaining = e.recipients;
  let sentToday = Math.floor(e.sentToday / e.partsPerRecipient);
  for (let guard = 0; guard < 20_000 && remaining > 0; guard++) {
    const w = windowState(t, p.window, e.zone);
    if (!w.open) {
      if (localDayStart(w.opensAt, e.zone) !== localDayStart(t, e.zone)) sentToday = 0;
      t = w.opensAt;
      continue;
    }
    const dayEnd = nextLocalDayStart(t, e.zone);
    const segmentEnd = Math.min(w.closesAt ?? dayEnd, dayEnd);
    const byTime = perRecipient === 0 ? remaining : Math.floor((segmentEnd - t) / perRecipient);
    const byCap = Math.max(0, perDayByCap - sentToday);
    const n = Math.min(remaining, byTime, byCap);
    if (n === remaining) return t + n * perRecipient - e.now;
    remaining -= n;
    sentToday += n;
    if (byCap <= byTime) {
      t = dayEnd;
      sentToday = 0;
    } else {
      t = segmentEnd;
      if (segmentEnd === dayEnd) sentToday = 0;
    }
  }
  return t - e.now;
}
