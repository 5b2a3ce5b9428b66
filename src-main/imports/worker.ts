import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError, type ApiErrorBody } from '../../src-shared/errors';
import type { ExportSpec } from '../contacts/export';
import type { ImportSpec, JobControl, PreviewSpec, ReaderMessage } from './pipeline';

/**
 * The entry of every heavy contacts job. A job runs here, on its own thread and its own database connection, so
 * the process serving the UI never holds a long write transaction or a CPU loop. Each role loads only the modules
 * it needs (the writer needs neither the file parsers nor the phone metadata), which keeps thread start-up short.
 */

/** What a job is: its role and spec (the caller adds the cancel flag and the database location). */
export type WorkerJob =
  | { role: 'preview'; spec: PreviewSpec }
  | { role: 'reader'; spec: ImportSpec; port: MessagePort }
  | { role: 'writer'; spec: ImportSpec & { now: number; reportFile: string; turns: SharedArrayBuffer }; port: MessagePort }
  | { role: 'export'; spec: ExportSpec };

/** Rows one transaction may take from queued whole batches. */
const COALESCE_ROWS = 12_000;

export type WorkerInput = { cancel: SharedArrayBuffer; dbFile: string; migrationsDir: string } & WorkerJob;

export type WorkerOutput =
  | ({ type: 'progress' } & Parameters<JobControl['progress']>[0])
  | { type: 'done'; value: unknown }
  | { type: 'error'; error: ApiErrorBody; internal?: string };

const input = workerData as WorkerInput;
const flag = new Int32Array(input.cancel);
const post = (m: WorkerOutput) => parentPort!.postMessage(m);
const ctl: JobControl = {
  cancelled: () => Atomics.load(flag, 0) === 1,
  progress: (p) => post({ type: 'progress', ...p }),
};

function fail(err: unknown): void {
  if (err instanceof AppError) post({ type: 'error', error: err.toBody() });
  else {
    post({
      type: 'error',
      error: { code: 'internal', message: 'internal', messageTr: 'internal' },
      internal: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
}

async function main(): Promise<void> {
  switch (input.role) {
    case 'preview': {
      const [{ openDatabase }, { runPreview }, { ContactLookup }] = await Promise.all([
        import('../db/connection'),
        import('./pipeline'),
        import('./writer'),
      ]);
      const handle = openDatabase(input.dbFile, { migrationsDir: input.migrationsDir, readonly: true });
      try {
        const value = await runPreview(input.spec, new ContactLookup(handle.sqlite, input.spec.channelId), ctl);
        post({ type: 'done', value });
      } finally {
        handle.close();
      }
      return;
    }
    case 'export': {
      const [{ openDatabase }, { runExport }] = await Promise.all([import('../db/connection'), import('../contacts/export')]);
      const handle = openDatabase(input.dbFile, { migrationsDir: input.migrationsDir, readonly: true });
      try {
        post({ type: 'done', value: await runExport(handle.sqlite, input.spec, ctl) });
      } finally {
        handle.close();
      }
      return;
    }
    case 'reader': {
      const [{ runReader }, { startCheckpoints }] = await Promise.all([import('./pipeline'), import('./checkpointer')]);
      const port = input.port;
      let acks = 0;
      let waiting: (() => void) | null = null;
      port.on('message', () => {
        acks += 1;
        waiting?.();
      });
      const acked = () =>
        new Promise<void>((resolve) => {
          if (acks > 0) {
            acks -= 1;
            resolve();
          } else {
            waiting = () => {
              waiting = null;
              acks -= 1;
              resolve();
            };
          }
        });
      const checkpoints = startCheckpoints(input.dbFile);
      const writerDone = new Promise<void>((resolve) => port.once('close', resolve));
      try {
        await runReader(input.spec, (m) => port.postMessage(m, m.type === 'batch' ? [m.rows.bytes.buffer as ArrayBuffer] : []), acked, ctl);
        // After the last row the writer still compacts the search index: its log is copied back here until it is done.
        await writerDone;
      } catch (err) {
        fail(err);
        port.postMessage({ type: 'abort' } satisfies ReaderMessage);
        return;
      } finally {
        checkpoints.stop();
        port.close();
      }
      post({ type: 'done', value: null });
      return;
    }
    case 'writer':
      return runWriter(input.spec, input.port, input.dbFile, input.migrationsDir);
  }
}

async function runWriter(
  spec: ImportSpec & { now: number; reportFile: string; turns: SharedArrayBuffer },
  port: MessagePort,
  dbFile: string,
  migrationsDir: string,
): Promise<void> {
  const [{ openDatabase }, { ImportWriterJob }, { WriterCheckpoints }, { WriteTurns }] = await Promise.all([
    import('../db/connection'),
    import('./writer-job'),
    import('./checkpointer'),
    import('./write-turns'),
  ]);
  const turns = new WriteTurns(spec.turns);
  // A bulk writer may trade the last commit's durability on power loss for speed; the UI connection keeps FULL.
  const handle = openDatabase(dbFile, { migrationsDir, synchronous: 'NORMAL' });
  // Index pages of a large directory do not fit any sane cache; 16 MB keeps the hot upper levels and the peak low.
  handle.sqlite.pragma('cache_size = -16000');
  // The log may grow to some hundreds of MB between this thread's checkpoints; the app's connections cut it back.
  handle.sqlite.pragma('journal_size_limit = -1');
  const checkpoints = new WriterCheckpoints(handle.sqlite);
  const job = new ImportWriterJob(handle.sqlite, {
    channelId: spec.channelId,
    policy: spec.duplicatePolicy,
    now: spec.now,
    types: new Map(spec.defs.map((d) => [d.key, d.type])),
    reportFile: spec.reportFile,
    collectIds: spec.collectIds,
    turn: (write) => turns.importWrite(write),
  });
  let finished = false;
  const finish = (status: 'completed' | 'cancelled') => {
    if (finished) return;
    finished = true;
    port.close();
    post({ type: 'done', value: job.finish(status) });
    try {
      // Leave the log copied back here, so the UI's next small write does not pay for this thread's pages.
      handle.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      handle.close();
    }
  };
  parentPort!.on('message', (m: { type: 'stop' }) => {
    if (m.type === 'stop') finish('cancelled');
  });
  // A batch that completes the file up to a row may take the ones queued behind it into the same transaction; a
  // grouped batch (a large file's) is written alone, or its narrow index ranges would be mixed again.
  const takeQueued = (first: Extract<ReaderMessage, { type: 'batch' }>) => {
    const batches = [first];
    let rows = first.rows.count;
    let next: ReaderMessage | null = null;
    while (first.savedThrough !== null && rows < COALESCE_ROWS) {
      const queued = receiveMessageOnPort(port)?.message as ReaderMessage | undefined;
      if (!queued) break;
      if (queued.type !== 'batch' || queued.savedThrough === null) {
        next = queued;
        break;
      }
      batches.push(queued);
      rows += queued.rows.count;
    }
    return { batches, next };
  };
  const onMessage = (m: ReaderMessage): void => {
    if (finished) return;
    try {
      // A cancelled reader still sends the rows it holds, ending at a saved-through row; stop there, not before.
      if (ctl.cancelled() && job.atSavedPoint() && m.type === 'batch') return finish('cancelled');
      if (m.type === 'batch') {
        const { batches, next } = takeQueued(m);
        const fraction = job.applyBatches(batches);
        for (let i = 0; i < batches.length; i++) port.postMessage('ack');
        ctl.progress({ ...job.progress(), total: null, fraction });
        checkpoints.afterCommit();
        if (next) onMessage(next);
        return;
      }
      const fraction = job.handle(m);
      if (m.type === 'abort') checkpoints.readerDone();
      if (fraction === null && m.type === 'end') {
        if (ctl.cancelled()) return finish('cancelled');
        job.compactSearchIndex(ctl.cancelled, () => {
          checkpoints.afterCommit();
          ctl.progress({ ...job.progress(), total: null, fraction: 1, phase: 'indexing' });
        });
        return finish('completed');
      }
      if (fraction === null) return finish('cancelled');
      ctl.progress({ ...job.progress(), total: null, fraction });
    } catch (err) {
      fail(err);
      finish('cancelled');
    }
  };
  port.on('message', onMessage);
}

main().catch(fail);
