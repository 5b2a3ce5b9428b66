import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  dataDir: string;
  dbFile: string;
  /** One folder per channel for the WhatsApp session (LocalAuth) or the simulator's state. */
  sessionsDir: string;
  /** Files the app keeps: imported images for campaigns, import reports, exports. */
  filesDir: string;
  reportsDir: string;
  migrationsDir: string;
  rendererDir: string;
}

const APP_NAME = 'WA Desk';

/** The OS's per-user application-data folder, the same place Electron's `app.getPath('userData')` points at. */
export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

/** The project root in development; the app's resources folder when packaged (passed in by the Electron glue). */
export function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function resolvePaths(dataDir: string, resourcesRoot = projectRoot()): AppPaths {
  const abs = path.resolve(dataDir);
  const paths: AppPaths = {
    dataDir: abs,
    dbFile: path.join(abs, 'wa-desk.sqlite'),
    sessionsDir: path.join(abs, 'sessions'),
    filesDir: path.join(abs, 'files'),
    reportsDir: path.join(abs, 'reports'),
    migrationsDir: path.join(resourcesRoot, 'migrations'),
    rendererDir: path.join(resourcesRoot, 'dist', 'renderer'),
  };
  for (const dir of [paths.dataDir, paths.sessionsDir, paths.filesDir, paths.reportsDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  return paths;
}
