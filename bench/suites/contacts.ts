import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import Papa from 'papaparse';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { silentLogger } from '../../src-main/platform/logger';
import type { ImportResult } from '../../src-shared/api/imports';
import { contactsCsv, contactsXlsx, generateRows, HEADER } from '../lib/contacts-data';
import { mb, ms, percentile, timed, type BenchArgs, type BenchSuite } from '../lib/suite';

/**
 * The directory's figures: the product's CSV import against the raw libraries in the same run, memory and
 * main-thread stalls while it runs, a 100k-row .xlsx import, the million-row .xlsx refusal, and search latency
 * through the API router on the imported directory.
 */

const MAPPING = { 'Ad Soyad': 'name', Telefon: 'phone', 'E-posta': 'email', Şehir: 'attr:city', Not: 'attr:note' } as const;

async function newCore(dir: string): Promise<{ core: AppCore; channelId: number }> {
  fs.rmSync(dir, { recursive: true, force: true });
  const core = await startCore({ dataDir: dir, log: silentLogger });
  const channel = await call<{ id: number }>(core, 'channels.create', { name: 'Bench', phone: '05321234567', engine: 'simulator' });
  await call(core, 'attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
  await call(core, 'attributes.create', { key: 'note', label: 'Not', type: 'text' });
  return { core, channelId: channel.id };
}

async function call<T = unknown>(core: AppCore, name: string, input: unknown): Promise<T> {
  const res = await core.call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

/** Peak RSS (all threads) and the longest main-thread stall while `fn` runs. */
async function watched<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number; maxStallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  let maxStall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxStall = Math.max(maxStall, now - last - 20);
    last = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  h.enable();
  try {
    const { value, ms: took } = await timed(fn);
    return { value, ms: took, peakRss, maxStallMs: Math.max(maxStall, h.max / 1e6 - 10) };
  } finally {
    clearInterval(timer);
    h.disable();
  }
}

/** The raw baseline, each part measured alone: papaparse streaming, libphonenumber, one prepared upsert. */
async function baseline(file: string, dir: string) {
  const records: string[][] = [];
  const parse = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        Papa.parse(fs.createReadStream(file, { encoding: 'utf8' }), {
          delimiter: ';',
          chunk: (r: Papa.ParseResult<string[]>) => {
            for (const row of r.data) records.push(row);
          },
          complete: () => resolve(),
          error: reject,
        });
      }),
  );
  records.shift();
  const valid: [string, string, string, string, string][] = [];
  const phone = await timed(() => {
    for (const r of records) {
      const p = parsePhoneNumberFromString(r[1] ?? '', 'TR');
      if (p?.isValid()) valid.push([p.number, r[0] ?? '', r[2] ?? '', r[3] ?? '', r[4] ?? '']);
    }
  });
  const dbFile = path.join(dir, 'baseline.sqlite');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE contacts (id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, phone TEXT NOT NULL, name TEXT,
           email TEXT, city TEXT, note TEXT, UNIQUE (channel_id, phone))`);
  const upsert = db.prepare(`INSERT INTO contacts (channel_id, phone, name, email, city, note) VALUES (1, ?, ?, ?, ?, ?)
    ON CONFLICT (channel_id, phone) DO UPDATE SET name = excluded.name, email = excluded.email, city = excluded.city, note = excluded.note`);
  const write = await timed(() => db.transaction(() => { for (const v of valid) upsert.run(...v); })());
  db.close();
  return { rows: records.length, parseMs: parse.ms, phoneMs: phone.ms, upsertMs: write.ms, totalMs: parse.ms + phone.ms + write.ms };
}

/** Query texts people type: parts of Turkish names, phone digits in written forms, email fragments. */
function queries(count: number) {
  const sample = [...generateRows(Math.min(count, 50_000))].filter((r) => r.national !== null);
  const pick = (i: number) => sample[(i * 7_919) % sample.length]!;
  const names: string[] = [];
  const phones: string[] = [];
  const emails: string[] = [];
  const forms = [(n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)}`, (n: string) => `0${n.slice(0, 7)}`, (n: string) => `+90${n.slice(0, 6)}`, (n: string) => n.slice(3, 10)];
  for (let i = 0; i < 220; i++) {
    const r = pick(i);
    const words = r.name.split(' ');
    const word = words[i % words.length]!;
    names.push(i % 3 === 0 ? r.name.toLocaleLowerCase('tr') : word.slice(0, 3 + (i % Math.max(1, word.length - 2))));
    phones.push(forms[i % forms.length]!(r.national!));
    const withEmail = sample.find((s, k) => k >= (i * 131) % sample.length && s.email !== '') ?? r;
    emails.push(i % 2 === 0 ? withEmail.email : withEmail.email.slice(0, Math.max(4, withEmail.email.indexOf('@') + 3)));
  }
  return { names, phones, emails };
}

async function searchLatency(core: AppCore, channelId: number, texts: string[]) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < texts.length; i++) {
    const start = performance.now();
    const page = await call<{ items: unknown[] }>(core, 'contacts.search', { channelId, query: texts[i], limit: 50 });
    const took = performance.now() - start;
    if (i >= 20) times.push(took);
    if (page.items.length > 0) hits += 1;
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times), hits, n: texts.length };
}

const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);

async function run(args: BenchArgs): Promise<void> {
  const rows = args.rows;
  const dir = path.join(args.dataDir, 'contacts');
  fs.mkdirSync(dir, { recursive: true });
  const gen = await timed(() => contactsCsv(dir, rows));
  const csv = gen.value;
  line(`generated ${rows.toLocaleString('en')}-row CSV`, `${mb(fs.statSync(csv).size)} (${ms(gen.ms)}, cached after the first run)`);

  const base = await baseline(csv, dir);
  line('baseline: papaparse streaming parse', ms(base.parseMs));
  line('baseline: libphonenumber isValid + E.164', ms(base.phoneMs));
  line('baseline: one prepared upsert, one transaction', ms(base.upsertMs));
  line('baseline: sum', ms(base.totalMs));

  const { core, channelId } = await newCore(path.join(dir, 'app'));
  try {
    const imported = await watched(() =>
      call<ImportResult>(core, 'contacts.import', {
        channelId,
        path: csv,
        hasHeader: true,
        mapping: MAPPING,
        defaultCountry: 'TR',
        duplicatePolicy: 'skip',
      }),
    );
    const r = imported.value;
    line('product: contacts.import (CSV, search index ready)', `${ms(imported.ms)}  = ${(imported.ms / base.totalMs).toFixed(2)}x baseline (target <= 1.5x)`);
    line('product: counts', JSON.stringify(r.counts));
    line('product: peak RSS of the process (all threads)', `${mb(imported.peakRss)} (target < 300 MB)`);
    line('product: longest main-thread stall', `${ms(imported.maxStallMs)} (target <= 50 ms)`);

    const q = queries(rows);
    for (const [label, texts] of [['names', q.names], ['phone digits', q.phones], ['email', q.emails]] as const) {
      const s = await searchLatency(core, channelId, texts);
      line(`search via router, ${label} (${rows.toLocaleString('en')} contacts)`, `p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.hits}/${s.n} found; target p99 < 10 ms)`);
    }
    const listTimes: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 220; i++) {
      const start = performance.now();
      const page = await call<{ nextCursor: string | null }>(core, 'contacts.list', { channelId, sort: 'name', limit: 100, cursor });
      if (i >= 20) listTimes.push(performance.now() - start);
      cursor = page.nextCursor ?? undefined;
    }
    line('list by name via router, 100 per page', `p50 ${ms(percentile(listTimes, 50))}  p99 ${ms(percentile(listTimes, 99))}`);
  } finally {
    await core.close();
  }

  const xlsxRows = Math.min(rows, 100_000);
  const xlsx = await contactsXlsx(dir, xlsxRows);
  const x = await newCore(path.join(dir, 'app-xlsx'));
  try {
    const res = await watched(() =>
      call<ImportResult>(x.core, 'contacts.import', {
        channelId: x.channelId,
        path: xlsx,
        hasHeader: true,
        mapping: MAPPING,
        defaultCountry: 'TR',
        duplicatePolicy: 'skip',
      }),
    );
    line(`product: ${xlsxRows.toLocaleString('en')}-row .xlsx import`, `${ms(res.ms)} (target < 5 s), peak RSS ${mb(res.peakRss)}, stall ${ms(res.maxStallMs)}`);
    line('product: .xlsx counts', JSON.stringify(res.value.counts));

    if (rows >= 1_000_000) {
      const big = await contactsXlsx(dir, 1_000_000);
      const refused = await watched(() => x.core.call('contacts.import', {
        channelId: x.channelId,
        path: big,
        hasHeader: true,
        mapping: MAPPING,
        defaultCountry: 'TR',
        duplicatePolicy: 'skip',
      }));
      const out = refused.value;
      line('product: 1M-row .xlsx', out.ok ? 'imported (unexpected)' : `refused up front in ${ms(refused.ms)}: ${out.error.code}, peak RSS ${mb(refused.peakRss)}`);
      if (!out.ok) console.log(`  "${out.error.message}"`);
    }
  } finally {
    await x.core.close();
  }
  console.log(`(columns: ${HEADER.join(', ')})`);
}

const suite: BenchSuite = { name: 'contacts: import, search, list', run };
export default suite;
