import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWebMode } from '../src-main/web/run';
import { ensureRenderer } from './ensure-renderer';

/**
 * What Playwright starts before the e2e suite: web mode on a fresh, empty data dir (removed again on exit),
 * with a fixed port and token so the tests know where to go. The UI is rebuilt only when its sources changed.
 */
export const E2E_PORT = Number(process.env.WA_DESK_E2E_PORT ?? 4799);
export const E2E_TOKEN = 'e2e-token';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-desk-e2e-'));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));

const status = await ensureRenderer();
if (status === 'no_source') {
  process.stderr.write('The renderer sources are missing; the e2e suite needs the UI.\n');
  process.exit(1);
}
await runWebMode(['--data-dir', dataDir, '--port', String(E2E_PORT), '--token', E2E_TOKEN]);
