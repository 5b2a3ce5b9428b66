import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../src-main/bootstrap';
import { consoleLogger } from '../src-main/platform/logger';
import { AdjustableClock } from '../src-main/platform/test-clock';
import { startWebServer } from '../src-main/web/server';
import { ensureRenderer } from './ensure-renderer';

/**
 * What Playwright starts before the e2e suite: web mode on a fresh, empty data dir with a fixed port and token,
 * removed again on exit. The UI is rebuilt only when its sources changed, then served from a private copy, so a
 * build started elsewhere while the suite runs (it empties dist/renderer first) cannot pull the page away.
 */
const PORT = Number(process.env.WA_DESK_E2E_PORT ?? 4799);
const TOKEN = 'e2e-token';
const ATTEMPTS = 5;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-desk-e2e-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/** A copy of the built UI in which index.html and every asset it names are present. */
async function snapshotRenderer(target: string): Promise<string> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if ((await ensureRenderer()) === 'no_source') throw new Error('the renderer sources are missing');
    const built = path.resolve('dist', 'renderer');
    fs.rmSync(target, { recursive: true, force: true });
    try {
      fs.cpSync(built, target, { recursive: true });
      const html = fs.readFileSync(path.join(target, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
      if (assets.every((a) => fs.existsSync(path.join(target, a)))) return target;
    } catch {
      // Caught mid-build by another process; wait for it and copy again.
    }
    await new Promise((r) => setTimeout(r, 2_000 * attempt));
  }
  throw new Error(`dist/renderer kept changing; no complete copy after ${ATTEMPTS} attempts`);
}

const rendererDir = await snapshotRenderer(path.join(scratch, 'renderer'));
const log = consoleLogger('e2e');
// The only place a clock the tests can move (`test.clock.set`) is built; the app's entry points never make one.
const core = await startCore({ dataDir: path.join(scratch, 'data'), log, clock: new AdjustableClock() });
const server = await startWebServer({ core, port: PORT, token: TOKEN, rendererDir, log });
process.stdout.write(`WA Desk web mode: ${server.startUrl}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void server
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  });
}
