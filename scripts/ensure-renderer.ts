import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type RendererStatus = 'fresh' | 'built' | 'no_source';

/** Newest modification time under the given files and folders (0 when none exist). */
export function newestMtime(entries: string[]): number {
  let newest = 0;
  for (const entry of entries) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const child of fs.readdirSync(entry, { recursive: true, withFileTypes: true })) {
      if (!child.isFile()) continue;
      newest = Math.max(newest, fs.statSync(path.join(child.parentPath, child.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds the renderer into dist/renderer when it is missing or older than its sources (the renderer, the shared
 * contract it imports, the vite config). Messages go to stderr so web mode's stdout stays one line.
 */
export async function ensureRenderer(root = ROOT): Promise<RendererStatus> {
  const configFile = path.join(root, 'vite.config.ts');
  const builtIndex = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(configFile) || !fs.existsSync(path.join(root, 'src-renderer'))) {
    process.stderr.write('The renderer sources (vite.config.ts, src-renderer/) are not there; the UI will not be available.\n');
    return 'no_source';
  }
  const inputs = ['src-renderer', 'src-shared', 'vite.config.ts', 'index.html'].map((p) => path.join(root, p));
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  if (builtAt > 0 && builtAt >= newestMtime(inputs)) return 'fresh';
  process.stderr.write(builtAt > 0 ? 'The UI sources changed; rebuilding the UI...\n' : 'Building the UI (first run)...\n');
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
  return 'built';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureRenderer().catch((err: unknown) => {
    process.stderr.write(`Building the UI failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
