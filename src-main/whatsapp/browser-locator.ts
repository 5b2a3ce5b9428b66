import fs from 'node:fs';
import path from 'node:path';

/** Where Chrome, Edge and Chromium install themselves on each platform, most likely first. */
export function candidateBrowserPaths(platform = process.platform, env = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    const rel = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
    ];
    return roots.flatMap((root) => rel.map((parts) => path.win32.join(root, ...parts)));
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
    ];
    return ['/Applications', path.join(env.HOME ?? '', 'Applications')].flatMap((root) => apps.map((a) => path.join(root, a)));
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
  ];
}

/** The browser to drive: the user's override when it exists, else the first installed one, else null. */
export function locateBrowser(
  override: string | null,
  opts: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; exists?: (p: string) => boolean } = {},
): string | null {
  const exists = opts.exists ?? ((p: string) => fs.existsSync(p));
  if (override) return exists(override) ? override : null;
  return candidateBrowserPaths(opts.platform, opts.env).find(exists) ?? null;
}
