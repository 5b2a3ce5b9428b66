import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { Services } from '../services';

/** Who is calling: the person at the desktop (or the CLI's operator), later a signed-in representative. */
export interface Actor {
  kind: 'local_operator' | 'representative';
  id: number | null;
  name: string;
}

export interface Ctx {
  actor: Actor;
  services: Services;
  clock: Clock;
  events: EventBus;
  log: Logger;
}

export const LOCAL_OPERATOR: Actor = { kind: 'local_operator', id: null, name: 'Local operator' };
