import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../src-shared/errors';
import { fileErrors } from './errors';

/** One file inside a zip, as its central directory describes it. Sizes of a zip64 entry are `Infinity`. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else cannot be read here. */
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** The directory itself is zip64 or implausibly large: nothing in it was listed. */
  oversized: boolean;
}

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const ZIP64 = 0xffffffff;

/**
 * Reads the zip's central directory: a few KB at the end of the file, so a workbook's parts are known (names and
 * sizes) without inflating any of them. A missing end record is a damaged file.
 */
export function readZipDirectory(file: string, name: string, size: number): ZipDirectory {
  const tailLen = Math.min(size, 65_536 + 22);
  const tail = Buffer.alloc(tailLen);
  const fd = openForReading(file, name);
  try {
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(EOCD);
    if (eocd < 0 || eocd + 22 > tail.length) throw fileErrors.brokenSpreadsheet(name);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === ZIP64 || cdSize > MAX_DIRECTORY_BYTES || cdOffset + cdSize > size) return { entries: [], oversized: true };
    const cd = Buffer.alloc(cdSize);
    fs.readSync(fd, cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL; ) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const field = (at: number) => {
        const n = cd.readUInt32LE(p + at);
        return n === ZIP64 ? Number.POSITIVE_INFINITY : n;
      };
      entries.push({
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        compressedSize: field(20),
        size: field(24),
        localOffset: field(42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return { entries, oversized: false };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The entry named `part`, the way SheetJS looks parts up (Open Packaging names are case-insensitive, and some
 * writers use backslashes), so both readers open the same file.
 */
export function findEntry(entries: ZipEntry[], part: string): ZipEntry | undefined {
  const back = part.toLowerCase().replace(/\//g, '\\');
  const slash = back.replace(/\\/g, '/');
  return entries.find((e) => {
    const n = e.name.toLowerCase();
    return n === back || n === slash;
  });
}

/** Where the entry's data begins: its local header repeats the name and may carry a different extra field. */
function dataStart(file: string, name: string, entry: ZipEntry): number {
  if (!Number.isFinite(entry.size) || !Number.isFinite(entry.compressedSize) || !Number.isFinite(entry.localOffset)) {
    throw fileErrors.tooLarge(name, 'over 4 GB in one part', '4 GB');
  }
  // Encrypted parts (flag bit 0) and methods other than stored and deflate are not something Excel writes.
  if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) throw fileErrors.brokenSpreadsheet(name);
  const header = Buffer.alloc(30);
  const fd = openForReading(file, name);
  try {
    if (fs.readSync(fd, header, 0, 30, entry.localOffset) < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw fileErrors.brokenSpreadsheet(name);
    }
  } finally {
    fs.closeSync(fd);
  }
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** The whole entry, inflated; for the small parts (workbook, relationships, styles). */
export function readEntry(file: string, name: string, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw fileErrors.tooLarge(name, `${megabytes(entry.size)} MB in ${entry.name}`, `${megabytes(maxBytes)} MB`);
  const start = dataStart(file, name, entry);
  const raw = Buffer.alloc(entry.compressedSize);
  const fd = openForReading(file, name);
  try {
    if (fs.readSync(fd, raw, 0, raw.length, start) < raw.length) throw fileErrors.brokenSpreadsheet(name);
  } finally {
    fs.closeSync(fd);
  }
  if (entry.method === 0) return raw;
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
  } catch {
    throw fileErrors.brokenSpreadsheet(name);
  }
  if (out.length !== entry.size) throw fileErrors.brokenSpreadsheet(name);
  return out;
}

/**
 * The decoder for a part's bytes: UTF-8 (its BOM dropped), or UTF-16 when the part starts with that BOM, which
 * SheetJS accepts as well.
 */
export function partDecoder(first: Uint8Array): TextDecoder {
  return first[0] === 0xff && first[1] === 0xfe ? new TextDecoder('utf-16le') : new TextDecoder('utf-8');
}

export function readEntryText(file: string, name: string, entry: ZipEntry, maxBytes: number): string {
  const bytes = readEntry(file, name, entry, maxBytes);
  return partDecoder(bytes).decode(bytes);
}

/**
 * The entry's inflated bytes as they come off the disk. Damaged deflate data, a part shorter or longer than its
 * directory entry says, or a read error all end in `brokenSpreadsheet`; stopping early (the consumer returns)
 * closes the file.
 */
export async function* entryChunks(file: string, name: string, entry: ZipEntry, chunkBytes: number): AsyncGenerator<Buffer> {
  const start = dataStart(file, name, entry);
  if (entry.compressedSize === 0) {
    if (entry.size !== 0) throw fileErrors.brokenSpreadsheet(name);
    return;
  }
  const src = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: chunkBytes });
  const stream: Readable =
    entry.method === 8 ? pipeline(src, zlib.createInflateRaw({ chunkSize: chunkBytes }), () => {}) : src;
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size) throw fileErrors.brokenSpreadsheet(name);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileErrors.brokenSpreadsheet(name);
  } finally {
    src.destroy();
    stream.destroy();
  }
  if (total !== entry.size) throw fileErrors.brokenSpreadsheet(name);
}

export const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(0);

function openForReading(file: string, name: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw fileErrors.notFound(name);
    throw fileErrors.unreadable(name);
  }
}
