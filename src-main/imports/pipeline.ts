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
import { sniffFile, type SniffedFile } from './sniff';
import { openSource, type FileRecord, type RecordSource } from './source';
import type { ContactLookup, IncomingRow } from './writer';
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
      rows: IncomingRow[];
      report: string[];
      /** The last file row this batch covers (valid or not). */
      lastRow: number;
      total: number;
      rejected: number;
      skipped: number;
      fraction: number;
    }
  | { type: 'end' }
  | { type: 'abort' };

/**
 * The reader half of an import: parses and checks every row (the CPU-heavy part: phone numbers, folding) and
 * hands batches to the writer thread, never more than `window` ahead of it.
 */
export async function runReader(
  spec: ImportSpec,
  send: (m: ReaderMessage) => void,
  acked: () => Promise<void>,
  ctl: JobControl,
  window = 3,
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
  let inFlight = 0;
  for await (const batch of table.batches) {
    if (ctl.cancelled()) break;
    const rows: IncomingRow[] = [];
    const report: string[] = [];
    let rejected = 0;
    let skipped = 0;
    for (const record of batch) {
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
      rows.push({ row: p.row, phone: contact.phone, name: p.name, email: p.email, attributes: p.attributes, ...indexKeysOf(contact, types, fold) });
    }
    const lastRow = batch[batch.length - 1]!.row;
    send({ type: 'batch', rows, report, lastRow, total: batch.length, rejected, skipped, fraction: table.source.fraction() });
    inFlight += 1;
    while (inFlight >= window) {
      await acked();
      inFlight -= 1;
    }
  }
  send({ type: 'end' });
}

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
