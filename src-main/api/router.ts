import { ZodError } from 'zod';
import { procedures, isProcedureName, type ProcedureName } from '../../src-shared/api';
import { AppError, type ApiResult } from '../../src-shared/errors';
import type { Ctx } from './context';
import type { HandlerMap } from './handler';

export type Router = {
  call(name: string, rawInput: unknown, ctx: Ctx): Promise<ApiResult<unknown>>;
  names(): ProcedureName[];
};

/**
 * Maps procedure names to handlers. Input is validated against the contract before a handler runs; whatever a
 * handler throws comes back as `{ ok: false, error }`, never as a crash or a stack trace across a transport.
 */
export function createRouter(handlers: HandlerMap<ProcedureName>): Router {
  return {
    names: () => Object.keys(procedures) as ProcedureName[],
    async call(name, rawInput, ctx) {
      if (!isProcedureName(name)) {
        return fail(
          new AppError('unknown_procedure', {
            en: `There is no procedure named "${String(name).slice(0, 80)}".`,
            tr: `"${String(name).slice(0, 80)}" adında bir işlem yok.`,
          }),
        );
      }
      const parsed = procedures[name].input.safeParse(rawInput ?? {});
      if (!parsed.success) return fail(validationError(parsed.error));
      try {
        const handler = handlers[name] as (ctx: Ctx, input: unknown) => unknown;
        const run = () => handler(ctx, parsed.data);
        // A change waits its turn at the write lock without blocking this thread while an import writes.
        return { ok: true, value: await (procedures[name].mutates ? ctx.services.writeTurns.appTurn(run) : run()) };
      } catch (err) {
        if (err instanceof AppError) return fail(err);
        if (err instanceof ZodError) return fail(validationError(err));
        ctx.log.error('procedure failed', { procedure: name, error: err instanceof Error ? err.stack : String(err) });
        return fail(
          new AppError('internal', {
            en: 'Something went wrong on our side. Your data is unchanged; please try again.',
            tr: 'Bizim tarafımızda bir sorun oluştu. Verileriniz değişmedi; lütfen tekrar deneyin.',
          }),
        );
      }
    },
  };
}

function fail(err: AppError): ApiResult<never> {
  return { ok: false, error: err.toBody() };
}

export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const where = field ? ` (${field})` : '';
  return new AppError(
    'invalid_input',
    {
      en: `Invalid input${where}: ${describeIssue(issue, 'en')}`,
      tr: `Geçersiz giriş${where}: ${describeIssue(issue, 'tr')}`,
    },
    { field, details: error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) },
  );
}

function describeIssue(issue: ZodError['issues'][number] | undefined, lang: 'en' | 'tr'): string {
  if (!issue) return lang === 'en' ? 'not accepted.' : 'kabul edilmedi.';
  const en = lang === 'en';
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? en ? 'this field is required.' : 'bu alan zorunlu.'
        : en ? `expected ${issue.expected}, got ${issue.received}.` : `${issue.expected} bekleniyordu, ${issue.received} geldi.`;
    case 'too_small':
      if (issue.type === 'string' && issue.minimum === 1) return en ? 'this field is required.' : 'bu alan zorunlu.';
      return en ? `must be at least ${issue.minimum}.` : `en az ${issue.minimum} olmalı.`;
    case 'too_big':
      return issue.type === 'string'
        ? en ? `at most ${issue.maximum} characters.` : `en fazla ${issue.maximum} karakter.`
        : en ? `must be at most ${issue.maximum}.` : `en fazla ${issue.maximum} olmalı.`;
    case 'unrecognized_keys':
      return en ? `unknown field(s): ${issue.keys.join(', ')}.` : `bilinmeyen alan(lar): ${issue.keys.join(', ')}.`;
    case 'invalid_enum_value':
      return en ? `must be one of ${issue.options.join(', ')}.` : `şunlardan biri olmalı: ${issue.options.join(', ')}.`;
    default:
      return issue.message;
  }
}
