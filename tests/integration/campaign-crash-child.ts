/**
 * The process the crash test kills: a real core on a data dir, a demo (simulator) channel, and one campaign of
 * 200 recipients x 2 parts sent with zero delays. Every run picks up where the killed one left off.
 *
 *   node --import tsx campaign-crash-child.ts <dataDir> setup   makes the channel, contacts, wallet and campaign
 *   node --import tsx campaign-crash-child.ts <dataDir> run     sends (prints progress lines) until it is done
 *
 * In `run`, WhatsApp Web "reloads" mid-send now and then (the simulator delivers, then the call fails), so units
 * whose outcome is unknown also arise without a kill.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { systemClock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import { SimulatorGateway } from '../../src-main/whatsapp/simulator';
import { INVALID_EVERY, PRICES, RECIPIENTS } from './campaign-crash-constants';


const [dataDir, mode] = process.argv.slice(2) as [string, 'setup' | 'run'];

async function call<T>(core: AppCore, name: string, input: unknown): Promise<T> {
  const res = await core.call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

const core = await startCore({
  dataDir,
  log: silentLogger,
  resume: mode === 'run',
  gatewayFactory: (t) =>
    new SimulatorGateway({ channelId: t.channelId, dir: t.sessionDir, clock: systemClock, pairingMs: 0, ackDelaysMs: { device: 5, read: 15 } }),
});

if (mode === 'setup') {
  const channel = await call<{ id: number }>(core, 'channels.create', { name: 'Crash test', phone: '05321110000', engine: 'simulator' });
  await call(core, 'channels.connect', { id: channel.id });
  await call(core, 'simulator.scan', { channelId: channel.id });
  const group = await call<{ id: number }>(core, 'groups.create', { channelId: channel.id, name: 'Everyone' });
  const phones = Array.from({ length: RECIPIENTS }, (_, i) =>
    i % INVALID_EVERY === 7 ? `+90532${String(i).padStart(4, '0')}000` : `+90533${String(i).padStart(6, '0')}7`,
  );
  await call(core, 'groups.addContacts', { groupId: group.id, phones: phones.map((phone, i) => ({ phone, name: `Kişi ${i}` })) });
  await call(core, 'wallet.prices.set', PRICES);
  await call(core, 'wallet.adjust', { idempotencyKey: 'crash-test-balance', amountMinor: 1_000_000, reason: 'crash test' });
  await call(core, 'campaigns.acknowledgeWarning', { channelId: channel.id });
  const image = path.join(dataDir, 'promo.png');
  fs.writeFileSync(
    image,
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1b6a70000000049454e44ae426082', 'hex'),
  );
  await call(core, 'campaigns.create', {
    channelId: channel.id,
    title: 'Crash test',
    groupIds: [group.id],
    parts: [
      { kind: 'text', text: '{Merhaba|Selam} {{name}}, bahar indirimi başladı!' },
      { kind: 'image', path: image, caption: 'Kampanya' },
    ],
    pacing: { delayMinSec: 0, delayMaxSec: 0, window: null, dailyCap: 1_000_000 },
  });
  await core.close();
  process.stdout.write('setup done\n');
  process.exit(0);
}

const campaign = (await call<{ items: { id: number; status: string; counts: { unknown: number } }[] }>(core, 'campaigns.list', { channelId: 1 }))
  .items[0]!;
// Units the killed run left in `sending` are `unknown` by now; reconciliation against the chat follows.
process.stdout.write(`recovered ${campaign.counts.unknown}\n`);
if (campaign.status === 'draft') await call(core, 'campaigns.start', { id: campaign.id });
process.stdout.write('started\n');

const reloads = setInterval(() => {
  if (Math.random() < 0.3) void core.call('simulator.inject', { channelId: 1, event: 'page_reload' });
}, 40);

const poll = setInterval(async () => {
  const c = await call<{ status: string; counts: Record<string, number> }>(core, 'campaigns.get', { id: campaign.id });
  process.stdout.write(`progress ${JSON.stringify({ status: c.status, ...c.counts })}\n`);
  if (c.status === 'completed' && c.counts.pending === 0 && c.counts.sending === 0 && c.counts.unknown === 0) {
    clearInterval(poll);
    clearInterval(reloads);
    await core.close();
    process.stdout.write('done\n');
    process.exit(0);
  }
}, 25);
