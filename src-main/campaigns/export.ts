import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import type { DeliveryState, PartKind, UnitState } from '../../src-shared/api/campaigns';
import { AppError } from '../../src-shared/errors';
import { csvLine, neutraliseCell, UTF8_BOM } from '../export/cells';
import { CampaignResults } from './results';

type Lang = 'en' | 'tr';

export interface ResultsExportSpec {
  campaignId: number;
  parts: PartKind[];
  format: 'csv' | 'xlsx';
  /** Absolute path; written under a temporary name first, so no half file is ever left. */
  path: string;
  language: Lang;
}

/** SheetJS keeps the whole workbook in memory; bigger campaigns export to CSV, which streams. */
export const RESULTS_XLSX_MAX_ROWS = 250_000;
const PAGE = 500;

const HEAD: Record<Lang, { name: string; phone: string; part: (n: number) => string[] }> = {
  en: { name: 'Name', phone: 'Phone', part: (n) => [`Part ${n}: state`, `Part ${n}: delivery`, `Part ${n}: sent (UTC)`, `Part ${n}: variant`, `Part ${n}: reason`] },
  tr: { name: 'Ad', phone: 'Telefon', part: (n) => [`Parça ${n}: durum`, `Parça ${n}: iletim`, `Parça ${n}: gönderim (UTC)`, `Parça ${n}: varyant`, `Parça ${n}: neden`] },
};

export const UNIT_STATE_LABEL: Record<Lang, Record<UnitState, string>> = {
  en: { pending: 'Pending', sending: 'Sending', sent: 'Sent', failed: 'Failed', invalid_number: 'Not on WhatsApp', skipped: 'Skipped', unknown: 'Unknown' },
  tr: { pending: 'Bekliyor', sending: 'Gönderiliyor', sent: 'Gönderildi', failed: 'Başarısız', invalid_number: "WhatsApp'ta değil", skipped: 'Atlandı', unknown: 'Belirsiz' },
};

const DELIVERY_LABEL: Record<Lang, Record<DeliveryState, string>> = {
  en: { sent: 'Sent', delivered: 'Delivered', read: 'Read', error: 'Error' },
  tr: { sent: 'Gönderildi', delivered: 'İletildi', read: 'Okundu', error: 'Hata' },
};

const utc = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

export const tooLargeForXlsx = () =>
  new AppError('export_too_large', {
    en: `Excel files are limited to ${RESULTS_XLSX_MAX_ROWS.toLocaleString('en')} recipients here; export as CSV instead.`,
    tr: `Excel dosyaları burada ${RESULTS_XLSX_MAX_ROWS.toLocaleString('tr')} alıcıyla sınırlı; bunun yerine CSV olarak dışa aktarın.`,
  }, { field: 'format' });

/** One row per recipient, each part's state, delivery, time, variant and reason; every text cell formula-safe. */
export function writeResults(sqlite: Database.Database, spec: ResultsExportSpec): { path: string; rows: number } {
  fs.mkdirSync(path.dirname(spec.path), { recursive: true, mode: 0o700 });
  const tmp = `${spec.path}.part-${process.pid}-${randomBytes(3).toString('hex')}`;
  const head = HEAD[spec.language];
  const header = [head.name, head.phone, ...spec.parts.flatMap((_, i) => head.part(i + 1))];
  const results = new CampaignResults(sqlite);
  let fd = spec.format === 'csv' ? fs.openSync(tmp, 'w', 0o600) : null;
  const aoa: string[][] = [];
  let rows = 0;
  const emit = (cells: string[]) => {
    if (fd !== null) fs.writeSync(fd, csvLine(cells));
    else aoa.push(cells.map(neutraliseCell));
  };
  try {
    if (fd !== null) fs.writeSync(fd, UTF8_BOM);
    emit(header);
    let cursor: string | undefined;
    do {
      const page = results.page({ campaignId: spec.campaignId, limit: PAGE, cursor });
      for (const r of page.items) {
        rows += 1;
        if (fd === null && rows > RESULTS_XLSX_MAX_ROWS) throw tooLargeForXlsx();
        const byPosition = new Map(r.parts.map((u) => [u.position, u]));
        emit([
          r.name ?? '',
          r.phone,
          ...spec.parts.flatMap((_, i) => {
            const u = byPosition.get(i);
            if (!u) return ['', '', '', '', ''];
            return [
              UNIT_STATE_LABEL[spec.language][u.state],
              u.delivery ? DELIVERY_LABEL[spec.language][u.delivery] : '',
              utc(u.sentAt),
              u.variant === null ? '' : String(u.variant + 1),
              u.failureText?.[spec.language] ?? u.failure ?? '',
            ];
          }),
        ]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    if (fd !== null) {
      fs.closeSync(fd);
      fd = null;
    } else {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), spec.language === 'tr' ? 'Sonuçlar' : 'Results');
      fs.writeFileSync(tmp, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }), { mode: 0o600 });
    }
    fs.renameSync(tmp, spec.path);
    return { path: spec.path, rows };
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** `<data dir>/exports/campaign-<id>-<UTC stamp>-<random>.<ext>`. */
export function resultsExportPath(dataDir: string, campaignId: number, format: 'csv' | 'xlsx', now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return path.join(dataDir, 'exports', `campaign-${campaignId}-${stamp}-${randomBytes(3).toString('hex')}.${format}`);
}
