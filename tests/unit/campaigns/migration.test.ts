import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';

const all = loadMigrations(path.join(projectRoot(), 'migrations'));
const ours = all.findIndex((m) => m.tag.endsWith('_campaigns'));

function open(): Database.Database {
  const db = new Database(path.join(tempDir(), 'db.sqlite'));
  db.pragma('foreign_keys = ON');
  return db;
}

function seed(db: Database.Database): void {
  db.prepare(
    `INSERT INTO channels (id, name, name_fold, phone, engine, created_at, updated_at) VALUES (1, 'A', 'a', '+905321234567', 'simulator', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO contacts (id, channel_id, phone, name, source, sort_name, created_at, updated_at) VALUES (1, 1, '+905320000001', 'Işıl', 'manual', 'isil', 1, 1)`,
  ).run();
  db.prepare(`INSERT INTO customer_groups (id, channel_id, name, name_fold, created_at, updated_at) VALUES (1, 1, 'G', 'g', 1, 1)`).run();
  db.prepare(`INSERT INTO group_members (group_id, contact_id, added_at) VALUES (1, 1, 1)`).run();
}

function campaign(db: Database.Database): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO campaigns (channel_id, title, title_fold, status, pacing, created_at, updated_at) VALUES (1, 'T', 't', 'draft', '{}', 1, 1)`,
      )
      .run().lastInsertRowid,
  );
  db.prepare(`INSERT INTO campaign_parts (campaign_id, position, kind, text) VALUES (?, 0, 'text', 'hi')`).run(id);
  const r = Number(db.prepare(`INSERT INTO campaign_recipients (campaign_id, contact_id, phone) VALUES (?, 1, '+905320000001')`).run(id).lastInsertRowid);
  db.prepare(`INSERT INTO campaign_units (campaign_id, recipient_id, position, kind, state) VALUES (?, ?, 0, 'text', 'pending')`).run(id, r);
  return id;
}

describe('campaigns migration', () => {
  it('is one step after the others it builds on', () => {
    expect(ours).toBeGreaterThan(0);
    expect(all.slice(0, ours).map((m) => m.tag).some((t) => t.endsWith('_groups'))).toBe(true);
  });

  it('applies on a fresh database', () => {
    const db = open();
    migrate(db, all.slice(0, ours + 1));
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'campaign%'`).all() as { name: string }[])
      .map((r) => r.name)
      .sort();
    expect(tables).toEqual(['campaign_audience', 'campaign_daily', 'campaign_parts', 'campaign_recipients', 'campaign_units', 'campaign_warning_acks', 'campaigns']);
    db.close();
  });

  it('applies on a database at the step before that holds channels, contacts and groups, leaving them as they were', () => {
    const db = open();
    migrate(db, all.slice(0, ours));
    seed(db);
    const before = ['channels', 'contacts', 'customer_groups', 'group_members'].map((t) => db.prepare(`SELECT * FROM ${t}`).all());
    expect(migrate(db, all.slice(0, ours + 1)).applied).toEqual([all[ours]!.tag]);
    expect(['channels', 'contacts', 'customer_groups', 'group_members'].map((t) => db.prepare(`SELECT * FROM ${t}`).all())).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps one unit per recipient and part, never reuses a unit id, and cascades from the channel', () => {
    const db = open();
    migrate(db, all);
    seed(db);
    const id = campaign(db);
    expect(() =>
      db.prepare(`INSERT INTO campaign_units (campaign_id, recipient_id, position, kind, state) SELECT campaign_id, recipient_id, 0, 'text', 'pending' FROM campaign_units`).run(),
    ).toThrow(/UNIQUE/);
    const firstUnit = (db.prepare('SELECT max(id) AS id FROM campaign_units').get() as { id: number }).id;
    db.prepare('DELETE FROM campaigns WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM campaign_units').get()).toEqual({ n: 0 });
    campaign(db);
    expect((db.prepare('SELECT max(id) AS id FROM campaign_units').get() as { id: number }).id).toBeGreaterThan(firstUnit);
    db.prepare('DELETE FROM channels WHERE id = 1').run();
    for (const t of ['campaigns', 'campaign_parts', 'campaign_recipients', 'campaign_units']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});
