import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../platform/csp';

/**
 * The UI is served from a privileged custom scheme instead of file://, so the page has a real origin of its own
 * (CSP 'self' means just the app's files) and absolute asset URLs work whatever base the bundler used.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wa-desk';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** The desktop window talks to the main process over IPC only, so it needs no network origins at all. */
export const DESKTOP_CSP = contentSecurityPolicy();

/** True for pages of the app itself; IPC from any other frame (an injected iframe, a navigation) is refused. */
export function isAppPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Options of the one window the app opens, kept free of any Electron runtime import so a unit test can assert
 * each of them without the Electron binary.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'WA Desk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
