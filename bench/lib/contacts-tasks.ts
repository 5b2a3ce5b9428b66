import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { silentLogger } from '../../src-main/platform/logger';
import { percentile } from './suite';

/**
 * The contacts suite's measured steps, each run in a process of its own (`node contacts-tasks.mjs <task> <json>`,
 * one JSON line out) so that memory peaks and main-thread stalls belong to that step alone. The suite runs this
 * file bundled with the app code, as the app ships (no TypeScript loader in the process).
 */

export const MAPPING = { 'Ad Soyad': 'name', Telefon: 'phone', 'E-posta': 'email', Şehir: 'attr:city', Not: 'attr:note' } as const;

const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function call<T = unknown>(core: AppCore, name: string, input: unknown): Promise<T> {
  const res = await core.call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

/** The raw libraries, each part timed alone: papaparse streaming, libphonenumber, one prepared upsert. */
async function baseline(args: { csv: string; dir: string }) {
  const records: string[][] = [];
  let start = performance.now();
  await new Promise<void>((resolve, reject) => {
    Papa.parse(fs.createReadStream(args.csv, { encoding: 'utf8' }), {
      delimiter: ';',
      chunk: (r: Papa.ParseResult<string[]>) => {
        for (const row of r.data) records.push(row);
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  const parseMs = performance.now() - start;
  records.shift();
  const valid: [string, string, string, string, string][] = [];
  start = performance.now();
  for (const r of records) {
    const p = parsePhoneNumberFromString(r[1] ?? '', 'TR');
    if (p?.isValid()) valid.push([p.number, r[0] ?? '', r[2] ?? '', r[3] ?? '', r[4] ?? '']);
  }
  const phoneMs = performance.now() - start;
  const dbFile = path.join(args.dir, 'baseline.sqlite');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE contacts (id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, phone TEXT NOT NULL, name TEXT,
           email TEXT, city TEXT, note TEXT, UNIQUE (channel_id, phone))`);
  const upsert = db.prepare(`INSERT INTO contacts (channel_id, phone, name, email, city, note) VALUES (1, ?, ?, ?, ?, ?)
    ON CONFLICT (channel_id, phone) DO UPDATE SET name = excluded.name, email = excluded.email, city = excluded.city, note = excluded.note`);
  start = performance.now();
  db.transaction(() => {
    for (const v of valid) upsert.run(...v);
  })();
  const upsertMs = performance.now() - start;
  db.close();
  return { rows: records.length, parseMs, phoneMs, upsertMs, peakRss: peakRss() };
}

/** `root` is the project (for `migrations/`): this file may run from a bundle elsewhere. */
async function openCore(dir: string, root: string, fresh: boolean): Promise<{ core: AppCore; channelId: number }> {
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  const core = await startCore({ dataDir: dir, log: silentLogger, resourcesRoot: root });
  if (!fresh) return { core, channelId: 1 };
  const channel = await call<{ id: number }>(core, 'channels.create', { name: 'Bench', phone: '05321234567', engine: 'simulator' });
  await call(core, 'attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
  await call(core, 'attributes.create', { key: 'note', label: 'Not', type: 'text' });
  return { core, channelId: channel.id };
}

/** The product's import through the router, with the main thread's longest stall while it runs. */
async function importFile(args: { file: string; dir: string; root: string }) {
  const { core, channelId } = await openCore(args.dir, args.root, true);
  const h = monitorEventLoopDelay({ resolution: 10 });
  let maxStall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - 20);
    last = now;
  }, 20);
  h.enable();
  const start = performance.now();
  const res = await core.call('contacts.import', {
    channelId,
    path: args.file,
    hasHeader: true,
    mapping: MAPPING,
    defaultCountry: 'TR',
    duplicatePolicy: 'skip',
  });
  const ms = performance.now() - start;
  clearInterval(timer);
  h.disable();
  await core.close();
  return {
    ms,
    ok: res.ok,
    value: res.ok ? res.value : res.error,
    maxStallMs: Math.max(maxStall, h.max / 1e6 - 10),
    peakRss: peakRss(),
  };
}

/** Search latency through the router on an imported directory. */
async function search(args: { dir: string; root: string; queries: Record<string, string[]>; warmup: number }) {
  const { core, channelId } = await openCore(args.dir, args.root, false);
  const out: Record<string, { p50: number; p99: number; max: number; hits: number; n: number }> = {};
  for (const [label, texts] of Object.entries(args.queries)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < texts.length; i++) {
      const start = performance.now();
      const page = await call<{ items: unknown[] }>(core, 'contacts.search', { channelId, query: texts[i], limit: 50 });
      if (i >= args.warmup) times.push(performance.now() - start);
      if (page.items.length > 0) hits += 1;
    }
    out[label] = { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times), hits, n: texts.length };
  }
  const list: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 220; i++) {
    const start = performance.now();
    const page = await call<{ nextCursor: string | null }>(core, 'contacts.list', { channelId, sort: 'name', limit: 100, cursor });
    if (i >= 20) list.push(performance.now() - start);
    cursor = page.nextCursor ?? undefined;
  }
  await core.close();
  return { search: out, list: { p50: percentile(list, 50), p99: percentile(list, 99) } };
}

const tasks = { baseline, importFile, search } as const;

if (process.argv[2] && process.argv[2] in tasks) {
  const task = tasks[process.argv[2] as keyof typeof tasks] as (a: unknown) => Promise<unknown>;
  const result = await task(JSON.parse(process.argv[3] ?? '{}'));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
