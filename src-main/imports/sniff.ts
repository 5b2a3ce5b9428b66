import fs from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import type { Encoding, FileKind, Separator } from '../../src-shared/api/imports';
import { fileErrors } from './errors';
import { megabytes, readZipDirectory, type ZipDirectory } from './zip-entries';

/** How much of the file the format check looks at (it runs on the UI process, so it stays small). */
export const HEAD_BYTES = 64 * 1024;
/** How much of a CSV the encoding and separator detection read (on the job thread). */
export const SAMPLE_BYTES = 1 << 20;

/**
 * SheetJS builds the whole sheet in memory, about ten times the size of its XML. Above these limits a workbook it
 * reads (.xlsb, .xls) is refused up front (with the advice to save it as CSV, which streams) instead of risking
 * an out-of-memory crash.
 */
export const XLSX_MAX_XML_BYTES = 100 * 1024 * 1024;
export const XLS_MAX_BYTES = 60 * 1024 * 1024;
/**
 * An .xlsx of XML sheets streams its sheet, but holds its shared strings table (every distinct text of the
 * workbook) whole: measured at about 3 MB of heap per MB of sharedStrings.xml (195 MB, 5.2M strings: 530-625 MB),
 * so at this limit a reading thread stays well under its 1.4 GB heap cap.
 */
export const XLSX_MAX_SHARED_STRINGS_BYTES = 200 * 1024 * 1024;

export interface SniffedFile {
  path: string;
  name: string;
  size: number;
  kind: FileKind;
  head: Buffer;
  /** An .xlsx's zip directory, read by the size check and reused by the reader. */
  zip?: ZipDirectory;
  /** An .xlsx of XML sheets, read by the streaming reader; SheetJS reads every other workbook. */
  streamed: boolean;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Checks the file exists, is not empty and is a CSV/xlsx/xls by its content (never by its extension alone). */
export function sniffFile(file: string): SniffedFile {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw fileErrors.notFound(name);
    }
    throw fileErrors.unreadable(name);
  }
  if (stat.isDirectory()) throw fileErrors.notAFile(name);
  if (stat.size === 0) throw fileErrors.empty(name);
  const head = readHead(file, name, HEAD_BYTES);
  const sniffed = { path: file, name, size: stat.size, head, streamed: false };
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { ...sniffed, kind: 'xlsx', ...checkXlsx(file, name, stat.size) };
  if (head.subarray(0, 8).equals(CFB_MAGIC)) {
    if (stat.size > XLS_MAX_BYTES) throw fileErrors.tooLarge(name, `${megabytes(stat.size)} MB`, `${megabytes(XLS_MAX_BYTES)} MB`);
    return { ...sniffed, kind: 'xls' };
  }
  if (looksLikeText(head)) return { ...sniffed, kind: 'csv' };
  throw fileErrors.notSpreadsheet(name);
}

/** The first `bytes` bytes of the file (fewer when it is shorter). */
export function readHead(file: string, name: string, bytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw fileErrors.unreadable(name);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Text has no NUL bytes (except UTF-16, recognised by its byte-order mark) and almost no control characters;
 * images, PDFs, archives and random bytes fail this within their first bytes.
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return true;
  if (head.includes(0)) return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control += 1;
  }
  return control <= head.length / 100;
}

/** BOM -> UTF-8 with BOM (or UTF-16); valid UTF-8 -> UTF-8; anything else is taken as Turkish Windows-1254. */
export function detectEncoding(head: Buffer): Encoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-sig';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    // `stream: true` accepts a multi-byte character cut off at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1254';
  }
}

export function textDecoderFor(encoding: Encoding): TextDecoder {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-sig':
      return new TextDecoder('utf-8');
    case 'utf-16le':
      return new TextDecoder('utf-16le');
    case 'windows-1254':
      return new TextDecoder('windows-1254');
  }
}

const CANDIDATES: Separator[] = [',', ';', '\t'];

/**
 * Counts each candidate outside quotes on the first lines; the separator is the one that splits the lines into
 * the same number of fields most often (ties: the most fields). `,` when nothing separates anything.
 */
export function detectSeparator(text: string, maxLines = 30): Separator {
  const perLine = new Map<Separator, number[]>(CANDIDATES.map((c) => [c, []]));
  const counts = new Map<Separator, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  let lines = 0;
  let lineHasContent = false;
  for (let i = 0; i < text.length && lines < maxLines; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      inQuotes = !inQuotes;
      lineHasContent = true;
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (lineHasContent) {
        for (const c of CANDIDATES) perLine.get(c)!.push(counts.get(c)!);
        lines += 1;
      }
      for (const c of CANDIDATES) counts.set(c, 0);
      lineHasContent = false;
    } else if (!inQuotes && counts.has(ch as Separator)) {
      counts.set(ch as Separator, counts.get(ch as Separator)! + 1);
      lineHasContent = true;
    } else if (ch.trim() !== '') {
      lineHasContent = true;
    }
  }
  if (lineHasContent && lines < maxLines) for (const c of CANDIDATES) perLine.get(c)!.push(counts.get(c)!);
  let best: Separator = ',';
  let bestScore = 0;
  let bestFields = 0;
  for (const c of CANDIDATES) {
    const seen = perLine.get(c)!;
    const freq = new Map<number, number>();
    for (const n of seen) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    for (const [fields, score] of freq) {
      if (score > bestScore || (score === bestScore && fields > bestFields)) {
        best = c;
        bestScore = score;
        bestFields = fields;
      }
    }
  }
  return best;
}

/**
 * Reads the zip's central directory (a few KB at the end of the file) for the sizes of the sheets and shared
 * strings, so an oversized workbook is refused without inflating any of it. A workbook of XML sheets is
 * streamed, so only its shared strings (held whole) are limited; SheetJS reads the rest whole, so there the
 * sheet and the strings together are.
 */
function checkXlsx(file: string, name: string, size: number): { zip: ZipDirectory; streamed: boolean } {
  const zip = readZipDirectory(file, name, size);
  if (zip.oversized) throw fileErrors.tooLarge(name, `${megabytes(size)} MB`, `${megabytes(XLSX_MAX_XML_BYTES)} MB of sheet data`);
  let largestSheet = 0;
  let sharedStrings = 0;
  let xmlWorkbook = false;
  let binaryWorkbook = false;
  let otherPackage = false;
  for (const { name: entry, size: bytes } of zip.entries) {
    if (/^xl\/workbook\.xml$/i.test(entry)) xmlWorkbook = true;
    if (/^xl\/workbook\.bin$/i.test(entry)) binaryWorkbook = true;
    if (/^(META-INF\/manifest\.xml|objectdata\.xml|Index\/Document\.iwa)$/i.test(entry)) otherPackage = true;
    if (/^xl\/worksheets\/[^/]+\.(xml|bin)$/i.test(entry)) largestSheet = Math.max(largestSheet, bytes);
    if (/^xl\/sharedStrings\.(xml|bin)$/i.test(entry)) sharedStrings = bytes;
  }
  if (!xmlWorkbook && !binaryWorkbook) throw fileErrors.notSpreadsheet(name);
  const streamed = xmlWorkbook && !otherPackage;
  const overLimit = (bytes: number, limit: number, what: string) =>
    fileErrors.tooLarge(name, Number.isFinite(bytes) ? `${megabytes(bytes)} MB of ${what}` : `over 4 GB of ${what}`, `${megabytes(limit)} MB`);
  if (streamed) {
    if (!Number.isFinite(largestSheet)) throw overLimit(largestSheet, 4096 * 1024 * 1024, 'sheet data');
    if (sharedStrings > XLSX_MAX_SHARED_STRINGS_BYTES) throw overLimit(sharedStrings, XLSX_MAX_SHARED_STRINGS_BYTES, 'shared strings');
  } else if (largestSheet + sharedStrings > XLSX_MAX_XML_BYTES) {
    throw overLimit(largestSheet + sharedStrings, XLSX_MAX_XML_BYTES, 'sheet data');
  }
  return { zip, streamed };
}
