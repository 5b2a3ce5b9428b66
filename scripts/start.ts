import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWebMode } from '../src-main/web/run';
import { buildMain } from './build-main';
import { ensureRenderer } from './ensure-renderer';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** An Electron that dies this soon after launch could not start here (no display, missing libraries). */
const EARLY_EXIT_MS = 10_000;

/**
 * The `electron` npm package exports the path of the binary it downloaded at install time, and throws when that
 * download did not happen (no access to GitHub, or `--ignore-scripts`).
 */
function electronBinary(): { path: string } | { reason: string } {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch (err) {
    return {
      reason: `the Electron binary is not installed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); it is downloaded from GitHub when npm installs the "electron" package, which this machine could not do`,
    };
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) {
    return { reason: `the Electron binary was expected at ${String(binary)} but is not there` };
  }
  return { path: binary };
}

/** Resolves with null when Electron ran (and was closed), or with the reason it could not run here. */
function runElectron(binary: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const startedAt = Date.now();
    const child = spawn(binary, [ROOT, ...args], { stdio: 'inherit', env });
    child.once('error', (err) => resolve(`starting ${binary} failed: ${err.message}`));
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal === null && Date.now() - startedAt < EARLY_EXIT_MS) {
        resolve(`Electron exited right after starting (code ${code}), which usually means there is no display or a system library is missing`);
        return;
      }
      process.exitCode = code ?? 0;
      resolve(null);
    });
  });
}

async function main(args: string[]): Promise<void> {
  const renderer = await ensureRenderer(ROOT);
  const binary = electronBinary();
  let reason: string;
  if ('path' in binary) {
    await buildMain(ROOT);
    const failure = await runElectron(binary.path, args);
    if (failure === null) return;
    reason = failure;
  } else {
    reason = binary.reason;
  }
  process.stderr.write(
    `\nWA Desk cannot open its desktop window here: ${reason}. Starting web mode instead: the same app, served on ` +
      `127.0.0.1 only. Open the URL printed below in a browser (it carries this run's access token).` +
      `${renderer === 'no_source' ? ' The UI sources are missing, so the page will say the UI is not built.' : ''}\n\n`,
  );
  await runWebMode(args);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`WA Desk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
