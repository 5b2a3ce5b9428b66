import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../src-shared/errors';
import { openDatabase } from '../db/connection';
import { writeResults, type ResultsExportSpec } from './export';

/**
 * Writes a campaign's results on its own thread and read-only connection: 100k recipients take seconds of CPU that
 * the thread serving the UI (and sending) must not spend.
 */
export interface ResultsWorkerInput {
  dbFile: string;
  migrationsDir: string;
  spec: ResultsExportSpec;
}

export type ResultsWorkerOutput =
  | { ok: true; value: { path: string; rows: number } }
  | { ok: false; error: ReturnType<AppError['toBody']> | null; internal?: string };

const input = workerData as ResultsWorkerInput;
const post = (m: ResultsWorkerOutput) => parentPort!.postMessage(m);

try {
  const handle = openDatabase(input.dbFile, { migrationsDir: input.migrationsDir, readonly: true });
  try {
    post({ ok: true, value: writeResults(handle.sqlite, input.spec) });
  } finally {
    handle.close();
  }
} catch (err) {
  if (err instanceof AppError) post({ ok: false, error: err.toBody() });
  else post({ ok: false, error: null, internal: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
