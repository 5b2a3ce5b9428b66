import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateBrowserPaths, locateBrowser, normalizeBrowserPath } from '../../../src-main/whatsapp/browser-locator';

const only = (...present: string[]) => (p: string) => present.includes(p);

describe('browser locator', () => {
  it('finds Chrome, Edge or Chromium in the standard Windows locations, Chrome first', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ayse\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const userChrome = 'C:\\Users\\ayse\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(locateBrowser(null, { platform: 'win32', env, exists: only(edge) })).toBe(edge);
    expect(locateBrowser(null, { platform: 'win32', env, exists: only(edge, userChrome) })).toBe(userChrome);
    expect(candidateBrowserPaths('win32', env)).toContain('C:\\Users\\ayse\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });

  it('falls back to the default Program Files folders when the variables are missing', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(locateBrowser(null, { platform: 'win32', env: {}, exists: only(chrome) })).toBe(chrome);
    expect(new Set(candidateBrowserPaths('win32', {})).size).toBe(candidateBrowserPaths('win32', {}).length);
  });

  it('finds the executable inside the app bundles on macOS, system-wide or per user', () => {
    const edge = '/Users/ayse/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(locateBrowser(null, { platform: 'darwin', env: { HOME: '/Users/ayse' }, exists: only(edge) })).toBe(edge);
    expect(locateBrowser(null, { platform: 'darwin', env: { HOME: '/Users/ayse' }, exists: only(edge, chrome) })).toBe(chrome);
    expect(candidateBrowserPaths('darwin', {})).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('finds the Linux packages, Chrome before Chromium, snap included', () => {
    expect(locateBrowser(null, { platform: 'linux', exists: only('/usr/bin/chromium', '/usr/bin/google-chrome-stable') })).toBe(
      '/usr/bin/google-chrome-stable',
    );
    expect(locateBrowser(null, { platform: 'linux', exists: only('/snap/bin/chromium') })).toBe('/snap/bin/chromium');
    expect(locateBrowser(null, { platform: 'linux', exists: only() })).toBeNull();
  });

  it('uses the override from Settings when it exists, and reports a wrong one as missing instead of guessing', () => {
    const exists = only('/opt/my/chrome', '/usr/bin/chromium');
    expect(locateBrowser('/opt/my/chrome', { platform: 'linux', exists })).toBe('/opt/my/chrome');
    expect(locateBrowser('/opt/gone/chrome', { platform: 'linux', exists })).toBeNull();
    expect(locateBrowser('   ', { platform: 'linux', exists })).toBe('/usr/bin/chromium');
  });

  it('accepts a pasted path with quotes and spaces, and a macOS .app bundle', () => {
    const win = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(normalizeBrowserPath(`  "${win}" `, 'win32')).toBe(win);
    expect(locateBrowser(`"${win}"`, { platform: 'win32', exists: only(win) })).toBe(win);
    expect(normalizeBrowserPath('/Applications/Google Chrome.app/', 'darwin')).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(normalizeBrowserPath('/Applications/Google Chrome.app', 'linux')).toBe('/Applications/Google Chrome.app');
  });

  it('by default only accepts files, not folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locator-'));
    const file = path.join(dir, 'chrome');
    fs.writeFileSync(file, '');
    try {
      expect(locateBrowser(dir)).toBeNull();
      expect(locateBrowser(file)).toBe(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
