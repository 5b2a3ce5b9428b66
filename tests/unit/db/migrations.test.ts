import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/connection';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';

const migrationsDir = path.join(projectRoot(), 'migrations');
const all = loadMigrations(migrationsDir);

describe('migrations', () => {
  it.each(all.map((m) => [m.tag, m.idx] as const))('%s applies on top of the ones before it', (_tag, idx) => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    migrate(db, all.slice(0, idx));
    const before = db.prepare('SELECT count(*) AS n FROM __migrations').get() as { n: number };
    expect(before.n).toBe(idx);
    const { applied } = migrate(db, all.slice(0, idx + 1));
    expect(applied).toEqual([all[idx]!.tag]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('opens a fresh file with WAL, foreign keys, full sync and every migration applied', () => {
    const handle = openDatabase(path.join(tempDir(), 'db.sqlite'), { migrationsDir });
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const rows = handle.sqlite.prepare('SELECT tag FROM __migrations ORDER BY idx').all() as { tag: string }[];
    expect(rows.map((r) => r.tag)).toEqual(all.map((m) => m.tag));
    expect(handle.migration.applied).toEqual(all.map((m) => m.tag));
    handle.close();
    const again = openDatabase(handle.sqlite.name, { migrationsDir });
    expect(again.migration.applied).toEqual([]);
    again.close();
  });

  it("cuts a log a bulk writer grew back to 32 MB at the app's next write once it is copied back", () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const handle = openDatabase(file, { migrationsDir });
    const bulk = new Database(file);
    bulk.pragma('wal_autocheckpoint = 0');
    bulk.pragma('journal_size_limit = -1');
    bulk.exec('CREATE TABLE bulk (v BLOB)');
    const insert = bulk.prepare('INSERT INTO bulk (v) VALUES (randomblob(4000))');
    bulk.transaction(() => {
      for (let i = 0; i < 12_000; i++) insert.run();
    })();
    bulk.pragma('wal_checkpoint(PASSIVE)');
    bulk.close();
    const wal = `${file}-wal`;
    expect(fs.statSync(wal).size).toBeGreaterThan(40 * 1024 * 1024);
    handle.sqlite.pragma('user_version = 1');
    expect(fs.statSync(wal).size).toBeLessThanOrEqual(32 * 1024 * 1024);
    handle.close();
  });

  it('is idempotent: reopening applies nothing', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file, { migrationsDir }).close();
    const db = new Database(file);
    expect(migrate(db, all).applied).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file, { migrationsDir }).close();
    const db = new Database(file);
    db.prepare('INSERT INTO __migrations (idx, tag, applied_at) VALUES (?, ?, ?)').run(all.length, '9999_from_the_future', 1);
    db.close();
    expect(() => openDatabase(file, { migrationsDir })).toThrow(/newer version of WA Desk/);
    const check = new Database(file);
    expect((check.prepare('SELECT count(*) AS n FROM __migrations').get() as { n: number }).n).toBe(all.length + 1);
    check.close();
  });

  it('rolls back every step of a failing batch', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    const broken = [...all, { idx: all.length, tag: 'broken', statements: ['CREATE TABLE ok_table (x)', 'NOT SQL AT ALL'] }];
    expect(() => migrate(db, broken)).toThrow();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ok_table'").all();
    expect(tables).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM __migrations').get() as { n: number }).n).toBe(0);
    db.close();
  });
});
