import type { Logger } from './logger';

/**
 * whatsapp-web.js and puppeteer reject promises nobody awaits when Chromium dies or a page navigates away
 * mid-call. Node's default would end the process, stopping every channel and a bulk send halfway; the
 * send state lives in SQLite and the gateway manager reconnects, so the process logs the stray rejection
 * and carries on.
 */
export function keepRunningOnStrayRejections(log: Logger, target: NodeJS.Process = process): void {
  target.on('unhandledRejection', (reason: unknown) => {
    log.error('unhandled promise rejection', {
      error: reason instanceof Error ? reason.message : String(reason),
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });
}
