import type { AttributeDef } from '../../src-shared/api/contacts';
import type {
  DuplicatePolicy,
  Encoding,
  ImportColumn,
  ImportCounts,
  ImportMapping,
  ImportPreview,
  PreviewRow,
  RowAction,
  Separator,
} from '../../src-shared/api/imports';
import { indexKeysOf, memoFold } from '../contacts/search-text';
import { csvLine } from '../export/cells';
import { fileErrors } from './errors';
import { checkMapping, guessMapping, guessPhoneColumnByValues, mappingError } from './mapping';
import { duplicateInFile, FileDuplicates, RowNormaliser, type PreparedRow } from './normalise';
import { IndexCells } from './cells';
import { noRows, type PackedRows } from './packed-rows';
import { sniffFile, type SniffedFile } from './sniff';
import { openSource, type FileRecord, type RecordSource } from './source';
import type { ContactLookup } from './writer';
import { decide } from './writer';

export interface FileSpec {
  jobId: string;
  channelId: number;
  path: string;
  hasHeader: boolean;
  separator?: Separator;
  encoding?: Encoding;
  sheet?: string;
  defaultCountry: string;
  duplicatePolicy: DuplicatePolicy;
  /** Attribute definitions as they were when the job started. */
  defs: AttributeDef[];
}

export interface PreviewSpec extends FileSpec {
  mapping?: ImportMapping;
  previewRows: number;
}

export interface ImportSpec extends FileSpec {
  mapping: ImportMapping;
  /** Collect the id of every contact the file names (for adding them to a group afterwards). */
  collectIds: boolean;
}

/** How a job hears it should stop and tells how far it got. */
export interface JobControl {
  cancelled(): boolean;
  progress(p: {
    processed: number;
    total: number | null;
    fraction: number;
    counts: ImportCounts | null;
    savedThroughRow?: number | null;
    /** Rows saved beyond `savedThroughRow` (see `WriterOutcome.savedAfter`). */
    savedAfter?: number;
    /** Set while the rows are all saved and the search index is being compacted. */
    phase?: 'indexing';
  }): void;
}

const SAMPLES = 5;
const SAMPLE_ROWS = 1000;

interface Table {
  file: SniffedFile;
  source: RecordSource;
  columns: ImportColumn[];
  /** Data records, header excluded, in batches. */
  batches: AsyncGenerator<FileRecord[]>;
}

/** Opens the file and reads far enough to name its columns: the header row, or `Column 1..N` without one. */
async function openTable(spec: FileSpec): Promise<Table> {
  const file = sniffFile(spec.path);
  const source = openSource(file, spec);
  const it = source.batches();
  const first = await it.next();
  const records = first.done ? [] : first.value;
  if (records.length === 0) throw fileErrors.noRows(file.name);
  const header = spec.hasHeader ? records.shift()! : null;
  if (records.length === 0) {
    const more = await it.next();
    if (more.done || more.value.length === 0) throw fileErrors.noRows(file.name);
    records.push(...more.value);
  }
  const width = Math.max(header?.cells.length ?? 0, ...records.slice(0, SAMPLE_ROWS).map((r) => r.cells.length));
  const names = uniqueNames(Array.from({ length: width }, (_, i) => header?.cells[i]?.trim() || `Column ${i + 1}`));
  const columns: ImportColumn[] = names.map((name, index) => ({
    index,
    name,
    samples: records
      .slice(0, SAMPLE_ROWS)
      .map((r) => (r.cells[index] ?? '').trim())
      .filter((v) => v !== '')
      .slice(0, SAMPLES),
  }));
  async function* batches(): AsyncGenerator<FileRecord[]> {
    if (records.length > 0) yield records;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { file, source, columns, batches: batches() };
}

/** `Phone`, `Phone` -> `Phone`, `Phone (2)`: mapping keys must be unique. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n.length > 200 ? n.slice(0, 200) : n;
    for (let k = 2; seen.has(name); k++) name = `${n.slice(0, 190)} (${k})`;
    seen.add(name);
    return name;
  });
}

function guess(table: Table, spec: FileSpec): ImportMapping {
  const names = table.columns.map((c) => c.name);
  const mapping = guessMapping(names, spec.defs, spec.hasHeader);
  guessPhoneColumnByValues(
    names,
    table.columns.map((c) => c.samples),
    mapping,
  );
  return mapping;
}

const emptyCounts = (): ImportCounts => ({ total: 0, created: 0, updated: 0, skipped: 0, rejected: 0 });

/**
 * Reads the whole file once and says what importing it would do now: the first rows as they will be saved, the
 * counts over every row, and how often each problem occurs. Nothing is written.
 */
export async function runPreview(spec: PreviewSpec, lookup: ContactLookup, ctl: JobControl): Promise<ImportPreview | null> {
  const table = await openTable(spec);
  const names = table.columns.map((c) => c.name);
  const guessedMapping = guess(table, spec);
  const mapping = spec.mapping ? completeMapping(spec.mapping, names) : guessedMapping;
  const { resolved, problems: mappingProblems } = checkMapping(mapping, names, spec.defs);
  const normaliser = new RowNormaliser(names.length, resolved, spec.defaultCountry, table.file.kind !== 'csv');
  const dupes = new FileDuplicates();
  const counts = emptyCounts();
  const problemCounts: Record<string, number> = {};
  const rows: PreviewRow[] = [];
  for await (const batch of table.batches) {
    if (ctl.cancelled()) return null;
    for (const record of batch) {
      const prepared = normaliser.normalise(record.row, record.cells);
      let action: RowAction = 'reject';
      if (!prepared.rejected) {
        const firstRow = dupes.seen(prepared.phone!, record.row);
        if (firstRow !== null) {
          prepared.problems.push(duplicateInFile(firstRow));
          action = 'skip';
        } else {
          const existing = lookup.find(prepared.phone!);
          action = decide(existing, prepared as PreparedRow & { phone: string }, spec.duplicatePolicy).action;
          if (existing) prepared.problems.push(duplicateExisting(action));
        }
      }
      count(counts, action);
      for (const p of prepared.problems) problemCounts[p.code] = (problemCounts[p.code] ?? 0) + 1;
      if (rows.length < spec.previewRows) rows.push(toPreviewRow(prepared, action));
    }
    ctl.progress({ processed: counts.total, total: null, fraction: table.source.fraction(), counts });
  }
  return {
    jobId: spec.jobId,
    file: { path: table.file.path, name: table.file.name, size: table.file.size, kind: table.file.kind },
    detectedSeparator: table.source.detectedSeparator,
    separator: table.source.separator,
    detectedEncoding: table.source.detectedEncoding,
    encoding: table.source.encoding,
    sheets: table.source.sheets,
    sheet: table.source.sheet,
    hasHeader: spec.hasHeader,
    columns: table.columns,
    guessedMapping,
    mapping,
    defaultCountry: spec.defaultCountry,
    duplicatePolicy: spec.duplicatePolicy,
    rows,
    counts,
    problemCounts,
    mappingProblems,
  };
}

/** Columns the caller left out of the mapping are ignored. */
function completeMapping(given: ImportMapping, names: string[]): ImportMapping {
  const out: ImportMapping = {};
  for (const n of names) out[n] = 'ignore';
  for (const [k, v] of Object.entries(given)) out[k] = v;
  return out;
}

function count(counts: ImportCounts, action: RowAction): void {
  counts.total += 1;
  if (action === 'create') counts.created += 1;
  else if (action === 'update') counts.updated += 1;
  else if (action === 'skip') counts.skipped += 1;
  else counts.rejected += 1;
}

function duplicateExisting(action: RowAction) {
  return {
    field: 'phone',
    code: 'duplicate_existing',
    message:
      action === 'update'
        ? 'This number is already in the directory; the contact will be updated.'
        : 'This number is already in the directory; the contact is kept as it is.',
    messageTr:
      action === 'update'
        ? 'Bu numara rehberde zaten var; kişi güncellenecek.'
        : 'Bu numara rehberde zaten var; kişi olduğu gibi bırakılacak.',
    severity: 'info' as const,
  };
}

function toPreviewRow(p: PreparedRow, action: RowAction): PreviewRow {
  return {
    row: p.row,
    action,
    cells: p.cells,
    contact: { phone: p.phone, name: p.name, email: p.email, attributes: p.attributes },
    problems: p.problems,
  };
}

/** What the reader thread sends the writer thread: valid rows, and report lines for the rows it set aside. */
export type ReaderMessage =
  | { type: 'start'; reportHeader: string }
  | {
      type: 'batch';
      /** Valid rows to write in one transaction (sorted by phone); may be empty when only the report moves on. */
      rows: PackedRows;
      report: string[];
      /**
       * Set when, once this batch is written, every valid row up to this file row (valid or not) has been sent: the
       * point up to which a cancel or failure leaves the file exactly saved. Null while earlier rows are still held.
       */
      savedThrough: number | null;
      /** File rows (valid or not) read since the previous batch, and how many of those were set aside. */
      total: number;
      rejected: number;
      skipped: number;
      fraction: number;
    }
  | { type: 'end' }
  | { type: 'abort' };

/** Files estimated below this many rows go to the writer batch by batch in file order (each batch saved through). */
const CELLS_FROM_ROWS = 150_000;
/**
 * The grid for a large file (see cells.ts). Held rows are packed (about 220 bytes each), so 50,000 of them take
 * about 11 MB: groups of about 5,000 rows, each commit rewriting the same index pages for two and a half times the
 * rows it did at 20,000 held as objects. More measured no faster here: the writer's 16 MB page cache no longer
 * holds a commit's pages.
 */
const CELLS = { side: 4, cellRows: 20_000, maxBuffered: 50_000, sampleRows: 4_000 } as const;
/** Batches sent ahead of the writer's acknowledgements: enough that it never waits, few enough to bound memory. */
const WINDOW = { wholeBatches: 3, cells: 6 } as const;
/** Report lines otherwise travel with the next batch of rows; a file of mostly bad rows still sends them on. */
const REPORT_LINES_PER_MESSAGE = 1_000;
/** A large import still states a saved-through row this often (all held rows are flushed at that point). */
const FLUSH_ALL_EVERY_ROWS = 250_000;

/**
 * The reader half of an import: parses and checks every row (the CPU-heavy part: phone numbers, folding) and
 * hands batches to the writer thread, a few batches ahead of it. A large file's rows go out grouped
 * by index ranges (see `IndexCells`); when it stops early (cancel, a broken file) it first sends every row it
 * holds, so what was saved is still exactly the file up to one row.
 */
export async function runReader(
  spec: ImportSpec,
  send: (m: ReaderMessage) => void,
  acked: () => Promise<void>,
  ctl: JobControl,
): Promise<void> {
  const table = await openTable(spec);
  const names = table.columns.map((c) => c.name);
  const { resolved, problems } = checkMapping(completeMapping(spec.mapping, names), names, spec.defs);
  if (problems.length > 0) throw mappingError(problems);
  const normaliser = new RowNormaliser(names.length, resolved, spec.defaultCountry, table.file.kind !== 'csv');
  const dupes = new FileDuplicates();
  const types = new Map(spec.defs.map((d) => [d.key, d.type]));
  const fold = memoFold();
  send({ type: 'start', reportHeader: csvLine(['Row', 'Status', 'Reason', 'Neden', ...names]) });
  let cells: IndexCells | null = null;
  let wholeBatches = true;
  let inFlight = 0;
  let lastRow: number | null = null;
  let sinceFlushAll = 0;
  let report: string[] = [];
  let total = 0;
  let rejected = 0;
  let skipped = 0;
  const post = (rows: PackedRows, savedThrough: number | null) => {
    send({ type: 'batch', rows, report, savedThrough, total, rejected, skipped, fraction: table.source.fraction() });
    report = [];
    total = rejected = skipped = 0;
    inFlight += 1;
  };
  const flushAll = () => {
    const held = cells?.drain() ?? [];
    held.forEach((rows, i) => post(rows, i === held.length - 1 ? lastRow : null));
    if (held.length === 0 && (lastRow !== null || report.length > 0)) post(noRows(), lastRow);
    sinceFlushAll = 0;
  };
  const throttle = async () => {
    while (inFlight >= (wholeBatches ? WINDOW.wholeBatches : WINDOW.cells)) {
      await acked();
      inFlight -= 1;
    }
  };
  try {
    for await (const batch of table.batches) {
      if (ctl.cancelled()) break;
      if (cells === null) {
        wholeBatches = batch.length / Math.max(table.source.fraction(), 1e-9) < CELLS_FROM_ROWS;
        cells = new IndexCells(wholeBatches ? WHOLE_BATCHES : CELLS);
      }
      for (const record of batch) {
        total += 1;
        const p = normaliser.normalise(record.row, record.cells);
        if (p.rejected) {
          rejected += 1;
          report.push(reportLine(p, 'rejected'));
          continue;
        }
        const firstRow = dupes.seen(p.phone!, record.row);
        if (firstRow !== null) {
          skipped += 1;
          p.problems.push(duplicateInFile(firstRow));
          report.push(reportLine(p, 'skipped'));
          continue;
        }
        const contact = { phone: p.phone!, name: p.name, pushName: null, email: p.email, attributes: p.attributes };
        const keys = indexKeysOf(contact, types, fold);
        const due = cells.add({ row: p.row, phone: contact.phone, name: p.name, email: p.email, attributesJson: JSON.stringify(p.attributes), ...keys });
        for (const rows of due) post(rows, null);
      }
      lastRow = batch[batch.length - 1]!.row;
      sinceFlushAll += batch.length;
      if (wholeBatches || sinceFlushAll >= FLUSH_ALL_EVERY_ROWS) flushAll();
      else if (report.length >= REPORT_LINES_PER_MESSAGE) post(noRows(), null);
      await throttle();
    }
  } catch (err) {
    flushAll();
    throw err;
  }
  flushAll();
  send({ type: 'end' });
}

/** A small file's rows go out as they come, one file batch per transaction. */
const WHOLE_BATCHES = { side: 1, cellRows: Number.POSITIVE_INFINITY, maxBuffered: Number.POSITIVE_INFINITY, sampleRows: 0 };

function reportLine(p: PreparedRow, status: 'rejected' | 'skipped'): string {
  const reasons = p.problems.filter((x) => x.severity === 'error' || x.code === 'duplicate_in_file');
  return csvLine([
    p.row,
    status,
    reasons.map((x) => x.message).join(' '),
    reasons.map((x) => x.messageTr).join(' '),
    ...p.cells,
  ]);
}
