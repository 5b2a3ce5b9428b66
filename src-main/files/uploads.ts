import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../src-shared/errors';

/** Imported spreadsheets can be large, but a file beyond this is a mistake, not a contact list. */
export const UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

export interface UploadedFile {
  /** Absolute path on this machine: what the import procedures take. */
  path: string;
  /** The file name as saved (sanitized), for display. */
  name: string;
  size: number;
}

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

const MAX_NAME_LENGTH = 120;

/**
 * A name that is safe as the last part of a path on every OS: no directories, no control or reserved characters,
 * not hidden, not a Windows device name. Letters of any script are kept, so Turkish names stay readable.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(/[^\p{L}\p{N} ._()+,-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_LENGTH) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name || 'upload';
}

export function tooLarge(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new AppError('too_large', {
    en: `The file is larger than ${mb} MB and was not accepted.`,
    tr: `Dosya ${mb} MB'tan büyük olduğu için kabul edilmedi.`,
  });
}

/**
 * Saves an uploaded file as `<dataDir>/uploads/<uuid>/<name>` (its own folder, so every screen that shows the file's
 * name shows the user's), for both web mode (a request body streamed in) and the desktop window (bytes over IPC).
 * Nothing is left behind when the file is too large or the stream fails.
 */
export async function saveUpload(
  dataDir: string,
  rawName: string,
  body: Readable | Uint8Array,
  maxBytes = UPLOAD_LIMIT_BYTES,
): Promise<UploadedFile> {
  const name = sanitizeFileName(rawName);
  const dir = path.join(uploadsDir(dataDir), randomUUID());
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    const size = body instanceof Uint8Array ? await writeAll(out, body, maxBytes) : await copyLimited(body, out, maxBytes);
    return { path: file, name, size };
  } catch (err) {
    out.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function finish(out: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

async function writeAll(out: fs.WriteStream, bytes: Uint8Array, maxBytes: number): Promise<number> {
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  out.write(bytes);
  await finish(out);
  return bytes.byteLength;
}

/**
 * Copies with a byte limit. On overflow the source is only paused, never destroyed: for an HTTP request that
 * keeps the socket alive long enough to answer 413 instead of resetting the connection.
 */
function copyLimited(source: Readable, out: fs.WriteStream, maxBytes: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let size = 0;
    const stop = (err: unknown) => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', stop);
      out.off('error', stop);
      source.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop(tooLarge(maxBytes));
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    };
    const onEnd = () => {
      out.off('error', stop);
      finish(out).then(() => resolve(size), reject);
    };
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', stop);
    out.once('error', stop);
  });
}
