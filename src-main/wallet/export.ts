import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type {
  WalletEntryType,
  WalletExportFormat,
  WalletFilter,
  WalletSort,
  WalletStatementDetail,
} from '../../src-shared/api/wallet';
import { CARD_BRAND_LABEL, type CardBrand } from '../../src-shared/domain/card';
import { CURRENCY_DIGITS, toMajorString, type Currency } from '../../src-shared/domain/money';
import { csvLine, neutraliseCell, UTF8_BOM } from '../export/cells';
import type Database from 'better-sqlite3';
import { exportTooLarge } from './errors';
import { LedgerQueries, toWalletEntry } from './queries';

/** SheetJS holds the whole workbook in memory; larger sets go to CSV, which streams. */
export const WALLET_XLSX_MAX_ROWS = 250_000;

type Lang = 'en' | 'tr';

export interface TransactionsExportSpec {
  filter: WalletFilter;
  sort: WalletSort;
  format: WalletExportFormat;
  /** Absolute path; written under a temporary name first, so no half file is ever left. */
  path: string;
  currency: Currency;
  language: Lang;
}

export const TYPE_LABEL: Record<Lang, Record<WalletEntryType, string>> = {
  en: { top_up: 'Top-up', message_charge: 'Message charge', refund: 'Refund', adjustment: 'Adjustment' },
  tr: { top_up: 'Bakiye yükleme', message_charge: 'Mesaj ücreti', refund: 'İade', adjustment: 'Düzeltme' },
};

const TRANSACTION_HEADERS: Record<Lang, (c: Currency) => string[]> = {
  en: (c) => ['Date', 'Type', 'Channel', 'Number', 'Card', `Previous balance (${c})`, `Current balance (${c})`, `Amount (${c})`, 'Reference', 'Note', 'Key'],
  tr: (c) => ['Tarih', 'İşlem türü', 'Kanal', 'Numara', 'Kart', `Önceki bakiye (${c})`, `Güncel bakiye (${c})`, `Tutar (${c})`, 'Referans', 'Not', 'Anahtar'],
};

const STATEMENT_HEADERS: Record<Lang, (c: Currency) => string[]> = {
  en: (c) => ['Date', 'Card', 'Card holder', 'Expiry', `Amount (${c})`],
  tr: (c) => ['Tarih', 'Kart', 'Kart sahibi', 'Son kullanma', `Tutar (${c})`],
};

const TOTAL = { en: 'Total', tr: 'Toplam' };

/** Local wall-clock time, as the user saw it in the table. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const cardLabel = (brand: string, last4: string) => `${CARD_BRAND_LABEL[brand as CardBrand] ?? brand} •••• ${last4}`;

/** A money cell: exact text in CSV, a number with the currency's decimals in XLSX. */
type Cell = string | { money: number };

class SheetWriter {
  private fd: number | null = null;
  private readonly aoa: unknown[][] = [];
  private readonly tmp: string;
  rows = 0;

  constructor(
    private readonly target: string,
    private readonly format: WalletExportFormat,
    private readonly currency: Currency,
  ) {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    this.tmp = `${target}.part-${process.pid}-${Date.now().toString(36)}`;
    if (format === 'csv') {
      this.fd = fs.openSync(this.tmp, 'w', 0o600);
      fs.writeSync(this.fd, UTF8_BOM);
    }
  }

  header(cells: string[]): void {
    this.write(cells);
  }

  row(cells: Cell[]): void {
    this.rows += 1;
    if (this.format === 'xlsx' && this.rows > WALLET_XLSX_MAX_ROWS) throw exportTooLarge(WALLET_XLSX_MAX_ROWS);
    this.write(cells);
  }

  write(cells: Cell[]): void {
    if (this.fd !== null) {
      fs.writeSync(this.fd, csvLine(cells.map((c) => (typeof c === 'string' ? c : toMajorString(c.money, this.currency)))));
      return;
    }
    const digits = CURRENCY_DIGITS[this.currency];
    const format = digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
    this.aoa.push(
      cells.map((c) => (typeof c === 'string' ? neutraliseCell(c) : { t: 'n', v: c.money / 10 ** digits, z: format })),
    );
  }

  finish(sheetName: string): void {
    try {
      if (this.fd !== null) {
        fs.closeSync(this.fd);
        this.fd = null;
      } else {
        const book = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(this.aoa, { dense: true }), sheetName);
        fs.writeFileSync(this.tmp, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }), { mode: 0o600 });
      }
      fs.renameSync(this.tmp, this.target);
    } finally {
      this.abort();
    }
  }

  abort(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.tmp, { force: true });
  }
}

/** Writes the filtered transactions in table order; runs on a worker thread with its own read-only connection. */
export function writeTransactions(sqlite: Database.Database, spec: TransactionsExportSpec): { path: string; rows: number } {
  const out = new SheetWriter(spec.path, spec.format, spec.currency);
  try {
    const labels = TYPE_LABEL[spec.language];
    out.header(TRANSACTION_HEADERS[spec.language](spec.currency));
    for (const raw of new LedgerQueries(sqlite).iterate(spec.filter, spec.sort)) {
      const e = toWalletEntry(raw);
      out.row([
        localStamp(e.at),
        labels[e.type],
        e.channelName ?? '',
        e.phone ?? '',
        e.card ? cardLabel(e.card.brand, e.card.last4) : '',
        { money: e.balanceBeforeMinor },
        { money: e.balanceAfterMinor },
        { money: e.amountMinor },
        e.reference ?? '',
        e.note ?? '',
        e.idempotencyKey,
      ]);
    }
    out.finish(spec.language === 'tr' ? 'İşlemler' : 'Transactions');
    return { path: spec.path, rows: out.rows };
  } catch (err) {
    out.abort();
    throw err;
  }
}

/** A statement's top-ups and total, the same lines as its printable page. */
export function writeStatement(
  detail: WalletStatementDetail,
  spec: { format: WalletExportFormat; path: string; language: Lang },
): { path: string; rows: number } {
  const out = new SheetWriter(spec.path, spec.format, detail.currency);
  try {
    out.header(STATEMENT_HEADERS[spec.language](detail.currency));
    for (const line of detail.lines) {
      out.row([
        localStamp(line.at),
        line.card ? cardLabel(line.card.brand, line.card.last4) : '',
        line.card?.holder ?? '',
        line.card ? `${String(line.card.expiryMonth).padStart(2, '0')}/${String(line.card.expiryYear % 100).padStart(2, '0')}` : '',
        { money: line.amountMinor },
      ]);
    }
    out.write([TOTAL[spec.language], '', '', '', { money: detail.totalMinor }]);
    out.finish(detail.period);
    return { path: spec.path, rows: out.rows };
  } catch (err) {
    out.abort();
    throw err;
  }
}

/** `<data dir>/exports/wallet-<what>-<local time>.<ext>`. */
export function walletExportPath(dataDir: string, what: string, format: WalletExportFormat, now: number): string {
  const stamp = localStamp(now).replace(/[-:]/g, '').replace(' ', '-');
  return path.join(dataDir, 'exports', `wallet-${what}-${stamp}-${randomBytes(3).toString('hex')}.${format}`);
}
