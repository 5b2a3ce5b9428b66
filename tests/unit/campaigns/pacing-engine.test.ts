import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { SimulatorGateway } from '../../../src-main/whatsapp/simulator';
import type { TestCore } from '../../helpers/core';
import { addContacts, demoSetup, FAST, get, pngFile, runFor, runUntil } from './helpers';

let t: TestCore;
afterEach(async () => t?.close());

const at = (iso: string) => Date.parse(iso);
/** Istanbul has no DST: local = UTC + 3 h all year. */
const ZONE = '+03:00';

async function setup(opts: { start?: string; balance?: number } = {}) {
  const clock = new ManualClock(at(opts.start ?? '2026-01-15T07:00:00Z'));
  const s = await demoSetup({ clock, balance: opts.balance });
  t = s.t;
  await t.ok('campaigns.settings.update', { timeZone: ZONE });
  return s;
}

async function delivered(channelId: number) {
  return t.ok('simulator.delivered', { channelId, limit: 10_000 });
}

const gaps = (times: number[]) => times.slice(1).map((x, i) => x - times[i]!);

describe('pacing on a fake clock', () => {
  it('waits a random delay in range between recipients (never a constant one), a short one between parts, typing first', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 12);
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Paced',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }, { kind: 'text', text: 'Second part' }],
      pacing: { delayMinSec: 20, delayMaxSec: 45, pauseEvery: null, window: null },
    });
    await t.ok('campaigns.start', { id: c.id });
    await runUntil(t, c.id, 'completed');
    const sent = await delivered(s.channelId);
    expect(sent).toHaveLength(24);
    const firstParts = sent.filter((_, i) => i % 2 === 0).map((d) => d.at);
    const secondParts = sent.filter((_, i) => i % 2 === 1).map((d) => d.at);
    // Typing "Hi" takes 1.1 s +-15 %; "Second part" 1.55 s +-15 %.
    const typingHi = [935, 1265];
    const typingSecond = [1317, 1783];
    const between = secondParts.slice(0, -1).map((end, i) => firstParts[i + 1]! - end);
    for (const g of between) {
      expect(g).toBeGreaterThanOrEqual(20_000 + typingHi[0]!);
      expect(g).toBeLessThanOrEqual(45_000 + typingHi[1]!);
    }
    expect(new Set(between).size).toBe(between.length);
    expect(Math.max(...between) - Math.min(...between)).toBeGreaterThan(5000);
    const withinRecipient = secondParts.map((x, i) => x - firstParts[i]!);
    for (const g of withinRecipient) {
      expect(g).toBeGreaterThanOrEqual(2000 + typingSecond[0]!);
      expect(g).toBeLessThanOrEqual(6000 + typingSecond[1]!);
    }
  });

  it('takes the longer pause after every N recipients', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 10);
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Pauses',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 10, delayMaxSec: 15, pauseEvery: 3, pauseMinSec: 300, pauseMaxSec: 600, window: null },
    });
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 90_000);
    expect((await get(t, c.id)).wait).toMatchObject({ reason: 'long_pause' });
    await runUntil(t, c.id, 'completed');
    const g = gaps((await delivered(s.channelId)).map((d) => d.at));
    g.forEach((gap, i) => {
      const long = (i + 1) % 3 === 0;
      expect(gap).toBeGreaterThanOrEqual((long ? 300_000 : 10_000) + 935);
      expect(gap).toBeLessThanOrEqual((long ? 600_000 : 15_000) + 1265);
    });
  });

  it('sends only inside the window, says until when it waits, and carries on when the window opens', async () => {
    const s = await setup({ start: '2026-01-15T16:59:00Z' }); // 19:59 local
    const { groupId } = await addContacts(t, s.channelId, 5);
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Window',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 20, delayMaxSec: 25, window: { start: '09:00', end: '20:00' } },
    });
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 5 * 60_000);
    const waiting = await get(t, c.id);
    expect(waiting.status).toBe('sending');
    expect(waiting.wait).toEqual({ reason: 'window', until: at('2026-01-16T06:00:00Z'), behindCampaignId: null });
    const before = (await delivered(s.channelId)).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(5);
    for (const d of await delivered(s.channelId)) expect(d.at).toBeLessThan(at('2026-01-15T17:00:00Z'));
    expect(waiting.etaAt).toBeGreaterThan(at('2026-01-16T06:00:00Z'));
    await runUntil(t, c.id, 'completed', 24 * 3_600_000);
    const after = (await delivered(s.channelId)).slice(before);
    expect(after.length).toBe(5 - before);
    for (const d of after) expect(d.at).toBeGreaterThanOrEqual(at('2026-01-16T06:00:00Z'));
  });

  it('holds a new real number to its warm-up cap per local day, then sends more as it ages', async () => {
    const clock = new ManualClock(at('2026-01-15T07:00:00Z'));
    const s = await demoSetup({ clock });
    t = s.t;
    await t.ok('campaigns.settings.update', { timeZone: ZONE });
    // A real (non-demo) channel; the test core backs every engine with the simulator.
    const real = await t.ok('channels.create', { name: 'Real', phone: '05329998877', engine: 'wwebjs' });
    await t.ok('channels.connect', { id: real.id });
    const gw = t.core.gateways.gateway(real.id) as SimulatorGateway;
    gw.scan(real.phone);
    await runFor(t, 0);
    await t.ok('campaigns.acknowledgeWarning', { channelId: real.id });
    const { groupId } = await addContacts(t, real.id, 60, { group: 'Warm-up' });
    const c = await t.ok('campaigns.create', {
      channelId: real.id,
      title: 'Warm-up',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 10, delayMaxSec: 15, pauseEvery: 200, pauseMinSec: 60, pauseMaxSec: 60, window: null },
    });
    expect(c.effectiveDailyCap).toBe(20);
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 12 * 3_600_000, async () => (await get(t, c.id)).wait?.reason === 'daily_cap');
    const capped = await get(t, c.id);
    expect(capped.counts.sent).toBe(20);
    expect(capped.wait).toEqual({ reason: 'daily_cap', until: at('2026-01-15T21:00:00Z'), behindCampaignId: null });
    await runFor(t, 9 * 3_600_000);
    expect((await get(t, c.id)).counts.sent).toBe(20);
    const done = await runUntil(t, c.id, 'completed', 72 * 3_600_000);
    expect(done.counts.sent).toBe(60);
    const perDay = new Map<string, number>();
    for (const d of gw.delivered(10_000)) {
      const day = new Date(d.at + 3 * 3_600_000).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    // Day 0 of the number: 20; day 1: 30; the rest on day 2.
    expect([...perDay.entries()]).toEqual([
      ['2026-01-15', 20],
      ['2026-01-16', 30],
      ['2026-01-17', 10],
    ]);
  });

  it('refuses pacing a real number would risk a ban, and lets it tighten or loosen within bounds', async () => {
    const s = await setup();
    const real = await t.ok('channels.create', { name: 'Real', phone: '05329998877', engine: 'wwebjs' });
    const { groupId } = await addContacts(t, s.channelId, 1);
    void groupId;
    const base = { channelId: real.id, title: 'x', parts: [{ kind: 'text' as const, text: 'Hi' }] };
    expect((await t.err('campaigns.create', { ...base, pacing: { delayMinSec: 0, delayMaxSec: 0 } })).field).toBe('pacing.delayMinSec');
    expect((await t.err('campaigns.create', { ...base, pacing: { delayMinSec: 30, delayMaxSec: 31 } })).field).toBe('pacing.delayMaxSec');
    expect((await t.err('campaigns.create', { ...base, pacing: { delayMinSec: 30, delayMaxSec: 60, dailyCap: 500 } })).field).toBe('pacing.dailyCap');
    expect((await t.err('campaigns.create', { ...base, pacing: { delayMinSec: 30, delayMaxSec: 60, pauseEvery: null } })).field).toBe('pacing.pauseEvery');
    const tight = await t.ok('campaigns.create', { ...base, pacing: { delayMinSec: 60, delayMaxSec: 120, pauseEvery: 5, dailyCap: 10 } });
    expect(tight.pacing).toMatchObject({ delayMinSec: 60, delayMaxSec: 120, pauseEvery: 5, dailyCap: 10 });
    const loose = await t.ok('campaigns.create', { ...base, pacing: { delayMinSec: 10, delayMaxSec: 15, dailyCap: 30 } });
    expect(loose.effectiveDailyCap).toBe(30);
  });
});

describe('pausing and resuming by itself', () => {
  async function campaign(channelId: number, n: number, extra: Record<string, unknown> = {}) {
    const { groupId } = await addContacts(t, channelId, n);
    return t.ok('campaigns.create', {
      channelId,
      title: 'Auto',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi {{name}}' }],
      pacing: { delayMinSec: 1, delayMaxSec: 2, window: null, pauseEvery: null },
      ...extra,
    });
  }

  it('pauses on a disconnect with the reason, and resumes when the connection is back', async () => {
    const s = await setup();
    const c = await campaign(s.channelId, 6);
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 4_000);
    await t.ok('simulator.inject', { channelId: s.channelId, event: 'disconnect' });
    await runFor(t, 0);
    const paused = await get(t, c.id);
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toBe('disconnected');
    expect(paused.pauseDetail?.en).toMatch(/continues by itself/);
    expect(paused.pauseDetail?.tr).toMatch(/kendiliğinden/);
    // The manager reconnects after its backoff; the saved session needs no scan.
    const done = await runUntil(t, c.id, 'completed', 60_000);
    expect(done.counts.sent).toBe(6);
    expect((await delivered(s.channelId)).length).toBe(6);
  });

  it('pauses on a ban and stays paused when the connection returns, until the user resumes', async () => {
    const s = await setup();
    const c = await campaign(s.channelId, 4);
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 2_500);
    await t.ok('simulator.inject', { channelId: s.channelId, event: 'ban' });
    await runFor(t, 0);
    expect(await get(t, c.id)).toMatchObject({ status: 'paused', pauseReason: 'blocked' });
    await t.ok('channels.disconnect', { id: s.channelId });
    await t.ok('channels.connect', { id: s.channelId });
    await runFor(t, 30_000);
    expect(t.core.gateways.connection(s.channelId).state).toBe('ready');
    expect(await get(t, c.id)).toMatchObject({ status: 'paused', pauseReason: 'blocked' });
    await t.ok('campaigns.resume', { id: c.id });
    expect((await runUntil(t, c.id, 'completed', 60_000)).counts.sent).toBe(4);
  });

  it('pauses after a streak of failures (refunding each), and waits for the user', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 8);
    const image = pngFile();
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Broken image',
      groupIds: [groupId],
      parts: [{ kind: 'image', path: image }],
      pacing: { delayMinSec: 1, delayMaxSec: 2, window: null, pauseEvery: null },
    });
    fs.rmSync(c.parts[0]!.kind === 'image' ? c.parts[0]!.path : '');
    const balance = (await t.ok('wallet.balance', {})).balanceMinor;
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 120_000, async () => (await get(t, c.id)).status === 'paused');
    const paused = await get(t, c.id);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'failure_streak' });
    expect(paused.counts.failed).toBe(5);
    expect((await t.ok('wallet.balance', {})).balanceMinor).toBe(balance);
    await runFor(t, 600_000);
    expect((await get(t, c.id)).status).toBe('paused');
    const page = await t.ok('campaigns.recipients', { campaignId: c.id, state: 'failed', limit: 10 });
    expect(page.items[0]!.parts[0]).toMatchObject({ state: 'failed', failure: 'image_missing' });
  });

  it('pauses when the wallet cannot pay, keeps the rest pending, and resumes after a top-up', async () => {
    const s = await setup({ balance: 30 }); // three texts at the default price of 10
    const c = await campaign(s.channelId, 5);
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 60_000, async () => (await get(t, c.id)).status === 'paused');
    const paused = await get(t, c.id);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'insufficient_balance' });
    expect(paused.counts).toMatchObject({ sent: 3, pending: 2 });
    expect(paused.pauseDetail?.en).toMatch(/top-up/);
    await runFor(t, 60_000);
    expect((await get(t, c.id)).status).toBe('paused');
    await t.ok('wallet.adjust', { idempotencyKey: 'top-up-1', amountMinor: 1000, reason: 'top up' });
    const done = await runUntil(t, c.id, 'completed', 60_000);
    expect(done.counts.sent).toBe(5);
    expect((await t.ok('wallet.balance', {})).balanceMinor).toBe(30 + 1000 - 50);
  });

  it('starts while disconnected (paused with the reason), sends once connected', async () => {
    const clock = new ManualClock(at('2026-01-15T07:00:00Z'));
    const s = await demoSetup({ clock });
    t = s.t;
    await t.ok('channels.disconnect', { id: s.channelId });
    const c = await campaign(s.channelId, 3, { pacing: FAST });
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 10_000);
    expect(await get(t, c.id)).toMatchObject({ status: 'paused', pauseReason: 'disconnected' });
    await t.ok('channels.connect', { id: s.channelId });
    expect((await runUntil(t, c.id, 'completed', 10_000)).counts.sent).toBe(3);
  });
});
