/**
 * Errors cross every boundary as data, never as a thrown stack trace. Each carries its text in both UI languages
 * so the CLI, web mode and the desktop window can show it without a second lookup table.
 */
export interface LocalizedText {
  en: string;
  tr: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  messageTr: string;
  /** Which input field the error is about, when there is one (`phone`, `name`, `parts.0.text`). */
  field?: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class AppError extends Error {
  readonly code: string;
  readonly text: LocalizedText;
  readonly field?: string;
  readonly details?: unknown;

  constructor(code: string, text: LocalizedText, opts: { field?: string; details?: unknown } = {}) {
    super(text.en);
    this.name = 'AppError';
    this.code = code;
    this.text = text;
    this.field = opts.field;
    this.details = opts.details;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.text.en, messageTr: this.text.tr };
    if (this.field !== undefined) body.field = this.field;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export const notFound = (what: LocalizedText, field?: string): AppError =>
  new AppError('not_found', { en: `${what.en} was not found.`, tr: `${what.tr} bulunamadı.` }, { field });

export function isApiErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).code === 'string' &&
    typeof (v as ApiErrorBody).message === 'string';
}
