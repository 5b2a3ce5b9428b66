import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CAMPAIGN_IMAGE_MAX_BYTES } from '../../src-shared/api/campaigns';
import { sanitizeFileName } from '../files/uploads';
import { imageError } from './texts';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

const EXT: Record<ImageMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type from the file's first bytes; the name's extension proves nothing. */
export function sniffImage(head: Uint8Array): ImageMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.slice(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface StoredImage {
  path: string;
  fileName: string;
  mime: ImageMime;
  size: number;
}

/** Checks an image a part names: a file, not empty, at most 5 MB, and JPEG, PNG or WebP by its bytes. */
export function inspectImage(file: string, index: number): StoredImage {
  const maxMb = CAMPAIGN_IMAGE_MAX_BYTES / (1024 * 1024);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw imageError(index, 'missing', maxMb);
  }
  if (!stat.isFile()) throw imageError(index, 'missing', maxMb);
  if (stat.size === 0) throw imageError(index, 'empty', maxMb);
  if (stat.size > CAMPAIGN_IMAGE_MAX_BYTES) throw imageError(index, 'size', maxMb);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const mime = sniffImage(head);
  if (!mime) throw imageError(index, 'type', maxMb);
  // Uploads are saved as `<uuid>-<original name>`; the original name is what the user recognises.
  const name = path.basename(file).replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '');
  return { path: file, fileName: sanitizeFileName(name), mime, size: stat.size };
}

/**
 * Keeps a copy of a part's image in `<files>/campaigns/`, so the campaign still has it when the upload is cleaned up
 * or the original moves. A file already kept there (a duplicated or edited campaign) is used as it is.
 */
export function keepImage(filesDir: string, file: string, index: number): StoredImage {
  const image = inspectImage(file, index);
  const dir = path.join(filesDir, 'campaigns');
  if (path.dirname(path.resolve(file)) === path.resolve(dir)) return image;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, `${randomUUID()}.${EXT[image.mime]}`);
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(target, 0o600);
  return { ...image, path: target };
}
