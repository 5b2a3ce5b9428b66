import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { loadMigrations, migrate } from './migrate';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;

export interface DbHandle {
  /** The raw connection, for prepared statements on bulk paths. */
  sqlite: Database.Database;
  /** Drizzle over the same connection, for the schema and ordinary queries. */
  db: Db;
  close(): void;
  /** The schema steps this open applied and how long they took (a data step can take seconds on a large directory). */
  migration: { applied: string[]; ms: number };
}

export interface OpenOptions {
  migrationsDir: string;
  /** `FULL` on connections that write money or send state (the default); bulk-import workers may pass `NORMAL`. */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
  now?: number;
}

const WAL_SIZE_LIMIT = 32 * 1024 * 1024;

/** Opens the app's SQLite file with the pragmas every connection needs, migrating it on the way. */
export function openDatabase(file: string, opts: OpenOptions): DbHandle {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  let migration: DbHandle['migration'];
  try {
    sqlite.pragma('busy_timeout = 5000');
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    sqlite.pragma('foreign_keys = ON');
    // A large import grows the log to hundreds of MB; once it is copied back, the next write cuts the file to this.
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    const started = performance.now();
    const applied = opts.readonly ? [] : migrate(sqlite, loadMigrations(opts.migrationsDir), opts.now).applied;
    migration = { applied, ms: Math.round(performance.now() - started) };
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), close: () => sqlite.close(), migration };
}
