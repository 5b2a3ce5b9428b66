import { describe, expect, it } from 'vitest';
import { APP_START_URL, DESKTOP_CSP, isAppPageUrl, secureWindowOptions } from '../../../src-main/app/window-options';

describe('the desktop window factory options', () => {
  const options = secureWindowOptions('/app/out/main/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates the page from Node and Electron', () => {
    expect(prefs.preload).toBe('/app/out/main/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });

  it('sends a strict CSP: scripts from the app only, no network origins', () => {
    expect(DESKTOP_CSP).toContain("default-src 'self'");
    expect(DESKTOP_CSP).toContain("script-src 'self';");
    expect(DESKTOP_CSP).toContain("connect-src 'self';");
    expect(DESKTOP_CSP).toContain("object-src 'none'");
    expect(DESKTOP_CSP).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('trusts IPC only from the app page itself', () => {
    expect(isAppPageUrl(APP_START_URL)).toBe(true);
    expect(isAppPageUrl('app://wa-desk/channels/3')).toBe(true);
    for (const url of ['https://wa-desk/', 'app://evil/', 'file:///app/dist/renderer/index.html', 'app://user:pw@wa-desk/', 'http://127.0.0.1:4777/', '', 'not a url']) {
      expect(isAppPageUrl(url), url).toBe(false);
    }
  });
});
