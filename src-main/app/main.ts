import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, session } from 'electron';
import { startCore, type AppCore } from '../bootstrap';
import { consoleLogger } from '../platform/logger';
import { keepRunningOnStrayRejections } from '../platform/process-guards';
import { registerIpc } from './ipc';
import { createMainWindow, hardenSession, hardenWebContents, registerAppScheme, serveRenderer } from './window';

registerAppScheme();

const { values } = parseArgs({
  args: process.argv.slice(1),
  options: { 'data-dir': { type: 'string' } },
  strict: false,
  allowPositionals: true,
});
const dataDirArg = values['data-dir'];
// The single-instance lock is per userData folder, so a second app on another data dir may run beside this one.
if (typeof dataDirArg === 'string') app.setPath('userData', path.resolve(dataDirArg));

const log = consoleLogger('app');
keepRunningOnStrayRejections(log);
const preloadPath = path.join(app.getAppPath(), 'out', 'main', 'preload.cjs');
let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;
let closing = false;

async function start(): Promise<void> {
  core = await startCore({
    dataDir: app.getPath('userData'),
    resourcesRoot: app.isPackaged ? process.resourcesPath : app.getAppPath(),
    resume: true,
    log,
  });
  hardenSession(session.defaultSession);
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));
  registerIpc(core, log);
  mainWindow = createMainWindow(preloadPath);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadPath);
  });
  // Closing the database and the WhatsApp browsers is async; hold the quit until they are done.
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    event.preventDefault();
    closing = true;
    core
      .close()
      .catch((err: unknown) => log.error('shutdown failed', { error: err instanceof Error ? err.stack : String(err) }))
      .finally(() => app.exit(0));
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log.error('startup failed', { error: err instanceof Error ? err.stack : String(err) });
      dialog.showErrorBox('WA Desk could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
