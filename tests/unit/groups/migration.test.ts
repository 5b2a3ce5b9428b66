import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';

const all = loadMigrations(path.join(projectRoot(), 'migrations'));
const first = all.findIndex((m) => m.tag.endsWith('_groups'));
const ours = all.slice(first).filter((m) => m.tag.includes('groups'));

function open(): Database.Database {
  const db = new Database(path.join(tempDir(), 'db.sqlite'));
  db.pragma('foreign_keys = ON');
  return db;
}

function seedDirectory(db: Database.Database): void {
  db.prepare(
    `INSERT INTO channels (id, name, name_fold, phone, engine, created_at, updated_at) VALUES (1, 'A', 'a', '+905321234567', 'simulator', 1, 1)`,
  ).run();
  const add = db.prepare(
    `INSERT INTO contacts (id, channel_id, phone, name, source, sort_name, created_at, updated_at, opted_out) VALUES (?, 1, ?, ?, 'manual', ?, 1, 1, ?)`,
  );
  add.run(1, '+905320000001', 'Işıl', 'isil', 0);
  add.run(2, '+905320000002', 'Ömer', 'omer', 1);
}

describe('groups migrations', () => {
  it('are the two steps after the directory ones', () => {
    expect(first).toBeGreaterThan(0);
    expect(ours.map((m) => m.tag)).toEqual([all[first]!.tag, all[first + 1]!.tag]);
    expect(all.slice(0, first).some((m) => m.tag.endsWith('_contacts'))).toBe(true);
  });

  it('apply on a database at the previous step that already holds contacts, which stay as they were', () => {
    const db = open();
    migrate(db, all.slice(0, first));
    seedDirectory(db);
    const before = db.prepare('SELECT * FROM contacts ORDER BY id').all();
    expect(migrate(db, all.slice(0, first + ours.length)).applied).toEqual(ours.map((m) => m.tag));
    expect(db.prepare('SELECT * FROM contacts ORDER BY id').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('give unique Turkish-folded names per channel and cascades that never delete contacts', () => {
    const db = open();
    migrate(db, all);
    seedDirectory(db);
    const group = db.prepare(
      `INSERT INTO customer_groups (channel_id, name, name_fold, created_at, updated_at) VALUES (1, ?, ?, 1, 1)`,
    );
    const g = Number(group.run('ISPARTA', 'isparta').lastInsertRowid);
    expect(() => group.run('ısparta', 'isparta')).toThrow(/UNIQUE/);
    const member = db.prepare('INSERT INTO group_members (group_id, contact_id, added_at) VALUES (?, ?, 1)');
    member.run(g, 1);
    member.run(g, 2);
    expect(() => member.run(g, 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => member.run(g, 99)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(db.prepare('SELECT contact_id FROM group_members').all()).toEqual([{ contact_id: 2 }]);
    db.prepare('DELETE FROM customer_groups WHERE id = ?').run(g);
    expect(db.prepare('SELECT count(*) AS n FROM group_members').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 1 });
    db.close();
  });

  it('index what the hot queries need', () => {
    const db = open();
    migrate(db, all);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT m.group_id, count(*) FROM contacts c JOIN group_members m ON m.contact_id = c.id
      WHERE c.channel_id = 1 AND c.opted_out = 1 GROUP BY m.group_id`)).toMatch(/contacts_opted_out_idx/);
    expect(plan(`SELECT m.contact_id FROM group_members m WHERE m.group_id = 1 AND (m.added_at, m.contact_id) < (5, 5)
      ORDER BY m.added_at DESC, m.contact_id DESC LIMIT 50`)).toMatch(/group_members_group_added_idx \(group_id=\? AND \(added_at,contact_id\)<\(\?,\?\)\)/);
    expect(plan('SELECT group_id FROM group_members WHERE contact_id = 1')).toMatch(/group_members_contact_idx/);
    db.close();
  });
});
