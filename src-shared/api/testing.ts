import { z } from 'zod';
import { mutation } from './define';

/**
 * Procedures for the e2e suite. They answer only in a web mode started by the e2e server with a test clock;
 * everywhere else (the desktop app, `npm run web`, the CLI) they refuse with `not_available`.
 */
export const testingProcedures = {
  /** Moves the app's clock forward to `at` (ms since epoch); it never goes back. */
  'test.clock.set': mutation(z.object({ at: z.number().int().min(0).max(8_640_000_000_000_000) }).strict()).returns<{ now: number }>(),
};
