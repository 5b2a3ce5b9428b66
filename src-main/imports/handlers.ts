import type { importsProcedures } from '../../src-shared/api/imports';
import type { HandlerMap } from '../api/handler';

export const importsHandlers: HandlerMap<keyof typeof importsProcedures> = {
  'imports.preview': (ctx, input) => ctx.services.imports.preview(input),
  'contacts.import': (ctx, input) => ctx.services.imports.import(input),
  'imports.cancel': (ctx, { jobId }) => ctx.services.imports.cancel(jobId),
};
