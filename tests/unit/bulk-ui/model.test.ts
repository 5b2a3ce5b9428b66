import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES, UNIT_STATES, WAIT_REASONS } from '../../../src-shared/api/campaigns';
import bulk from '../../../src-renderer/bulk/i18n';
import { formatDuration, formatIn, progressOf, STATUS_COLOR, UNIT_COLOR, waitText } from '../../../src-renderer/bulk/model';
import type { CampaignCounts } from '../../../src-shared/api/campaigns';

const i18n = i18next.createInstance();
let en: TFunction;
let tr: TFunction;

beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { bulk: bulk.en }, tr: { bulk: bulk.tr } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  en = i18n.getFixedT('en');
  tr = i18n.getFixedT('tr');
});

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('durations as people say them', () => {
  it('under half a minute is "right away"; then minutes, hours and minutes, days and hours', () => {
    expect(formatDuration(0, en)).toBe('right away');
    expect(formatDuration(29_000, en)).toBe('right away');
    expect(formatDuration(40_000, en)).toBe('1 minute');
    expect(formatDuration(12 * MIN, en)).toBe('12 minutes');
    expect(formatDuration(3 * HOUR + 5 * MIN, en)).toBe('3 h 5 min');
    expect(formatDuration(47 * HOUR, en)).toBe('47 h 0 min');
    expect(formatDuration(52 * HOUR + 20 * MIN, en)).toBe('2 days 4 h');
    expect(formatDuration(12 * MIN, tr)).toBe('12 dakika');
    expect(formatDuration(0, tr)).toBe('hemen');
  });

  it('a countdown shows seconds under a minute and never goes below zero', () => {
    expect(formatIn(1_000 + 23_000, 1_000, en)).toBe('23 s');
    expect(formatIn(1_500, 1_000, en)).toBe('1 s');
    expect(formatIn(500, 1_000, en)).toBe('0 s');
    expect(formatIn(4 * MIN, 0, tr)).toBe('4 dakika');
  });
});

describe('what a sending campaign waits for', () => {
  const now = new Date('2026-03-10T08:00:00').getTime();

  it('has a sentence for every wait reason in both languages', () => {
    for (const reason of WAIT_REASONS) {
      for (const t of [en, tr]) {
        const text = waitText({ reason, until: now + 90_000, behindCampaignId: null }, now, t === en ? 'en' : 'tr', t);
        expect(text, reason).not.toMatch(/bulk:|wait\.|\{\{/);
      }
    }
  });

  it('says how long a delay lasts and when the window opens', () => {
    expect(waitText({ reason: 'delay', until: now + 23_000, behindCampaignId: null }, now, 'en', en)).toBe('Next message in 23 s.');
    const opens = new Date('2026-03-10T09:00:00').getTime();
    const text = waitText({ reason: 'window', until: opens, behindCampaignId: null }, now, 'en', en);
    expect(text).toMatch(/^Outside the send window; continues at .*09:00/);
  });
});

describe('colours', () => {
  it('every campaign status and unit state has one', () => {
    for (const s of CAMPAIGN_STATUSES) expect(STATUS_COLOR[s], s).toBeTruthy();
    for (const s of UNIT_STATES) expect(UNIT_COLOR[s], s).toBeTruthy();
  });
});

describe('progress', () => {
  const counts = (patch: Partial<CampaignCounts>): CampaignCounts => ({
    total: 0, pending: 0, sending: 0, sent: 0, failed: 0, invalid_number: 0, skipped: 0, unknown: 0, delivered: 0, read: 0, ...patch,
  });

  it('counts every message that ended, sent or not, against those meant to go; skipped ones are not meant to', () => {
    expect(progressOf(counts({ total: 9, sent: 6, invalid_number: 3 }))).toEqual({ sendable: 9, done: 9, percent: 100 });
    expect(progressOf(counts({ total: 10, skipped: 2, pending: 5, sending: 1, sent: 2 }))).toEqual({ sendable: 8, done: 2, percent: 25 });
    expect(progressOf(counts({ total: 4, skipped: 4 }))).toEqual({ sendable: 0, done: 0, percent: 0 });
  });
});
