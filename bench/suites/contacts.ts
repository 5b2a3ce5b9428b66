import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { EXTERNAL } from '../../scripts/build-main';
import { contactsCsv, contactsXlsx, generateRows } from '../lib/contacts-data';
import { mb, ms, timed, type BenchArgs, type BenchSuite } from '../lib/suite';

/**
 * The directory's figures: the product's CSV import against the raw libraries in the same run, its memory peak and
 * main-thread stalls, a 100k-row .xlsx import, the million-row .xlsx refusal, and search and list latency through
 * the API router on the imported directory. Each step runs in a fresh process (see ../lib/contacts-tasks.ts).
 */

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles the task runner and the import job thread the way a release bundles the app (esbuild, the release's
 * externals), so the figures are the shipped code's, without a TypeScript loader per thread.
 */
async function bundle(outDir: string): Promise<string> {
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  } satisfies BuildOptions;
  await Promise.all([
    build({ ...common, entryPoints: ['bench/lib/contacts-tasks.ts'], outfile: path.join(outDir, 'contacts-tasks.mjs') }),
    build({ ...common, entryPoints: ['src-main/imports/worker.ts'], outfile: path.join(outDir, 'imports-worker.mjs') }),
  ]);
  return path.join(outDir, 'contacts-tasks.mjs');
}

let TASKS = '';

async function task<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const { stdout } = await run(process.execPath, [TASKS, name, JSON.stringify({ ...args, root: ROOT })], {
    maxBuffer: 64 * 1024 * 1024,
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

interface ImportRun {
  ms: number;
  ok: boolean;
  value: { counts?: Record<string, number>; code?: string; message?: string };
  maxStallMs: number;
  peakRss: number;
}

/** Query texts people type: parts of Turkish names, phone digits in written forms, email fragments. */
function queries(count: number) {
  const sample = [...generateRows(Math.min(count, 50_000))].filter((r) => r.national !== null);
  const pick = (i: number) => sample[(i * 7_919) % sample.length]!;
  const names: string[] = [];
  const phones: string[] = [];
  const emails: string[] = [];
  const forms = [
    (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)}`,
    (n: string) => `0${n.slice(0, 7)}`,
    (n: string) => `+90${n.slice(0, 6)}`,
    (n: string) => n.slice(3, 10),
  ];
  for (let i = 0; i < 220; i++) {
    const r = pick(i);
    const words = r.name.split(' ');
    const word = words[i % words.length]!;
    names.push(i % 3 === 0 ? r.name.toLocaleLowerCase('tr') : word.slice(0, 3 + (i % Math.max(1, word.length - 2))));
    phones.push(forms[i % forms.length]!(r.national!));
    const withEmail = sample.find((s, k) => k >= (i * 131) % sample.length && s.email !== '') ?? r;
    emails.push(i % 2 === 0 ? withEmail.email : withEmail.email.slice(0, Math.max(4, withEmail.email.indexOf('@') + 3)));
  }
  return { names, 'phone digits': phones, email: emails };
}

const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

/**
 * `--reuse [dir]`: only the search and list step, on a directory an earlier run imported (default the suite's own
 * `app` directory), so a search change is measured in seconds instead of after a minutes-long import.
 */
async function main(args: BenchArgs): Promise<void> {
  const rows = args.rows;
  const dir = path.join(args.dataDir, 'contacts');
  fs.mkdirSync(dir, { recursive: true });
  TASKS = await bundle(path.join(dir, 'build'));
  const app = path.join(dir, 'app');
  const reuse = args.flags.reuse;
  if (reuse !== undefined) {
    const existing = reuse === true ? app : path.resolve(reuse);
    if (!fs.existsSync(path.join(existing, 'wa-desk.sqlite'))) throw new Error(`--reuse: no imported directory in ${existing}`);
    await searchLatency(existing, rows);
    return;
  }
  const gen = await timed(() => contactsCsv(dir, rows));
  const csv = gen.value;
  line(`generated ${rows.toLocaleString('en')}-row CSV`, `${mb(fs.statSync(csv).size)} (${ms(gen.ms)}; reused on later runs)`);

  // The baseline runs before and after the product's import and the ratio is to their mean: this machine's speed
  // drifts by a fifth within minutes, and one baseline before the import measured the drift as much as the import.
  const baseline = async (when: string) => {
    const b = await task<{ parseMs: number; phoneMs: number; upsertMs: number; peakRss: number }>('baseline', { csv, dir });
    const sum = b.parseMs + b.phoneMs + b.upsertMs;
    line(`baseline ${when}: papaparse + libphonenumber + upsert`, `${ms(b.parseMs)} + ${ms(b.phoneMs)} + ${ms(b.upsertMs)} = ${ms(sum)}`);
    return sum;
  };
  const before = await baseline('before');
  const imported = await task<ImportRun>('importFile', { file: csv, dir: app });
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.value)}`);
  const after = await baseline('after');
  const baseMs = (before + after) / 2;
  line('product: contacts.import via router (search index ready)', `${ms(imported.ms)} = ${(imported.ms / baseMs).toFixed(2)}x the baselines' mean (target <= 1.5x)`);
  line('product: counts', JSON.stringify(imported.value.counts));
  line('product: peak RSS, whole process (all threads)', `${mb(imported.peakRss)} (target < 300 MB)`);
  line('product: longest main-thread stall during the import', `${ms(imported.maxStallMs)} (target <= 50 ms)`);

  await searchLatency(app, rows);

  const xlsxRows = Math.min(rows, 100_000);
  const xlsx = await contactsXlsx(dir, xlsxRows);
  const x = await task<ImportRun>('importFile', { file: xlsx, dir: path.join(dir, 'app-xlsx') });
  if (!x.ok) throw new Error(`xlsx import failed: ${JSON.stringify(x.value)}`);
  line(`product: ${xlsxRows.toLocaleString('en')}-row .xlsx import via router`, `${ms(x.ms)} (target < 5 s), peak RSS ${mb(x.peakRss)}, stall ${ms(x.maxStallMs)}`);
  line('product: .xlsx counts', JSON.stringify(x.value.counts));

  if (rows >= 1_000_000) {
    const big = await contactsXlsx(dir, 1_000_000);
    const refused = await task<ImportRun>('importFile', { file: big, dir: path.join(dir, 'app-xlsx-1m') });
    line(
      'product: 1M-row .xlsx',
      refused.ok ? `imported in ${ms(refused.ms)}, peak RSS ${mb(refused.peakRss)}` : `refused up front in ${ms(refused.ms)} (${refused.value.code}), peak RSS ${mb(refused.peakRss)}`,
    );
    if (!refused.ok) console.log(`  "${refused.value.message}"`);
  }
}

/** `rows` is the size the directory was imported at: the queries are drawn from the same generated rows. */
async function searchLatency(app: string, rows: number): Promise<void> {
  const latency = await task<{
    search: Record<string, { p50: number; p99: number; max: number; hits: number; n: number }>;
    list: { p50: number; p99: number };
  }>('search', { dir: app, queries: queries(rows), warmup: 20 });
  for (const [label, s] of Object.entries(latency.search)) {
    line(`search via router: ${label} (${rows.toLocaleString('en')} contacts)`, `p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.hits}/${s.n} found; target p99 < 10 ms)`);
  }
  line('list by name via router, 100 per page', `p50 ${ms(latency.list.p50)}  p99 ${ms(latency.list.p99)}`);
}

const suite: BenchSuite = { name: 'contacts: import, search, list', run: main };
export default suite;
