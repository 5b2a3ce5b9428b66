import fs from 'node:fs';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import type { Encoding, Separator } from '../../src-shared/api/imports';
import { AppError } from '../../src-shared/errors';
import { excelSerialToIso } from '../contacts/values';
import { fileErrors } from './errors';
import { detectEncoding, detectSeparator, readHead, SAMPLE_BYTES, textDecoderFor, type SniffedFile } from './sniff';

export interface FileRecord {
  /** The row number a spreadsheet shows (1-based, counting blank lines). */
  row: number;
  cells: string[];
}

export interface RecordSource {
  detectedSeparator: Separator | null;
  separator: Separator | null;
  detectedEncoding: Encoding | null;
  encoding: Encoding | null;
  sheets: string[];
  sheet: string | null;
  /** How far through the file the reader is, 0..1. */
  fraction(): number;
  /** Non-blank records in file order, in batches. */
  batches(): AsyncGenerator<FileRecord[]>;
}

/** Rows per batch, and so per write transaction: a few thousand keeps each commit to tens of milliseconds. */
export const BATCH_RECORDS = 4000;
const READ_CHUNK = 1 << 20;
/** A record longer than this has a quote that never closes; reading on would swallow the rest of the file. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export interface SourceOptions {
  separator?: Separator;
  encoding?: Encoding;
  sheet?: string;
}

export function openSource(file: SniffedFile, opts: SourceOptions): RecordSource {
  return file.kind === 'csv' ? csvSource(file, opts) : sheetSource(file, opts);
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function csvSource(file: SniffedFile, opts: SourceOptions): RecordSource {
  const head = readHead(file.path, file.name, SAMPLE_BYTES);
  const detectedEncoding = detectEncoding(head);
  const encoding = opts.encoding ?? detectedEncoding;
  const sample = textDecoderFor(encoding).decode(head, { stream: true });
  const detectedSeparator = detectSeparator(sample);
  const separator = opts.separator ?? detectedSeparator;
  const newline = guessNewline(sample);
  let bytesRead = 0;
  return {
    detectedSeparator,
    separator,
    detectedEncoding,
    encoding,
    sheets: [],
    sheet: null,
    fraction: () => (file.size === 0 ? 1 : Math.min(1, bytesRead / file.size)),
    async *batches() {
      // Bytes are decoded here with a streaming decoder, so a character split between two reads stays whole.
      const decoder = textDecoderFor(encoding);
      const parser = new Papa.Parser({ delimiter: separator, newline, quoteChar: '"' });
      let partial = '';
      let row = 0;
      let out: FileRecord[] = [];
      const take = (text: string, last: boolean) => {
        const aggregate = partial + text;
        const result = parser.parse(aggregate, 0, !last) as { data: string[][]; meta: { cursor: number } };
        partial = last ? '' : aggregate.slice(result.meta.cursor);
        for (const cells of result.data) {
          row += 1;
          if (!isBlank(cells)) out.push({ row, cells });
        }
      };
      const stream = fs.createReadStream(file.path, { highWaterMark: READ_CHUNK });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytesRead += chunk.length;
          take(decoder.decode(chunk, { stream: true }), false);
          // The rows read before a record that never ends still go out, so an import saves exactly those.
          const runaway = partial.length > MAX_RECORD_CHARS;
          if (out.length >= BATCH_RECORDS || (runaway && out.length > 0)) {
            for (let i = 0; i < out.length; i += BATCH_RECORDS) yield out.slice(i, i + BATCH_RECORDS);
            out = [];
          }
          if (runaway) throw fileErrors.rowTooLong(row + 1);
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw fileErrors.unreadable(file.name);
      } finally {
        stream.destroy();
      }
      take(decoder.decode(), true);
      for (let i = 0; i < out.length; i += BATCH_RECORDS) yield out.slice(i, i + BATCH_RECORDS);
    },
  };
}

/** The file's line break: whatever ends its first line (CRLF from Windows, LF, or a lone CR from old Macs). */
function guessNewline(sample: string): '\r\n' | '\n' | '\r' {
  const lf = sample.indexOf('\n');
  if (lf > 0 && sample[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return sample.includes('\r') ? '\r' : '\n';
}

type Cell = { t: string; v?: unknown; z?: string | number } | undefined | null;

function sheetSource(file: SniffedFile, opts: SourceOptions): RecordSource {
  let data: Cell[][];
  let sheets: string[];
  let sheet: string;
  try {
    const buffer = fs.readFileSync(file.path);
    // One read: the first sheet unless one is named; the names of all of them come with it.
    const book = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      sheets: opts.sheet ?? 0,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellDates: false,
      cellStyles: false,
    });
    sheets = book.SheetNames;
    if (sheets.length === 0) throw fileErrors.noRows(file.name);
    sheet = opts.sheet ?? sheets[0]!;
    if (!sheets.includes(sheet)) throw fileErrors.sheetNotFound(sheet, sheets);
    const ws = book.Sheets[sheet] as unknown as { '!data'?: Cell[][] } | undefined;
    data = ws?.['!data'] ?? [];
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw fileErrors.notFound(file.name);
    throw fileErrors.brokenSpreadsheet(file.name);
  }
  let done = 0;
  const total = data.length;
  return {
    detectedSeparator: null,
    separator: null,
    detectedEncoding: null,
    encoding: null,
    sheets,
    sheet,
    fraction: () => (total === 0 ? 1 : done / total),
    async *batches() {
      let out: FileRecord[] = [];
      for (let r = 0; r < total; r++) {
        const rowCells = data[r];
        done = r + 1;
        if (!rowCells) continue;
        const cells = Array.from(rowCells, cellText);
        if (isBlank(cells)) continue;
        out.push({ row: r + 1, cells });
        if (out.length >= BATCH_RECORDS) {
          yield out;
          out = [];
        }
      }
      if (out.length > 0) yield out;
    },
  };
}

/**
 * A sheet cell as the text the import reads. Dates (numbers with a date format) become `yyyy-mm-dd`. Whole numbers
 * are written out in full (`905321234567`), except 12+ digit ones with six or fewer significant digits: those are
 * what Excel keeps after showing a number as `9.05321E+11`, so they are passed on in that form to be flagged.
 */
export function cellText(cell: Cell): string {
  if (cell === undefined || cell === null) return '';
  switch (cell.t) {
    case 's':
    case 'str':
      return String(cell.v ?? '');
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString().slice(0, 10) : '';
    case 'n': {
      const v = cell.v;
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) return excelSerialToIso(v) ?? String(v);
      if (Number.isInteger(v) && Math.abs(v) < 1e21) {
        if (Math.abs(v) >= 1e11 && Number(v.toPrecision(6)) === v) return v.toExponential(5).toUpperCase();
        return String(v);
      }
      return String(v);
    }
    default:
      return '';
  }
}
