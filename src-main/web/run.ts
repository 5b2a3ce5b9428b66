import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startCore } from '../bootstrap';
import { consoleLogger } from '../platform/logger';
import { keepRunningOnStrayRejections } from '../platform/process-guards';
import { defaultDataDir } from '../platform/paths';
import { startWebServer } from './server';

export const DEFAULT_PORT = 4777;

export interface WebModeArgs {
  dataDir: string;
  port: number;
  token: string;
}

/** `--data-dir DIR --port N --token T`; the token may also come from WA_DESK_TOKEN, else a fresh one per run. */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebModeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}".`);
  }
  const token = values.token ?? env.WA_DESK_TOKEN ?? randomBytes(32).toString('hex');
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new Error('The token must be non-empty printable ASCII without spaces (it travels in a URL and a header).');
  }
  return { dataDir: values['data-dir'] ?? defaultDataDir(), port, token };
}

/**
 * Runs web mode until SIGINT/SIGTERM: opens the core (reconnecting the channels that were connected), serves it,
 * and prints the start URL as the only line on stdout so scripts can read it.
 */
export async function runWebMode(argv: string[]): Promise<void> {
  const args = parseWebArgs(argv);
  const log = consoleLogger('web');
  keepRunningOnStrayRejections(log);
  const core = await startCore({ dataDir: args.dataDir, resume: true, log });
  let server;
  try {
    server = await startWebServer({ core, port: args.port, token: args.token, log });
  } catch (err) {
    await core.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${args.port} is already in use. Pass --port N for another one, or --port 0 for any free port.`);
    }
    throw err;
  }
  process.stdout.write(`WA Desk web mode: ${server.startUrl}\n`);
  log.info('web mode ready', { dataDir: core.paths.dataDir, port: server.port });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('shutting down', { signal });
    server
      .close()
      .then(() => core.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error('shutdown failed', { error: err instanceof Error ? err.stack : String(err) });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
