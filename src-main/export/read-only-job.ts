import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError, type ApiErrorBody } from '../../src-shared/errors';
import { openDatabase } from '../db/connection';
import { startWorker } from '../platform/worker';

/**
 * An export written on its own thread and read-only connection: a file of a hundred thousand rows or more takes
 * seconds of CPU that the thread serving the UI (and sending) must not spend. The worker module calls
 * `serveReadOnlyJob(write)`; the service calls `runReadOnlyJob(jobEntry(import.meta.url, './x-worker.ts', 'x-worker'), ...)`.
 */
export interface ReadOnlyJobInput<S> {
  dbFile: string;
  migrationsDir: string;
  spec: S;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: ApiErrorBody | null; internal?: string };

/**
 * Where a job thread's module is: `source` beside the caller when running from source (tsx, vitest); in the built
 * app, the bundle `bundle` that scripts/build-main.ts writes beside main.cjs, with the bundle's own extension.
 */
export function jobEntry(callerUrl: string, source: string, bundle: string): URL {
  const caller = fileURLToPath(callerUrl);
  return caller.endsWith('.ts') ? new URL(source, callerUrl) : new URL(`./${bundle}${path.extname(caller)}`, callerUrl);
}

/** Worker side: opens the database read-only, runs the job once and posts its result or error. */
export function serveReadOnlyJob<S, R>(job: (sqlite: Database.Database, spec: S) => R): void {
  const input = workerData as ReadOnlyJobInput<S>;
  const post = (m: Outcome<R>) => parentPort!.postMessage(m);
  try {
    const handle = openDatabase(input.dbFile, { migrationsDir: input.migrationsDir, readonly: true });
    try {
      post({ ok: true, value: job(handle.sqlite, input.spec) });
    } finally {
      handle.close();
    }
  } catch (err) {
    if (err instanceof AppError) post({ ok: false, error: err.toBody() });
    else post({ ok: false, error: null, internal: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

/** Parent side: runs the worker module at `entry` and returns what its job returned, or throws its error. */
export async function runReadOnlyJob<S, R>(entry: URL, input: ReadOnlyJobInput<S>): Promise<R> {
  const worker = startWorker(entry, { workerData: input });
  const result = await new Promise<Outcome<R>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`export thread exited with code ${code}`)));
  }).finally(() => void worker.terminate());
  if (result.ok) return result.value;
  if (result.error) {
    throw new AppError(result.error.code, { en: result.error.message, tr: result.error.messageTr }, { field: result.error.field, details: result.error.details });
  }
  throw new Error(result.internal ?? 'export thread failed');
}
