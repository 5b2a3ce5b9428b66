import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../src-shared/errors';
import { openDatabase } from '../db/connection';
import { writeTransactions, type TransactionsExportSpec } from './export';

/**
 * Writes a transactions export on its own thread and read-only connection: a million-row file takes seconds of
 * CPU that the thread serving the UI must not spend.
 */
export interface ExportWorkerInput {
  dbFile: string;
  migrationsDir: string;
  spec: TransactionsExportSpec;
}

export type ExportWorkerOutput =
  | { ok: true; value: { path: string; rows: number } }
  | { ok: false; error: ReturnType<AppError['toBody']> | null; internal?: string };

const input = workerData as ExportWorkerInput;
const post = (m: ExportWorkerOutput) => parentPort!.postMessage(m);

try {
  const handle = openDatabase(input.dbFile, { migrationsDir: input.migrationsDir, readonly: true });
  try {
    post({ ok: true, value: writeTransactions(handle.sqlite, input.spec) });
  } finally {
    handle.close();
  }
} catch (err) {
  if (err instanceof AppError) post({ ok: false, error: err.toBody() });
  else post({ ok: false, error: null, internal: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
