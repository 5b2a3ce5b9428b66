/**
 * Formula-injection guard shared by every export (contacts, groups, wallet, campaign reports): a spreadsheet runs a
 * cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab or CR the same way), so such cells get a
 * leading `'`. A plain number or phone such as `+905321234567` or `-12.5` cannot run anything and stays as is.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

export function neutraliseCell(value: string): string {
  if (!DANGEROUS_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** One CSV field: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string | number | null | undefined, separator = ','): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseCell(String(value));
  if (text.includes(separator) || /["\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** A CSV line (CRLF-terminated, as spreadsheets write it). */
export function csvLine(values: (string | number | null | undefined)[], separator = ','): string {
  return `${values.map((v) => csvField(v, separator)).join(separator)}\r\n`;
}

/** Excel recognises a UTF-8 CSV (Turkish letters intact) only with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';
