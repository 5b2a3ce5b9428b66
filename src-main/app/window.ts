import fs from 'node:fs';
import { BrowserWindow, protocol, type Session, type WebContents } from 'electron';
import { resolveStatic } from '../web/static';
import { APP_HOST, APP_SCHEME, APP_START_URL, DESKTOP_CSP, secureWindowOptions } from './window-options';

/** Must run before the app is ready: a standard, secure scheme gets an origin, `fetch` and CSP 'self'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at `app://wa-desk/...` with the same file rules (and SPA fallback) as web mode. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const target = url.host === APP_HOST ? resolveStatic(rendererDir, url.pathname) : { kind: 'not_found' as const };
    const headers = { 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff' };
    if (target.kind === 'file') {
      const body = await fs.promises.readFile(target.file);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': target.contentType } });
    }
    const text =
      target.kind === 'not_built'
        ? 'The user interface is not built. Run "npm run build" (npm start does it for you).'
        : 'Not found.';
    return new Response(text, { status: target.kind === 'not_built' ? 503 : 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  });
}

/** Permissions (camera, notifications, geolocation, ...) are never granted; the CSP also covers any http content. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } });
  });
}

/** Applied to every web contents the app ever creates: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The one window factory. Its web contents are hardened by the app-wide `web-contents-created` hook in main.ts. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
