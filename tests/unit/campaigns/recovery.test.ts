import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { GatewayError, type SendOptions, type SentMessage } from '../../../src-main/whatsapp/gateway';
import { SimulatorGateway } from '../../../src-main/whatsapp/simulator';
import { makeCore, tempDir, type SimulatorFactory, type TestCore } from '../../helpers/core';
import { addContacts, demoSetup, FAST, get, runFor, runUntil } from './helpers';

let cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores) await c.close().catch(() => undefined);
  cores = [];
});

/** A simulator whose chat cannot tell what was sent (like a chat whose history is not loaded). */
class BlindSimulator extends SimulatorGateway {
  override async findSent(): Promise<'sent' | 'not_sent' | 'unknown'> {
    return 'unknown';
  }
}

/** A simulator that refuses the next `n` sends as "not connected", before anything leaves the phone. */
class RefusingSimulator extends SimulatorGateway {
  static refuse = 0;
  override async sendText(to: string, text: string, opts?: SendOptions): Promise<SentMessage> {
    if (RefusingSimulator.refuse > 0) {
      RefusingSimulator.refuse -= 1;
      throw new GatewayError('not_ready', 'The channel is not connected.');
    }
    return super.sendText(to, text, opts);
  }
}

async function chargesAndRefunds(t: TestCore) {
  const rows = t.core.database.sqlite
    .prepare(`SELECT type, count(*) AS n FROM wallet_entries WHERE type IN ('message_charge', 'refund') GROUP BY type`)
    .all() as { type: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

/** Puts a unit back in `sending` as a process killed mid-send would have left it, after (or before) the phone sent it. */
function strand(t: TestCore, campaignId: number, delivered: boolean) {
  const sqlite = t.core.database.sqlite;
  const unit = sqlite.prepare(`SELECT id FROM campaign_units WHERE campaign_id = ? AND state = 'sent' ORDER BY id DESC LIMIT 1`).get(campaignId) as { id: number };
  sqlite.prepare(`UPDATE campaign_units SET state = 'sending', message_id = NULL WHERE id = ?`).run(unit.id);
  sqlite.prepare('UPDATE campaigns SET n_sent = n_sent - 1, n_sending = n_sending + 1, status = ? WHERE id = ?').run('sending', campaignId);
  return { unitId: unit.id, delivered };
}

type Part = { kind: 'text'; text: string };

/**
 * A campaign sent to `recipients` demo contacts in a first app run, which `crash` then leaves as a process killed
 * mid-send would, and a second run on the same data dir with `simulator`.
 */
async function afterCrash(opts: {
  recipients: number;
  parts?: Part[];
  crash: (first: TestCore, at: { campaignId: number; sessionDir: string }) => void;
  simulator: SimulatorFactory;
}): Promise<{ second: TestCore; channelId: number; campaignId: number }> {
  const dataDir = tempDir();
  const clock = new ManualClock();
  const first = await demoSetup({ dataDir, clock });
  cores.push(first.t);
  const { groupId } = await addContacts(first.t, first.channelId, opts.recipients);
  const parts = opts.parts ?? [{ kind: 'text', text: 'Hi' }];
  const c = await first.t.ok('campaigns.create', { channelId: first.channelId, title: 'R', groupIds: [groupId], parts, pacing: FAST });
  await first.t.ok('campaigns.start', { id: c.id });
  await runUntil(first.t, c.id, 'completed', 10_000);
  opts.crash(first.t, { campaignId: c.id, sessionDir: `${dataDir}/sessions/${first.channelId}` });
  await first.t.close();
  cores = [];
  const second = await makeCore({ dataDir, clock, simulator: opts.simulator });
  cores.push(second);
  return { second, channelId: first.channelId, campaignId: c.id };
}

describe('after a crash', () => {
  it('turns units left in sending into unknown at start-up, then reconciles them against the chat: sent stays sent, never resent', async () => {
    let stranded = { unitId: 0, delivered: true };
    const { second, channelId, campaignId } = await afterCrash({
      recipients: 3,
      crash: (first, { campaignId: id }) => (stranded = strand(first, id, true)),
      simulator: (o) => new SimulatorGateway(o),
    });
    const unit = second.core.database.sqlite.prepare('SELECT state FROM campaign_units WHERE id = ?').get(stranded.unitId) as { state: string };
    expect(unit.state).toBe('unknown');
    await second.ok('channels.connect', { id: channelId });
    const done = await runUntil(second, campaignId, 'completed', 10_000);
    expect(done.counts).toMatchObject({ sent: 3, unknown: 0, pending: 0 });
    expect(await second.ok('simulator.delivered', { channelId, limit: 100 })).toHaveLength(3);
    expect(await chargesAndRefunds(second)).toEqual({ message_charge: 3 });
  });

  it('sends again a unit the chat positively shows was not sent, on the charge it already carries', async () => {
    let stranded = { unitId: 0, delivered: false };
    const { second, channelId, campaignId } = await afterCrash({
      recipients: 2,
      crash: (first, { campaignId: id, sessionDir }) => {
        // Stranded before the phone sent it: remove it from the simulator's record.
        stranded = strand(first, id, false);
        const session = `${sessionDir}/delivered.jsonl`;
        const lines = fs.readFileSync(session, 'utf8').split('\n').filter(Boolean);
        fs.writeFileSync(session, `${lines.filter((l) => !l.includes(`"campaign-unit:${stranded.unitId}"`)).join('\n')}\n`);
      },
      simulator: (o) => new SimulatorGateway(o),
    });
    await second.ok('channels.connect', { id: channelId });
    const done = await runUntil(second, campaignId, 'completed', 10_000);
    expect(done.counts).toMatchObject({ sent: 2, unknown: 0 });
    const delivered = await second.ok('simulator.delivered', { channelId, limit: 100 });
    expect(delivered.filter((d) => d.clientRef === `campaign-unit:${stranded.unitId}`)).toHaveLength(1);
    expect(await chargesAndRefunds(second)).toEqual({ message_charge: 2 });
  });

  it('leaves units unknown when the chat cannot tell, holds that recipient, and resends only on the user’s word', async () => {
    const { second, channelId, campaignId } = await afterCrash({
      recipients: 2,
      parts: [{ kind: 'text', text: 'One' }, { kind: 'text', text: 'Two' }],
      // The first part of the last recipient was in flight; its second part had not started.
      crash: (first, { campaignId: id }) => {
        const sqlite = first.core.database.sqlite;
        const last = sqlite.prepare(`SELECT recipient_id AS r FROM campaign_units WHERE campaign_id = ? ORDER BY id DESC LIMIT 1`).get(id) as { r: number };
        const units = sqlite.prepare('SELECT id, position FROM campaign_units WHERE recipient_id = ? ORDER BY position').all(last.r) as { id: number }[];
        sqlite.prepare(`UPDATE campaign_units SET state = 'sending' WHERE id = ?`).run(units[0]!.id);
        sqlite.prepare(`UPDATE campaign_units SET state = 'pending', body = NULL, message_id = NULL, sent_at = NULL WHERE id = ?`).run(units[1]!.id);
        sqlite.prepare(`UPDATE campaigns SET n_sent = n_sent - 2, n_sending = 1, n_pending = 1, status = 'sending' WHERE id = ?`).run(id);
      },
      simulator: (o) => new BlindSimulator(o),
    });
    await second.ok('channels.connect', { id: channelId });
    await runFor(second, 60_000, async () => (await get(second, campaignId)).pauseReason === 'unknown_outcomes');
    const held = await get(second, campaignId);
    expect(held).toMatchObject({ status: 'paused', pauseReason: 'unknown_outcomes' });
    expect(held.counts).toMatchObject({ unknown: 1, pending: 1, sent: 2 });
    expect(held.pauseDetail?.en).toMatch(/Resend them or mark them/);
    await runFor(second, 600_000);
    expect((await get(second, campaignId)).counts).toMatchObject({ unknown: 1, pending: 1 });
    const before = (await second.ok('simulator.delivered', { channelId, limit: 100 })).length;

    const resolved = await second.ok('campaigns.resolveUnknown', { campaignId: campaignId, action: 'resend' });
    expect(resolved.units).toBe(1);
    const done = await runUntil(second, campaignId, 'completed', 60_000);
    expect(done.counts).toMatchObject({ sent: 4, unknown: 0, pending: 0 });
    const after = await second.ok('simulator.delivered', { channelId, limit: 100 });
    expect(after.length - before).toBe(2);
    expect(after.slice(-2).map((d) => d.body)).toEqual(['One', 'Two']);
    // The resend went out on the unit's first charge.
    expect(await chargesAndRefunds(second)).toEqual({ message_charge: 4 });
    expect((await second.err('campaigns.resolveUnknown', { campaignId: campaignId, action: 'resend' })).code).toBe('no_unknown_units');
  });

  it('marks unknown units failed with the charge given back, or sent, as the user says', async () => {
    const { second, channelId, campaignId } = await afterCrash({
      recipients: 2,
      crash: (first, { campaignId: id }) => {
        const sqlite = first.core.database.sqlite;
        sqlite.prepare(`UPDATE campaign_units SET state = 'sending' WHERE campaign_id = ?`).run(id);
        sqlite.prepare(`UPDATE campaigns SET n_sent = 0, n_sending = 2 WHERE id = ?`).run(id);
      },
      simulator: (o) => new BlindSimulator(o),
    });
    await second.ok('channels.connect', { id: channelId });
    await runFor(second, 10_000);
    const units = (await second.ok('campaigns.recipients', { campaignId: campaignId, state: 'unknown', limit: 10 })).items.map((r) => r.parts[0]!.unitId);
    expect(units).toHaveLength(2);
    await second.ok('campaigns.resolveUnknown', { campaignId: campaignId, action: 'mark_failed', unitIds: [units[0]!] });
    const done = await second.ok('campaigns.resolveUnknown', { campaignId: campaignId, action: 'mark_sent', unitIds: [units[1]!] });
    expect(done.campaign.counts).toMatchObject({ sent: 1, failed: 1, unknown: 0 });
    expect(await chargesAndRefunds(second)).toEqual({ message_charge: 2, refund: 1 });
  });
});

describe('refused sends', () => {
  it('keep their charge while pending, and give it back when the campaign is cancelled', async () => {
    RefusingSimulator.refuse = 0;
    const s = await demoSetup({ simulator: (o) => new RefusingSimulator(o) });
    cores.push(s.t);
    const { groupId } = await addContacts(s.t, s.channelId, 4);
    const c = await s.t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Refused',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 5, delayMaxSec: 6, window: null, pauseEvery: null },
    });
    RefusingSimulator.refuse = 1000;
    await s.t.ok('campaigns.start', { id: c.id });
    await runFor(s.t, 3000);
    const refused = await get(s.t, c.id);
    expect(refused.counts).toMatchObject({ pending: 4, sent: 0 });
    expect(await chargesAndRefunds(s.t)).toEqual({ message_charge: 1 });
    const cancelled = await s.t.ok('campaigns.cancel', { id: c.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts).toMatchObject({ skipped: 4, pending: 0 });
    expect(await chargesAndRefunds(s.t)).toEqual({ message_charge: 1, refund: 1 });
    expect((await s.t.ok('wallet.balance', {})).balanceMinor).toBe(1_000_000);
  });

  it('go out on the charge they carry when the channel is back', async () => {
    RefusingSimulator.refuse = 0;
    const s = await demoSetup({ simulator: (o) => new RefusingSimulator(o) });
    cores.push(s.t);
    const { groupId } = await addContacts(s.t, s.channelId, 2);
    const c = await s.t.ok('campaigns.create', { channelId: s.channelId, title: 'R', groupIds: [groupId], parts: [{ kind: 'text', text: 'Hi' }], pacing: FAST });
    RefusingSimulator.refuse = 2;
    await s.t.ok('campaigns.start', { id: c.id });
    const done = await runUntil(s.t, c.id, 'completed', 10_000);
    expect(done.counts.sent).toBe(2);
    expect(await chargesAndRefunds(s.t)).toEqual({ message_charge: 2 });
  });
});
