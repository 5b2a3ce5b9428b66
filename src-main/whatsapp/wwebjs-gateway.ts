import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { Gateway } from './gateway';

export interface WwebjsOptions {
  sessionDir: string;
  clock: Clock;
  log: Logger;
  /** Resolved at each connect, so a browser installed or chosen in settings later is picked up. */
  browserPath: () => string | null;
}

export function createWwebjsGateway(_opts: WwebjsOptions): Gateway {
  throw new Error('wwebjs engine is being built in this session');
}
