import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { ChannelEngine } from '../../src-main/campaigns/engine';
import { systemClock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import { SimulatorGateway } from '../../src-main/whatsapp/simulator';
import type { CampaignDetail } from '../../src-shared/api/campaigns';
import { contactsCsv } from '../lib/contacts-data';
import { mb, ms, timed, type BenchArgs, type BenchSuite } from '../lib/suite';

/**
 * Bulk messages at size, through the API router on a real database file:
 * - making a campaign for a 100k-member group (`--campaign-members N`): recipients and send units by chunked
 *   INSERT ... SELECT, against one raw INSERT ... SELECT of the same rows as the floor; target under 2 s;
 * - the engine's bookkeeping per unit while a campaign of `--campaign-send N` recipients x 2 parts (100k units by
 *   default) goes out on the simulator with no pacing waits: the time the engine's steps take minus the time spent
 *   inside the gateway; target under 1 ms;
 * - the heap (after a full GC) sampled along those 100k units: it must stay flat.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function call<T = unknown>(core: AppCore, name: string, input: unknown): Promise<T> {
  const res = await core.call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

interface Timing {
  /** Wall time. */
  ms: number;
  /** CPU time of this process (user + system), which other load on the machine does not inflate. */
  cpuMs: number;
  calls: number;
}

/** Time inside the engines' steps (wrapped once for the whole run). */
const stepTime: Timing = { ms: 0, cpuMs: 0, calls: 0 };

/** The longest time the event loop could not run a 1 ms timer while the probe ran. */
function stallProbe(): { stop(): number } {
  let worst = 0;
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      return Math.max(worst, performance.now() - last - 1);
    },
  };
}

const verdict = (value: number, target: number) => (value < target ? 'ok' : `OVER ${target} ms`);

/** Times every call of `obj[method]` (sync or async) into `into`. */
function timeMethod(obj: Record<string, unknown>, method: string, into: Timing): void {
  const original = obj[method] as (...a: unknown[]) => unknown;
  obj[method] = async function (this: unknown, ...a: unknown[]) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await original.apply(this, a);
    } finally {
      const used = process.cpuUsage(cpu);
      into.ms += performance.now() - start;
      into.cpuMs += (used.user + used.system) / 1000;
      into.calls += 1;
    }
  };
}

timeMethod(ChannelEngine.prototype as unknown as Record<string, unknown>, 'step', stepTime);

async function creation(core: AppCore, channelId: number, groupId: number, members: number): Promise<void> {
  const stall = stallProbe();
  const made = await timed(() =>
    call<CampaignDetail>(core, 'campaigns.create', {
      channelId,
      title: 'Bench: whole group',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: '{Merhaba|Selam} {{name}}!' }, { kind: 'random_text', variants: ['Bahar indirimi başladı.', 'İndirim sizi bekliyor.'] }],
    }),
  );
  const longest = stall.stop();
  console.log(
    `campaigns.create for a ${members.toLocaleString('en')}-member group: ${ms(made.ms)} (${made.value.recipients.toLocaleString('en')} recipients, ` +
      `${made.value.counts.total.toLocaleString('en')} units), longest main-thread stall ${ms(longest)}  ${verdict(made.ms, 2000)}`,
  );

  // The floor: the same rows in one raw INSERT ... SELECT each, into copies of the tables with the same indexes.
  const sqlite = core.database.sqlite;
  for (const table of ['campaign_recipients', 'campaign_units']) {
    const ddl = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL`).all(table) as { sql: string }[];
    for (const { sql } of ddl) sqlite.exec(sql.replace(new RegExp(`\\b${table}\\b`, 'g'), `bench_${table}`).replace(/INDEX `([a-z_]+)`/g, 'INDEX `bench_$1`'));
  }
  const raw = await timed(() =>
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `INSERT INTO bench_campaign_recipients (campaign_id, contact_id, phone)
           SELECT 1, c.id, c.phone FROM group_members m JOIN contacts c ON c.id = m.contact_id WHERE m.group_id = ? ORDER BY c.id`,
        )
        .run(groupId);
      sqlite
        .prepare(
          `INSERT INTO bench_campaign_units (campaign_id, recipient_id, position, kind, state)
           SELECT 1, r.id, p.position, p.kind, 'pending' FROM bench_campaign_recipients r JOIN campaign_parts p ON p.campaign_id = ?`,
        )
        .run(made.value.id);
    })(),
  );
  console.log(`  raw single INSERT ... SELECT of the same rows: ${ms(raw.ms)}; ratio product/raw ${(made.ms / raw.ms).toFixed(2)}x`);
  sqlite.exec('DROP TABLE bench_campaign_units; DROP TABLE bench_campaign_recipients;');
}

async function sending(core: AppCore, channelId: number, groupId: number, recipients: number): Promise<void> {
  const gateway = core.gateways.gateway(channelId);
  if (!(gateway instanceof SimulatorGateway)) throw new Error('the bench channel runs on the simulator');
  const inGateway: Timing = { ms: 0, cpuMs: 0, calls: 0 };
  for (const m of ['sendText', 'sendImage', 'checkNumber', 'typing', 'findSent']) timeMethod(gateway as unknown as Record<string, unknown>, m, inGateway);
  stepTime.ms = 0;
  stepTime.cpuMs = 0;
  stepTime.calls = 0;
  const inSteps = stepTime;

  const c = await call<CampaignDetail>(core, 'campaigns.create', {
    channelId,
    title: 'Bench: send',
    groupIds: [groupId],
    parts: [{ kind: 'text', text: 'Merhaba {{name}}' }, { kind: 'text', text: 'İkinci parça' }],
    pacing: { delayMinSec: 0, delayMaxSec: 0, window: null, dailyCap: 1_000_000 },
  });
  const units = c.counts.total;
  const started = performance.now();
  await call(core, 'campaigns.start', { id: c.id });
  const samples: { units: number; heap: number }[] = [];
  let next = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await call<CampaignDetail>(core, 'campaigns.get', { id: c.id });
    const done = units - now.counts.pending - now.counts.sending;
    if (done >= next) {
      gc();
      samples.push({ units: done, heap: process.memoryUsage().heapUsed });
      next += Math.max(1000, Math.floor(units / 10));
    }
    if (now.status === 'completed') break;
  }
  const wall = performance.now() - started;
  const perUnit = (inSteps.ms - inGateway.ms) / units;
  const perUnitCpu = (inSteps.cpuMs - inGateway.cpuMs) / units;

  // What one durable commit costs on this disk: the move to `sending` (with its charge) must reach it before each send.
  const sqlite = core.database.sqlite;
  sqlite.exec('CREATE TABLE IF NOT EXISTS bench_sync (x)');
  const commit = await timed(() => {
    for (let i = 0; i < 200; i++) sqlite.transaction(() => sqlite.prepare('INSERT INTO bench_sync VALUES (1)').run())();
  });
  sqlite.exec('DROP TABLE bench_sync');

  console.log(
    `send ${units.toLocaleString('en')} units (${recipients.toLocaleString('en')} recipients x 2 parts) on the simulator, no pacing waits: ` +
      `${(wall / 1000).toFixed(1)} s wall (${Math.round((units / wall) * 1000)} units/s)`,
  );
  console.log(
    `  engine bookkeeping per unit (its steps minus the gateway's ${ms(inGateway.ms / units)}): wall ${ms(perUnit)}, ` +
      `CPU ${ms(perUnitCpu)}  ${verdict(perUnitCpu, 1)}; one full-sync commit here: ${ms(commit.ms / 200)}; machine load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const heaps = samples.map((s) => s.heap);
  const first = samples[1] ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  console.log(
    `  heap after GC along the way: ${samples.map((s) => `${Math.round(s.units / 1000)}k:${mb(s.heap)}`).join(' ')}; ` +
      `max-min ${mb(Math.max(...heaps) - Math.min(...heaps))}, growth ${((last.heap - first.heap) / 1024 / Math.max(1, (last.units - first.units) / 1000)).toFixed(1)} KB per 1k units`,
  );
}

/** A core on `dir` with a demo channel whose directory holds `count` imported contacts. */
async function prepare(dir: string, csv: string): Promise<{ core: AppCore; channelId: number; ids: number[] }> {
  fs.rmSync(dir, { recursive: true, force: true });
  const core = await startCore({
    dataDir: dir,
    log: silentLogger,
    gatewayFactory: (t) =>
      new SimulatorGateway({ channelId: t.channelId, dir: t.sessionDir, clock: systemClock, pairingMs: 0, ackDelaysMs: { device: 0, read: 0 } }),
  });
  const channel = await call<{ id: number }>(core, 'channels.create', { name: 'Bench', phone: '05321234567', engine: 'simulator' });
  const imported = await timed(() =>
    call(core, 'contacts.import', {
      channelId: channel.id,
      path: csv,
      hasHeader: true,
      mapping: { 'Ad Soyad': 'name', Telefon: 'phone' },
      defaultCountry: 'TR',
      duplicatePolicy: 'skip',
    }),
  );
  const ids = core.database.sqlite.prepare('SELECT id FROM contacts WHERE channel_id = ? ORDER BY id').pluck().all(channel.id) as number[];
  console.log(`directory in ${dir}: ${ids.length.toLocaleString('en')} contacts imported in ${ms(imported.ms)}`);
  return { core, channelId: channel.id, ids };
}

async function group(core: AppCore, channelId: number, name: string, ids: number[]): Promise<number> {
  const g = await call<{ id: number }>(core, 'groups.create', { channelId, name });
  await core.groups.addMany(g.id, ids);
  return g.id;
}

async function readyToSend(core: AppCore, channelId: number): Promise<void> {
  await call(core, 'channels.connect', { id: channelId });
  await call(core, 'simulator.scan', { channelId });
  await new Promise((r) => setTimeout(r, 50));
  await call(core, 'campaigns.acknowledgeWarning', { channelId });
  await call(core, 'wallet.adjust', { idempotencyKey: 'bench', amountMinor: 100_000_000_000, reason: 'bench' });
}

const suite: BenchSuite = {
  name: 'bulk messages',
  async run(args: BenchArgs) {
    const members = Number(args.flags['campaign-members'] ?? 100_000);
    const onDisk = Number(args.flags['campaign-send-disk'] ?? 2500);
    const inMemory = Number(args.flags['campaign-send'] ?? 50_000);
    const csv = contactsCsv(args.dataDir, Math.max(members, inMemory, onDisk));

    // On the bench disk: creation at size, then a send whose every unit pays for its durable pre-send commit.
    const disk = await prepare(path.join(args.dataDir, 'campaigns'), csv);
    try {
      await creation(disk.core, disk.channelId, await group(disk.core, disk.channelId, 'Everyone', disk.ids.slice(0, members)), members);
      await readyToSend(disk.core, disk.channelId);
      console.log('-- database on the bench disk (every unit commits with a full sync before WhatsApp is called):');
      await sending(disk.core, disk.channelId, await group(disk.core, disk.channelId, 'Send', disk.ids.slice(0, onDisk)), onDisk);
    } finally {
      await disk.core.close();
    }

    // On tmpfs, where a sync is free: the engine's own work per unit and its memory over 100k units.
    const shm = fs.existsSync('/dev/shm') ? '/dev/shm' : null;
    const mem = await prepare(path.join(shm ?? args.dataDir, `wa-desk-bench-campaigns-${process.pid}`), csv);
    try {
      await readyToSend(mem.core, mem.channelId);
      console.log(`-- database on ${shm ? 'tmpfs (no disk sync)' : 'the bench disk (no tmpfs here)'}:`);
      await sending(mem.core, mem.channelId, await group(mem.core, mem.channelId, 'Send', mem.ids.slice(0, inMemory)), inMemory);
    } finally {
      await mem.core.close();
      if (shm) fs.rmSync(mem.core.paths.dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
