import fs from 'node:fs';
import path from 'node:path';

/** Where Chrome, Edge and Chromium install themselves on each platform, most likely first. */
export function candidateBrowserPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    // Per-machine installs live under Program Files (x86 for older Chrome and for Edge), per-user ones under
    // LOCALAPPDATA; the literal defaults cover an environment that lacks the variables.
    const roots = unique(
      [env['PROGRAMFILES'] ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env['LOCALAPPDATA']].filter(
        (r): r is string => !!r,
      ),
    );
    const rel = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
    ];
    return rel.flatMap((parts) => roots.map((root) => path.win32.join(root, ...parts)));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app', 'Microsoft Edge.app', 'Chromium.app'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((app) => roots.map((root) => macExecutable(path.posix.join(root, app))));
  }
  return [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
  ];
}

/**
 * A browser path as a user types or pastes it: trimmed, without the quotes Windows' "Copy as path" adds, and on
 * macOS an `.app` bundle (what Finder shows) turned into the executable inside it.
 */
export function normalizeBrowserPath(raw: string, platform: NodeJS.Platform = process.platform): string {
  const trimmed = raw.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  if (platform === 'darwin' && /\.app\/?$/i.test(trimmed)) return macExecutable(trimmed.replace(/\/$/, ''));
  return trimmed;
}

/** The browser to drive: the user's override when it exists, else the first installed one, else null. */
export function locateBrowser(
  override: string | null,
  opts: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; exists?: (p: string) => boolean } = {},
): string | null {
  const exists = opts.exists ?? isFile;
  const wanted = override ? normalizeBrowserPath(override, opts.platform) : '';
  // An override that points nowhere is reported as missing rather than silently swapped for another browser,
  // so the user sees that the setting is wrong.
  if (wanted) return exists(wanted) ? wanted : null;
  return candidateBrowserPaths(opts.platform, opts.env).find(exists) ?? null;
}

/** Directories (an `.app` bundle, a folder picked by mistake) exist but cannot be launched. */
function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function macExecutable(bundle: string): string {
  return path.posix.join(bundle, 'Contents', 'MacOS', path.posix.basename(bundle).replace(/\.app$/i, ''));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
