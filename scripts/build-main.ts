import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Native modules and the WhatsApp stack stay in node_modules: better-sqlite3 is rebuilt for Electron by
 * electron-builder, and whatsapp-web.js/puppeteer load files relative to their own package at run time.
 */
export const EXTERNAL = ['electron', 'better-sqlite3', 'whatsapp-web.js', 'puppeteer', 'puppeteer-core'];

/** Bundles the Electron main process and the preload to `out/main/*.cjs` (package.json "main" points there). */
export async function buildMain(root = ROOT): Promise<void> {
  const common = {
    absWorkingDir: root,
    outdir: 'out/main',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external: EXTERNAL,
    logLevel: 'warning',
  } satisfies BuildOptions;
  await Promise.all([
    build({
      ...common,
      entryPoints: { main: 'src-main/app/main.ts' },
      // CommonJS has no import.meta; modules that locate files relative to themselves get the bundle's own URL.
      define: { 'import.meta.url': '__waDeskImportMetaUrl' },
      banner: { js: "const __waDeskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // The contacts import/export job thread, started from a file beside main.cjs (see src-main/imports/service.ts).
    build({
      ...common,
      entryPoints: { 'imports-worker': 'src-main/imports/worker.ts' },
      define: { 'import.meta.url': '__waDeskImportMetaUrl' },
      banner: { js: "const __waDeskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // The wallet's large-export thread (see src-main/wallet/service.ts).
    build({
      ...common,
      entryPoints: { 'wallet-export-worker': 'src-main/wallet/export-worker.ts' },
      define: { 'import.meta.url': '__waDeskImportMetaUrl' },
      banner: { js: "const __waDeskImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // A sandboxed preload may require only 'electron' and a few polyfilled modules, so it gets no banner.
    build({ ...common, entryPoints: { preload: 'src-main/app/preload.ts' } }),
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildMain().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
