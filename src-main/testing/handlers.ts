import type { testingProcedures } from '../../src-shared/api/testing';
import { AppError } from '../../src-shared/errors';
import type { HandlerMap } from '../api/handler';
import { AdjustableClock } from '../platform/test-clock';

export const testingHandlers: HandlerMap<keyof typeof testingProcedures> = {
  'test.clock.set': (ctx, { at }) => {
    if (!(ctx.clock instanceof AdjustableClock)) {
      throw new AppError('not_available', {
        en: 'Moving the clock is only possible in the test server.',
        tr: 'Saati ileri almak yalnızca test sunucusunda mümkündür.',
      });
    }
    return { now: ctx.clock.advanceTo(at) };
  },
};
