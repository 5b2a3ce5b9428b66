import { isApiErrorBody, type ApiErrorBody } from '../../src-shared/errors';

/** What every failed call throws: the server's error body, with its text in both UI languages. */
export class ApiError extends Error {
  readonly body: ApiErrorBody;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
  }

  get code(): string {
    return this.body.code;
  }

  /** The input field the error is about (`phone`, `name`), when the server named one. */
  get field(): string | undefined {
    return this.body.field;
  }

  /** The message in the given UI language; Turkish falls back to English if a server sent none. */
  text(language: string): string {
    return language.startsWith('tr') && this.body.messageTr ? this.body.messageTr : this.body.message;
  }
}

export const NETWORK_ERROR: ApiErrorBody = {
  code: 'network',
  message: 'WA Desk cannot be reached. Check that it is still running, then try again.',
  messageTr: 'WA Desk\'e ulaşılamıyor. Hâlâ çalıştığını kontrol edip tekrar deneyin.',
};

export const BAD_RESPONSE_ERROR: ApiErrorBody = {
  code: 'bad_response',
  message: 'WA Desk sent an answer this page does not understand. Reload the page and try again.',
  messageTr: 'WA Desk bu sayfanın anlamadığı bir yanıt gönderdi. Sayfayı yenileyip tekrar deneyin.',
};

/** Anything a call can throw, as an ApiError: server errors keep their body, the rest become readable text. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isApiErrorBody(err)) return new ApiError({ ...err, messageTr: err.messageTr ?? err.message });
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError({
    code: 'unexpected',
    message: `Something went wrong in this window: ${detail}`,
    messageTr: `Bu pencerede bir sorun oluştu: ${detail}`,
  });
}

/** Server errors keyed by the field they name; errors without a field go under `''` (shown above the form). */
export function fieldErrors(err: ApiError | null, fields: readonly string[]): Record<string, ApiError> {
  if (!err) return {};
  const field = err.field?.split('.')[0];
  return { [field && fields.includes(field) ? field : '']: err };
}
