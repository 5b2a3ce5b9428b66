import type { Encoding, ImportPreview, Separator } from '../../src-shared/api/imports';
import { excelSerialToIso } from '../contacts/values';

export interface FileRecord {
  /** The row number a spreadsheet shows (1-based, counting blank lines). */
  row: number;
  cells: string[];
}

/** What the file was read as: the same fields the preview reports. */
export interface RecordSource extends Pick<ImportPreview, 'detectedSeparator' | 'separator' | 'detectedEncoding' | 'encoding' | 'sheets' | 'sheet'> {
  /** How far through the file the reader is, 0..1. */
  fraction(): number;
  /** Non-blank records in file order, in batches. */
  batches(): AsyncGenerator<FileRecord[]>;
}

export interface SourceOptions {
  separator?: Separator;
  encoding?: Encoding;
  sheet?: string;
}

/** Rows per batch, and so per write transaction: a few thousand keeps each commit to tens of milliseconds. */
export const BATCH_RECORDS = 4000;

export const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * A spreadsheet number as the text the import reads. With a date format it becomes `yyyy-mm-dd`. Whole numbers
 * are written out in full (`905321234567`), except 12+ digit ones with six or fewer significant digits: those are
 * what Excel keeps after showing a number as `9.05321E+11`, so they are passed on in that form to be flagged.
 */
export function numberText(v: number, dateFormat: boolean): string {
  if (!Number.isFinite(v)) return '';
  if (dateFormat) return excelSerialToIso(v) ?? String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e21 && Math.abs(v) >= 1e11 && Number(v.toPrecision(6)) === v) {
    return v.toExponential(5).toUpperCase();
  }
  return String(v);
}
