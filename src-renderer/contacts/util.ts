import type { ApiError } from '../api/client';

/**
 * Server errors on a form, by the field they name: `phone`, `name`, `email`, `attributes.<key>` (kept whole, so an
 * attribute's error lands under its own input). Errors about no known field go under `''`, shown above the form.
 */
export function errorsByField(err: ApiError | null, fields: readonly string[]): Record<string, ApiError> {
  if (!err) return {};
  const field = err.field ?? '';
  if (fields.includes(field)) return { [field]: err };
  const head = field.split('.')[0] ?? '';
  return { [fields.includes(head) ? head : '']: err };
}

/** Formatters are costly to build and the directory formats two dates per row as it scrolls: one per language. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDateTime(ms: number | null, language: string): string {
  if (ms === null) return '';
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(language, format);
  }
  return format.format(ms);
}

export function formatCount(n: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'tr' ? 'tr-TR' : 'en-US');
    numberFormats.set(language, format);
  }
  return format.format(n);
}
