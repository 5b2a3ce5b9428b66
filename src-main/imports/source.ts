import fs from 'node:fs';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { AppError } from '../../src-shared/errors';
import { fileErrors } from './errors';
import { BATCH_RECORDS, isBlank, numberText, type FileRecord, type RecordSource, type SourceOptions } from './records';
import { detectEncoding, detectSeparator, readHead, SAMPLE_BYTES, textDecoderFor, type SniffedFile } from './sniff';
import { openXlsxStream } from './xlsx-stream';

export type { FileRecord, RecordSource, SourceOptions } from './records';

const READ_CHUNK = 1 << 20;
/** A record longer than this has a quote that never closes; reading on would swallow the rest of the file. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** CSV streams; an .xlsx of XML sheets streams too; SheetJS reads .xls, .xlsb and anything else whole. */
export function openSource(file: SniffedFile, opts: SourceOptions): RecordSource {
  if (file.kind === 'csv') return csvSource(file, opts);
  return (file.streamed ? openXlsxStream(file, opts) : null) ?? sheetSource(file, opts);
}

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

/** A SheetJS cell as the text the import reads (numbers: see `numberText`). */
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
    case 'n':
      return typeof cell.v === 'number' ? numberText(cell.v, cell.z !== undefined && XLSX.SSF.is_date(cell.z)) : '';
    default:
      return '';
  }
}
