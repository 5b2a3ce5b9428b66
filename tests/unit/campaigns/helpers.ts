import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { makeCore, tempDir, type SimulatorFactory, type TestCore } from '../../helpers/core';
import type { CampaignDetail } from '../../../src-shared/api/campaigns';

/** Pacing for demo channels that sends as fast as the engine can: no delays, pauses, window or cap. */
export const FAST = { delayMinSec: 0, delayMaxSec: 0, window: null, dailyCap: 1_000_000 } as const;

/** A connected demo channel, a funded wallet and the warning acknowledged. */
export async function demoSetup(
  opts: { clock?: ManualClock; balance?: number; ack?: boolean; simulator?: SimulatorFactory; dataDir?: string } = {},
) {
  const t = await makeCore({ clock: opts.clock, dataDir: opts.dataDir, simulator: opts.simulator });
  const channel = await t.ok('channels.create', { name: 'Demo', phone: '05321110000', engine: 'simulator' });
  await t.ok('channels.connect', { id: channel.id });
  await t.ok('simulator.scan', { channelId: channel.id });
  await runFor(t, 0);
  expect(t.core.gateways.connection(channel.id).state).toBe('ready');
  if (opts.balance !== 0) {
    await t.ok('wallet.adjust', { idempotencyKey: 'seed-balance', amountMinor: opts.balance ?? 1_000_000, reason: 'test balance' });
  }
  if (opts.ack !== false) await t.ok('campaigns.acknowledgeWarning', { channelId: channel.id });
  return { t, channelId: channel.id };
}

/** Contacts `+90 532 000 00 01`...; numbers in `invalid` end in 000 (not on WhatsApp in the simulator). */
export async function addContacts(t: TestCore, channelId: number, n: number, opts: { invalid?: number[]; group?: string; from?: number } = {}) {
  const first = opts.from ?? 0;
  const phones = Array.from({ length: n }, (_, i) =>
    opts.invalid?.includes(i) ? `+90532${String(first + i + 1).padStart(4, '0')}000` : `+905320${String(first + i + 1).padStart(6, '0')}`,
  );
  const group = await t.ok('groups.create', { channelId, name: opts.group ?? 'Customers' });
  await t.ok('groups.addContacts', { groupId: group.id, phones: phones.map((phone, i) => ({ phone, name: `Person ${i + 1}` })) });
  return { groupId: group.id, phones };
}

/** When the fake clock's next live timer is due (read from its private list: tests only). */
function nextDue(t: TestCore): number | null {
  const timers = (t.clock as unknown as { timers: { at: number; cancelled: boolean }[] }).timers;
  let next: number | null = null;
  for (const timer of timers) if (!timer.cancelled && (next === null || timer.at < next)) next = timer.at;
  return next;
}

/**
 * Moves the fake clock from timer to timer (so every wait ends exactly when due) and lets the engines run after each,
 * until `done` holds or `ms` of fake time have passed.
 */
export async function runFor(t: TestCore, ms: number, done: () => boolean | Promise<boolean> = () => false): Promise<void> {
  const deadline = t.clock.now() + ms;
  await t.core.campaigns.settled();
  while (!(await done())) {
    const next = nextDue(t);
    if (next === null || next > deadline) {
      t.clock.advance(Math.max(0, deadline - t.clock.now()));
      await t.core.campaigns.settled();
      return;
    }
    t.clock.advance(Math.max(0, next - t.clock.now()));
    await t.core.campaigns.settled();
  }
}

/** Runs until the campaign is in `status` (or the fake time is used up). */
export async function runUntil(t: TestCore, id: number, status: string | string[], ms = 3_600_000): Promise<CampaignDetail> {
  const wanted = Array.isArray(status) ? status : [status];
  await runFor(t, ms, async () => wanted.includes((await get(t, id)).status));
  return get(t, id);
}

export async function get(t: TestCore, id: number): Promise<CampaignDetail> {
  return t.ok('campaigns.get', { id });
}

/** A tiny valid PNG in a temp dir (the simulator sends its file name). */
export function pngFile(name = 'promo.png'): string {
  const file = path.join(tempDir('wa-desk-img-'), name);
  fs.writeFileSync(
    file,
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1b6a70000000049454e44ae426082', 'hex'),
  );
  return file;
}
