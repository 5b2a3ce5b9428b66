import path from 'node:path';
import type { ExportFormat } from '../../src-shared/api/contacts';

/** The file an export writes when no path is given: `<data dir>/exports/contacts-<channel>-<time>.<ext>`. */
export function defaultExportPath(dataDir: string, channelId: number, format: ExportFormat, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(dataDir, 'exports', `contacts-${channelId}-${stamp}.${format}`);
}
