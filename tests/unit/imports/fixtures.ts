import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { tempDir } from '../../helpers/core';

/** Test files written on the fly, each the way a real tool writes it. */
export class Fixtures {
  readonly dir = tempDir('wa-desk-import-');

  file(name: string, content: string | Buffer): string {
    const file = path.join(this.dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  /** Windows-1254 bytes for Turkish text (what Excel's "CSV" writes on a Turkish Windows). */
  cp1254(name: string, text: string): string {
    const map: Record<string, number> = { Ğ: 0xd0, ğ: 0xf0, İ: 0xdd, ı: 0xfd, Ş: 0xde, ş: 0xfe, Ç: 0xc7, ç: 0xe7, Ö: 0xd6, ö: 0xf6, Ü: 0xdc, ü: 0xfc };
    const bytes = [...text].map((ch) => map[ch] ?? (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f));
    return this.file(name, Buffer.from(bytes));
  }

  utf16(name: string, text: string): string {
    return this.file(name, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  }

  /** A workbook written by SheetJS: `xlsx` or Excel 97-2003 (`biff8`). */
  workbook(name: string, sheets: Record<string, unknown[][]>, bookType: 'xlsx' | 'biff8' = 'xlsx'): string {
    const book = XLSX.utils.book_new();
    for (const [sheet, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheet);
    return this.file(name, XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
  }
}
