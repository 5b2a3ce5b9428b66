import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppCheckpoints, startCheckpoints, WriterCheckpoints } from '../../../src-main/imports/checkpointer';
import { tempDir } from '../../helpers/core';

type Checkpoint = { busy: number; log: number; checkpointed: number };

/** A WAL database and a writer connection that has turned its own checkpoints off, as the import's writer does. */
function walDb() {
  const file = path.join(tempDir('ckpt-'), 'db.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const commit = (rows: number) => db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(200));
  })();
  /** The log's length in frames: a passive checkpoint reports it (and copies what it can, which is fine here). */
  const logFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as Checkpoint[])[0]!.log;
  return { file, db, commit, logFrames };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('import checkpoints', () => {
  it("the reading thread's checkpoints copy the log back, so the writer's next commit starts it over", async () => {
    const w = walDb();
    for (let i = 0; i < 5; i++) w.commit(500);
    const checkpoints = startCheckpoints(w.file, 5);
    await sleep(80);
    checkpoints.stop();
    w.commit(1);
    // Started over: only the last commit's pages are in the log, not the hundreds written before.
    expect(w.logFrames()).toBeLessThan(10);
    w.db.close();
  });

  it('without them the log keeps every commit (what the writer has to prevent)', () => {
    const w = walDb();
    for (let i = 0; i < 5; i++) w.commit(500);
    w.commit(1);
    expect(w.logFrames()).toBeGreaterThan(100);
    w.db.close();
  });

  it('a database that cannot be opened leaves the import to the writer, with no error', () => {
    const checkpoints = startCheckpoints(path.join(tempDir('ckpt-'), 'missing', 'db.sqlite'), 5);
    expect(() => checkpoints.stop()).not.toThrow();
  });

  it("the writer turns SQLite's checkpoints off, catches the log up every few seconds, and hands back when the file is read", () => {
    const w = walDb();
    w.db.pragma('wal_autocheckpoint = 1000');
    let now = 0;
    const writer = new WriterCheckpoints(w.db, () => now);
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 5; i++) w.commit(500);
    writer.afterCommit();
    w.commit(1);
    expect(w.logFrames()).toBeGreaterThan(100);
    for (let i = 0; i < 5; i++) w.commit(500);
    now = 3000;
    writer.afterCommit();
    w.commit(1);
    expect(w.logFrames()).toBeLessThan(10);
    writer.readerDone();
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    w.db.close();
  });

  it('a checkpoint that finds another one running is retried after the next commit, not seconds later', () => {
    const calls: string[] = [];
    let busy = 1;
    const db = {
      pragma(sql: string) {
        calls.push(sql);
        return sql.startsWith('wal_checkpoint') ? [{ busy, log: 10, checkpointed: 0 }] : [];
      },
    } as unknown as Database.Database;
    let now = 0;
    const writer = new WriterCheckpoints(db, () => now);
    now = 2999;
    writer.afterCommit();
    expect(calls.filter((c) => c.startsWith('wal_checkpoint'))).toHaveLength(0);
    now = 3000;
    writer.afterCommit();
    busy = 0;
    now = 3001;
    writer.afterCommit();
    now = 3002;
    writer.afterCommit();
    expect(calls.filter((c) => c.startsWith('wal_checkpoint'))).toHaveLength(2);
    writer.readerDone();
    now = 5000;
    writer.afterCommit();
    expect(calls.filter((c) => c.startsWith('wal_checkpoint'))).toHaveLength(2);
  });
});

describe("the app's own checkpoints", () => {
  it('pause while any import runs and come back when the last one ends, each end counted once', () => {
    const { db } = walDb();
    db.pragma('wal_autocheckpoint = 1000');
    const app = new AppCheckpoints(db);
    const level = () => db.pragma('wal_autocheckpoint', { simple: true });
    const first = app.pause();
    const second = app.pause();
    expect(level()).toBe(0);
    first();
    first();
    expect(level()).toBe(0);
    second();
    expect(level()).toBe(1000);
    db.close();
  });
});
