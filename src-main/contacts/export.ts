import fs from 'node:fs';
import type Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import type { AttributeDef, ContactSort, ExportFormat } from '../../src-shared/api/contacts';
import { AppError } from '../../src-shared/errors';
import { csvLine, neutraliseCell, UTF8_BOM } from '../export/cells';
import { MemberQueries } from '../groups/queries';
import { ContactQueries } from './queries';
import { parseAttributes, type RawContactRow } from './rows';

export interface ExportSpec {
  channelId: number;
  /** Export this customer group's members (newest first, or the search within the group) instead. */
  groupId?: number;
  query?: string;
  sort: ContactSort;
  format: ExportFormat;
  /** Absolute path of the file to write; written under a temporary name first, so no half file is ever left. */
  path: string;
  defs: AttributeDef[];
  language: 'en' | 'tr';
}

/** SheetJS holds the whole workbook in memory; larger lists go to CSV, which streams. */
export const XLSX_EXPORT_MAX_ROWS = 250_000;
const PAGE = 1000;

const HEADERS = {
  en: ['Name', 'WhatsApp name', 'Phone', 'Email', 'Source', 'Created (UTC)', 'Last message (UTC)', 'Opted out', 'Opt-out reason'],
  tr: ['Ad', 'WhatsApp adı', 'Telefon', 'E-posta', 'Kaynak', 'Oluşturma (UTC)', 'Son mesaj (UTC)', 'Mesaj istemiyor', 'Neden'],
};
const YES = { en: 'yes', tr: 'evet' };

const utc = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

/** Writes the channel's list (or a search's result) in list order; returns the path and how many contacts. */
export async function runExport(
  sqlite: Database.Database,
  spec: ExportSpec,
  ctl: { cancelled(): boolean },
): Promise<{ path: string; rows: number } | null> {
  const types = new Map(spec.defs.map((d) => [d.key, d.type]));
  const queries = new ContactQueries(sqlite, () => types);
  const members = new MemberQueries(sqlite, () => types);
  const header = [...HEADERS[spec.language].slice(0, 4), ...spec.defs.map((d) => d.label), ...HEADERS[spec.language].slice(4)];
  const toCells = (c: RawContactRow): (string | number)[] => {
    const attrs = parseAttributes(c.attributes);
    return [
      c.name ?? '',
      c.pushName ?? '',
      c.phone,
      c.email ?? '',
      ...spec.defs.map((d) => attrs[d.key] ?? ''),
      c.source,
      utc(c.createdAt),
      utc(c.lastMessageAt),
      c.optedOut === 1 ? YES[spec.language] : '',
      c.optOutReason ?? '',
    ];
  };
  const tmp = `${spec.path}.part-${process.pid}-${Date.now().toString(36)}`;
  let rows = 0;
  const aoa: (string | number)[][] = [header];
  let fd = spec.format === 'csv' ? fs.openSync(tmp, 'w', 0o600) : null;
  try {
    if (fd !== null) fs.writeSync(fd, UTF8_BOM + csvLine(header));
    let cursor: string | undefined;
    do {
      if (ctl.cancelled()) return null;
      const page = spec.groupId !== undefined
        ? members.page({ groupId: spec.groupId, channelId: spec.channelId, query: spec.query, limit: PAGE, cursor })
        : spec.query
        ? queries.search({ channelId: spec.channelId, query: spec.query, limit: PAGE, cursor })
        : queries.list({ channelId: spec.channelId, sort: spec.sort, limit: PAGE, cursor });
      rows += page.rows.length;
      if (fd !== null) {
        fs.writeSync(fd, page.rows.map((c) => csvLine(toCells(c))).join(''));
      } else {
        if (rows > XLSX_EXPORT_MAX_ROWS) throw tooManyForXlsx();
        for (const c of page.rows) aoa.push(toCells(c).map((v) => (typeof v === 'number' ? v : neutraliseCell(v))));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (fd === null) {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), spec.language === 'tr' ? 'Kişiler' : 'Contacts');
      fs.writeFileSync(tmp, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }), { mode: 0o600 });
    } else {
      fs.closeSync(fd);
      fd = null;
    }
    fs.renameSync(tmp, spec.path);
    return { path: spec.path, rows };
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
  }
}

function tooManyForXlsx(): AppError {
  return new AppError(
    'export_too_large',
    {
      en: `More than ${XLSX_EXPORT_MAX_ROWS.toLocaleString('en')} contacts: export them as CSV (Excel opens it too).`,
      tr: `${XLSX_EXPORT_MAX_ROWS.toLocaleString('tr')} kişiden fazla: CSV olarak dışa aktarın (Excel onu da açar).`,
    },
    { field: 'format' },
  );
}
