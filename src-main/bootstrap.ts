import type { ApiResult } from '../src-shared/errors';
import { LOCAL_OPERATOR, type Actor, type Ctx } from './api/context';
import { handlers } from './api/handlers';
import { createRouter, type Router } from './api/router';
import { createServices, type ServiceDeps } from './services';
import { systemClock } from './platform/clock';
import { consoleLogger } from './platform/logger';
import { resolvePaths } from './platform/paths';

export type AppCore = ReturnType<typeof createServices> & {
  router: Router;
  /** Calls a procedure as `actor` (the local operator by default), exactly as a transport would. */
  call(name: string, input: unknown, actor?: Actor): Promise<ApiResult<unknown>>;
};

export interface StartOptions extends Partial<Omit<ServiceDeps, 'paths'>> {
  dataDir: string;
  /** Where `migrations/` and `dist/renderer` live (the project root, or the packaged app's resources). */
  resourcesRoot?: string;
  /**
   * Reconnect the channels that were connected when the app last closed. Bulk messages are sent by every core but
   * one started with `resume: false` (a one-off CLI call), which must not send behind the running app's back.
   */
  resume?: boolean;
}

/** Builds the whole main-process core (database, services, router) for any transport: Electron, web or CLI. */
export async function startCore(opts: StartOptions): Promise<AppCore> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger();
  const paths = resolvePaths(opts.dataDir, opts.resourcesRoot);
  const services = createServices({ paths, clock, log, events: opts.events, gatewayFactory: opts.gatewayFactory });
  const router = createRouter(handlers);
  const core: AppCore = Object.assign(services, {
    router,
    call(name: string, input: unknown, actor: Actor = LOCAL_OPERATOR) {
      const ctx: Ctx = { actor, services, clock, events: services.events, log };
      return router.call(name, input, ctx);
    },
  });
  if (opts.resume !== false) services.campaigns.startSending();
  if (opts.resume) await services.channels.resume();
  return core;
}
