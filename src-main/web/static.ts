import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  | { kind: 'file'; file: string; contentType: string; /** Vite's hashed bundles never change under one name. */ immutable: boolean }
  | { kind: 'not_built' }
  | { kind: 'not_found' };

/**
 * Maps a URL path to a file of the built renderer. Paths that look like files must exist; anything else is a
 * client-side route and gets index.html. Nothing outside `rendererDir` is reachable, whatever the path says.
 */
export function resolveStatic(rendererDir: string, urlPath: string): StaticTarget {
  const root = path.resolve(rendererDir);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) return { kind: 'not_built' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'not_found' };
  }
  if (decoded.includes('\0')) return { kind: 'not_found' };
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return { kind: 'not_found' };
  if (candidate !== root && isFile(candidate)) {
    const rel = path.relative(root, candidate);
    return { kind: 'file', file: candidate, contentType: contentTypeOf(candidate), immutable: rel.startsWith(`assets${path.sep}`) };
  }
  if (path.posix.extname(decoded) !== '') return { kind: 'not_found' };
  return { kind: 'file', file: index, contentType: CONTENT_TYPES['.html']!, immutable: false };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
