import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { MessageChannel, type TransferListItem, type Worker } from 'node:worker_threads';
import type { ContactSort, ExportFormat } from '../../src-shared/api/contacts';
import type {
  DuplicatePolicy,
  Encoding,
  ImportMapping,
  ImportPreview,
  ImportResult,
  Separator,
} from '../../src-shared/api/imports';
import { AppError, type ApiErrorBody } from '../../src-shared/errors';
import type { EventMap } from '../../src-shared/api/events';
import type { ChannelsService } from '../channels/service';
import type { AttributesService } from '../contacts/attributes';
import type { ExportSpec } from '../contacts/export';
import { defaultExportPath } from '../contacts/export-path';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { AppPaths } from '../platform/paths';
import { startWorker } from '../platform/worker';
import type { SettingsService } from '../settings/service';
import type { AppCheckpoints } from './checkpointer';
import { WriteTurns } from './write-turns';
import { fileErrors, importErrors } from './errors';
import { sniffFile } from './sniff';
import type { FileSpec, ImportSpec, PreviewSpec } from './pipeline';
import type { WorkerInput, WorkerJob, WorkerOutput } from './worker';
import type { WriterOutcome } from './writer-job';

/**
 * The job thread's entry: `worker.ts` beside this file when running from source (tsx, vitest); in a bundle, the
 * `imports-worker` bundle the build writes beside it, with the bundle's own extension.
 */
const HERE = fileURLToPath(import.meta.url);
const WORKER_URL = HERE.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL(`./imports-worker${path.extname(HERE)}`, import.meta.url);
/** Caps a reading thread's heap: a workbook bigger than the up-front checks expect ends that thread, not the app. */
const READER_HEAP_MB = 1400;
/**
 * V8's nursery per job thread. Parsing a workbook allocates fast and runs measurably slower in a small one; a CSV
 * reader and the writer hand short-lived rows on, and every megabyte they do not take keeps a large import under
 * its memory peak.
 */
const NURSERY_MB = { workbook: 16, rows: 6 } as const;

interface ThreadLimits {
  /** Old-generation cap; none for the writer, whose heap holds only the batch in hand. */
  heapMb?: number;
  nurseryMb: number;
}
const PROGRESS_EVERY_MS = 100;

/**
 * Where imported contacts go when the import names a customer group. Groups are their own feature; until it
 * registers this hook an import with `groupId` is refused.
 */
export interface ImportGroupHook {
  /** Throws (a clear AppError) when the group cannot take contacts of this channel. */
  check(groupId: number, channelId: number): void;
  onImported(groupId: number, contactIds: number[]): Promise<{ added: number; alreadyMember: number }>;
}

export interface ImportsDeps {
  paths: AppPaths;
  clock: Clock;
  events: EventBus;
  log: Logger;
  channels: ChannelsService;
  attributes: AttributesService;
  settings: SettingsService;
  groups?: () => ImportGroupHook | null;
  /** The app's own connection, whose checkpoints pause while an import's threads do them. */
  appCheckpoints?: AppCheckpoints;
  /** The app's turns at the write lock, shared with each import's writer thread. */
  writeTurns?: WriteTurns;
}

interface FileInput {
  channelId: number;
  path: string;
  hasHeader: boolean;
  separator?: Separator;
  encoding?: Encoding;
  sheet?: string;
  jobId?: string;
}

interface Job {
  channelId: number;
  kind: 'preview' | 'import' | 'export';
  cancel: Int32Array;
  workers: Worker[];
}

/** Runs previews, imports and exports on worker threads, publishes their progress and cancels them. */
export class ImportsService {
  private readonly jobs = new Map<string, Job>();
  private readonly turns: WriteTurns;

  constructor(private readonly deps: ImportsDeps) {
    this.turns = deps.writeTurns ?? new WriteTurns();
  }

  async preview(
    input: FileInput & { mapping?: ImportMapping; defaultCountry?: string; duplicatePolicy: DuplicatePolicy; previewRows: number },
  ): Promise<ImportPreview> {
    const { base, reading } = this.fileSpec(input, input.defaultCountry, input.duplicatePolicy);
    const spec: PreviewSpec = { ...base, previewRows: input.previewRows, ...(input.mapping ? { mapping: input.mapping } : {}) };
    const job = this.register(spec.jobId, input.channelId, 'preview');
    try {
      const worker = this.spawn(job, { role: 'preview', spec }, reading);
      const value = await this.collect<ImportPreview | null>(worker, spec.jobId, input.channelId, 'preview');
      if (value === null) throw cancelledError();
      return value;
    } finally {
      this.release(spec.jobId);
    }
  }

  async import(
    input: FileInput & { mapping: ImportMapping; defaultCountry: string; duplicatePolicy: DuplicatePolicy; groupId?: number },
  ): Promise<ImportResult> {
    const started = this.deps.clock.now();
    const groups = input.groupId === undefined ? null : (this.deps.groups?.() ?? null);
    if (input.groupId !== undefined) {
      if (!groups) throw importErrors.groupsUnavailable();
      groups.check(input.groupId, input.channelId);
    }
    if ([...this.jobs.values()].some((j) => j.kind === 'import' && j.channelId === input.channelId)) throw importErrors.running();
    const { base, reading } = this.fileSpec(input, input.defaultCountry, input.duplicatePolicy);
    const spec: ImportSpec = { ...base, mapping: input.mapping, collectIds: input.groupId !== undefined };
    const job = this.register(spec.jobId, input.channelId, 'import');
    const resumeCheckpoints = this.deps.appCheckpoints?.pause();
    const importEnded = this.turns.importStarted();
    try {
      const { port1, port2 } = new MessageChannel();
      const reportFile = path.join(this.deps.paths.reportsDir, `import-${input.channelId}-${spec.jobId}.csv`);
      const writer = this.spawn(job, { role: 'writer', spec: { ...spec, now: started, reportFile, turns: this.turns.buffer }, port: port2 }, { nurseryMb: NURSERY_MB.rows }, [port2]);
      const reader = this.spawn(job, { role: 'reader', spec, port: port1 }, reading, [port1]);
      let readerError: AppError | null = null;
      let lastSaved: number | null = null;
      let lastSavedAfter = 0;
      const readerEnded = new Promise<void>((resolve) => {
        reader.on('message', (m: WorkerOutput) => {
          if (m.type === 'error') readerError = this.toAppError(m, 'reader');
          if (m.type !== 'progress') resolve();
        });
        reader.on('error', (err) => {
          readerError = this.crashError(err);
          writer.postMessage({ type: 'stop' });
          resolve();
        });
        reader.on('exit', () => resolve());
      });
      const outcome = await this.collect<WriterOutcome>(writer, spec.jobId, input.channelId, 'import', (m) => {
        if (m.type === 'progress' && m.savedThroughRow !== undefined) {
          lastSaved = m.savedThroughRow;
          lastSavedAfter = m.savedAfter ?? 0;
        }
      }).catch((err: unknown) => {
        throw err instanceof AppError && err.code === 'internal' ? importErrors.workerFailed(lastSaved, lastSavedAfter) : err;
      });
      this.deps.events.emit('contacts.changed', { channelId: input.channelId });
      // The reader's own error may arrive after the writer's summary; the writer says when there is one to wait for.
      if (outcome.readerAborted) await readerEnded;
      if (readerError) throw withSavedRows(readerError, outcome.savedThroughRow);
      const group =
        groups && input.groupId !== undefined && outcome.ids
          ? { groupId: input.groupId, ...(await groups.onImported(input.groupId, outcome.ids)) }
          : null;
      const result: ImportResult = {
        jobId: spec.jobId,
        status: outcome.status,
        counts: outcome.counts,
        savedThroughRow: outcome.savedThroughRow,
        reportPath: outcome.reportPath,
        durationMs: this.deps.clock.now() - started,
        group,
      };
      this.emit(spec.jobId, input.channelId, 'import', outcome.status === 'completed' ? 'done' : 'cancelled', {
        processed: outcome.counts.total,
        total: outcome.counts.total,
        fraction: 1,
        counts: outcome.counts,
      });
      return result;
    } finally {
      resumeCheckpoints?.();
      importEnded();
      this.release(spec.jobId);
    }
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId);
    if (!job) return { cancelled: false };
    Atomics.store(job.cancel, 0, 1);
    return { cancelled: true };
  }

  async exportContacts(input: { channelId: number; groupId?: number; query?: string; sort: ContactSort; format: ExportFormat; path?: string }): Promise<{
    path: string;
    rows: number;
  }> {
    this.deps.channels.row(input.channelId);
    const target = this.exportTarget(input.path, input.channelId, input.format);
    const spec: ExportSpec = {
      channelId: input.channelId,
      ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      sort: input.sort,
      format: input.format,
      path: target,
      defs: this.deps.attributes.list(),
      language: this.deps.settings.get().language,
      ...(input.query !== undefined && input.query.trim() !== '' ? { query: input.query } : {}),
    };
    const jobId = randomUUID();
    const job = this.register(jobId, input.channelId, 'export');
    try {
      const value = await this.collect<{ path: string; rows: number } | null>(
        this.spawn(job, { role: 'export', spec }, { heapMb: READER_HEAP_MB, nurseryMb: NURSERY_MB.rows }),
        jobId,
        input.channelId,
        'export',
      );
      if (value === null) throw cancelledError();
      return value;
    } finally {
      this.release(jobId);
    }
  }

  /** Stops every running job (the app is closing). */
  async shutdown(): Promise<void> {
    const workers = [...this.jobs.values()].flatMap((j) => j.workers);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private exportTarget(given: string | undefined, channelId: number, format: ExportFormat): string {
    if (given === undefined) {
      const file = defaultExportPath(this.deps.paths.dataDir, channelId, format, this.deps.clock.now());
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // Two exports in the same second keep both files.
      let unique = file;
      for (let n = 2; fs.existsSync(unique); n++) unique = file.replace(new RegExp(`\\.${format}$`), `-${n}.${format}`);
      return unique;
    }
    if (!path.isAbsolute(given)) {
      throw new AppError(
        'export_path_relative',
        { en: 'Give the full path of the file to write.', tr: 'Yazılacak dosyanın tam yolunu verin.' },
        { field: 'path' },
      );
    }
    const file = path.extname(given).toLowerCase() === `.${format}` ? given : `${given}.${format}`;
    if (!fs.existsSync(path.dirname(file))) {
      throw new AppError(
        'export_folder_missing',
        { en: `The folder "${path.dirname(file)}" does not exist.`, tr: `"${path.dirname(file)}" klasörü yok.` },
        { field: 'path' },
      );
    }
    return file;
  }

  /** The job's spec, and the limits of the thread that will read its file. */
  private fileSpec(input: FileInput, defaultCountry: string | undefined, policy: DuplicatePolicy): { base: FileSpec; reading: ThreadLimits } {
    const channel = this.deps.channels.row(input.channelId);
    if (!path.isAbsolute(input.path)) throw fileErrors.notFound(input.path);
    // Missing, empty, binary and oversized files are refused here, cheaply, before any thread starts.
    const { kind } = sniffFile(input.path);
    const reading = { heapMb: READER_HEAP_MB, nurseryMb: kind === 'csv' ? NURSERY_MB.rows : NURSERY_MB.workbook };
    const base: FileSpec = {
      jobId: input.jobId ?? randomUUID(),
      channelId: channel.id,
      path: input.path,
      hasHeader: input.hasHeader,
      ...(input.separator ? { separator: input.separator } : {}),
      ...(input.encoding ? { encoding: input.encoding } : {}),
      ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
      defaultCountry: defaultCountry ?? channel.defaultCountry,
      duplicatePolicy: policy,
      defs: this.deps.attributes.list(),
    };
    return { base, reading };
  }

  private register(jobId: string, channelId: number, kind: Job['kind']): Job {
    if (this.jobs.has(jobId)) throw importErrors.jobIdTaken(jobId);
    const job: Job = { channelId, kind, cancel: new Int32Array(new SharedArrayBuffer(4)), workers: [] };
    this.jobs.set(jobId, job);
    return job;
  }

  private release(jobId: string): void {
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    for (const w of job?.workers ?? []) void w.terminate();
  }

  private spawn(job: Job, data: WorkerJob, limits: ThreadLimits, transfer: TransferListItem[] = []): Worker {
    const workerData = {
      ...data,
      cancel: job.cancel.buffer as SharedArrayBuffer,
      dbFile: this.deps.paths.dbFile,
      migrationsDir: this.deps.paths.migrationsDir,
    } as WorkerInput;
    const worker = startWorker(WORKER_URL, {
      workerData,
      transferList: transfer,
      resourceLimits: {
        maxYoungGenerationSizeMb: limits.nurseryMb,
        ...(limits.heapMb ? { maxOldGenerationSizeMb: limits.heapMb } : {}),
      },
    });
    job.workers.push(worker);
    return worker;
  }

  /** Resolves with the worker's result, forwarding its progress as `import.progress` events (at most 10 a second). */
  private collect<T>(
    worker: Worker,
    jobId: string,
    channelId: number,
    kind: 'preview' | 'import' | 'export',
    onMessage?: (m: WorkerOutput) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lastEmit = 0;
      let lastPhase = '';
      let error: AppError | null = null;
      let settled = false;
      const settle = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      worker.on('message', (m: WorkerOutput) => {
        onMessage?.(m);
        if (m.type === 'progress') {
          const now = Date.now();
          const phase = m.phase ?? (kind === 'import' ? 'importing' : 'reading');
          if (kind !== 'export' && (now - lastEmit >= PROGRESS_EVERY_MS || phase !== lastPhase)) {
            lastEmit = now;
            lastPhase = phase;
            this.emit(jobId, channelId, kind, phase, m);
          }
        } else if (m.type === 'error') {
          error = this.toAppError(m, kind);
        } else {
          const failure = error;
          settle(() => (failure ? reject(failure) : resolve(m.value as T)));
        }
      });
      worker.on('error', (err) => settle(() => reject(this.crashError(err))));
      worker.on('exit', (code) => {
        const failure = error;
        settle(() => reject(failure ?? this.crashError(new Error(`worker exited with code ${code}`))));
      });
    }).catch((err: unknown) => {
      if (kind !== 'export') {
        this.emit(jobId, channelId, kind === 'import' ? 'import' : 'preview', 'failed', { processed: 0, total: null, fraction: 0, counts: null });
      }
      throw err;
    });
  }

  private emit(
    jobId: string,
    channelId: number,
    kind: 'preview' | 'import',
    phase: EventMap['import.progress']['phase'],
    p: { processed: number; total: number | null; fraction: number; counts: ImportPreview['counts'] | null },
  ): void {
    this.deps.events.emit('import.progress', {
      jobId,
      channelId,
      kind,
      phase,
      processed: p.processed,
      total: p.total,
      fraction: p.fraction,
      counts: p.counts,
    });
  }

  private toAppError(m: Extract<WorkerOutput, { type: 'error' }>, role: string): AppError {
    if (m.internal !== undefined) {
      this.deps.log.error('import job failed', { role, error: m.internal });
      return internalError();
    }
    return fromBody(m.error);
  }

  private crashError(err: Error): AppError {
    if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new AppError('file_too_large', {
        en: 'The file is too large to open as a spreadsheet here. Save it from Excel as CSV (UTF-8): CSV files of any size are imported.',
        tr: "Dosya burada hesap tablosu olarak açılamayacak kadar büyük. Excel'den CSV (UTF-8) olarak kaydedin: her boyuttaki CSV dosyası içe aktarılabilir.",
      });
    }
    this.deps.log.error('import worker crashed', { error: err.stack ?? err.message });
    return internalError();
  }
}

function internalError(): AppError {
  return new AppError('internal', {
    en: 'Something went wrong on our side. Your data is unchanged; please try again.',
    tr: 'Bizim tarafımızda bir sorun oluştu. Verileriniz değişmedi; lütfen tekrar deneyin.',
  });
}

function cancelledError(): AppError {
  return new AppError('cancelled', { en: 'Cancelled.', tr: 'İptal edildi.' });
}

function fromBody(body: ApiErrorBody): AppError {
  return new AppError(body.code, { en: body.message, tr: body.messageTr }, { field: body.field, details: body.details });
}

/** A reader failure mid-import: the file's own message plus exactly which rows were saved before it. */
function withSavedRows(err: AppError, savedThroughRow: number | null): AppError {
  const saved =
    savedThroughRow === null
      ? { en: ' Nothing was imported.', tr: ' Hiçbir şey içe aktarılmadı.' }
      : {
          en: ` Rows up to row ${savedThroughRow} were imported, none after it.`,
          tr: ` ${savedThroughRow}. satıra kadar olanlar içe aktarıldı, sonrakiler aktarılmadı.`,
        };
  return new AppError(err.code, { en: err.text.en + saved.en, tr: err.text.tr + saved.tr }, {
    field: err.field,
    details: { ...(typeof err.details === 'object' && err.details !== null ? err.details : {}), savedThroughRow },
  });
}
