import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { AppPaths } from '../platform/paths';
import { sanitizeFileName } from './uploads';

export interface DownloadableFile {
  path: string;
  size: number;
  /** The name to suggest when saving: the one asked for, else the file's own. */
  name: string;
}

const forbidden = () =>
  new AppError('forbidden', {
    en: 'Only files the app made in its data folder (reports, exports, uploads) can be downloaded.',
    tr: 'Yalnızca uygulamanın veri klasöründe oluşturduğu dosyalar (raporlar, dışa aktarımlar, yüklemeler) indirilebilir.',
  });

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

/**
 * Checks that a path handed back by the UI (a report, an export) is a file inside the data dir, after resolving
 * symlinks. The WhatsApp session folders are excluded: they hold the login that would let anyone clone the channel.
 */
export function resolveDownload(paths: AppPaths, requested: unknown, suggestedName?: unknown): DownloadableFile {
  if (typeof requested !== 'string' || requested === '' || !path.isAbsolute(requested)) throw forbidden();
  const root = fs.realpathSync(paths.dataDir);
  const sessions = path.join(root, path.relative(paths.dataDir, paths.sessionsDir));
  const lexical = path.resolve(requested);
  if (!isInside(paths.dataDir, lexical) && !isInside(root, lexical)) throw forbidden();
  let real: string;
  try {
    real = fs.realpathSync(lexical);
  } catch {
    throw new AppError('not_found', { en: 'The file no longer exists.', tr: 'Dosya artık mevcut değil.' });
  }
  if (!isInside(root, real) || isInside(sessions, real) || real === sessions) throw forbidden();
  const stat = fs.statSync(real);
  if (!stat.isFile()) throw forbidden();
  const name = sanitizeFileName(typeof suggestedName === 'string' && suggestedName.trim() ? suggestedName : path.basename(real));
  return { path: real, size: stat.size, name };
}
