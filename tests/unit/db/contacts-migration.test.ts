import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ContactQueries } from '../../../src-main/contacts/queries';
import { loadMigrations, migrate } from '../../../src-main/db/migrate';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';

const all = loadMigrations(path.join(projectRoot(), 'migrations'));
const upTo = (tag: string) => all.slice(0, all.findIndex((m) => m.tag === tag) + 1);

describe('contacts migrations', () => {
  it('apply on a database at the previous step that holds data, keeping it', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    migrate(db, upTo('0000_channels'));
    db.prepare(
      `INSERT INTO channels (name, name_fold, phone, engine, created_at, updated_at) VALUES ('Mağaza', 'magaza', '+905321234567', 'simulator', 1, 1)`,
    ).run();
    expect(migrate(db, upTo('0002_contacts_search')).applied).toEqual(['0001_contacts', '0002_contacts_search']);
    expect(db.prepare('SELECT name FROM channels').all()).toEqual([{ name: 'Mağaza' }]);
    db.pragma('foreign_keys = ON');

    const insert = db.prepare(
      `INSERT INTO contacts (channel_id, phone, name, source, sort_name, created_at, updated_at) VALUES (1, ?, ?, 'manual', ?, 1, 1)`,
    );
    const id = Number(insert.run('+905331112233', 'Işıl', 'isil').lastInsertRowid);
    db.prepare('INSERT INTO contacts_fts (rowid, search) VALUES (?, ?)').run(id, '905331112233\nisil');
    expect(() => insert.run('+905331112233', 'Again', 'again')).toThrow(/UNIQUE/);
    const match = db.prepare(`SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?`);
    expect(match.all('"sil"')).toEqual([{ rowid: id }]);
    expect(match.all('"3311122"')).toEqual([{ rowid: id }]);
    expect(db.prepare(`SELECT attributes, opted_out FROM contacts`).get()).toEqual({ attributes: '{}', opted_out: 0 });

    db.prepare('DELETE FROM channels WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    expect(match.all('"sil"')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('the list indexes serve the keyset queries without a sort step', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    migrate(db, all);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    const byName = plan(`SELECT id FROM contacts WHERE channel_id = 1 AND (sort_name, id) > ('a', 0) ORDER BY sort_name, id LIMIT 51`);
    expect(byName).toContain('contacts_channel_name_idx');
    expect(byName).not.toContain('TEMP B-TREE');
    const byCreated = plan(`SELECT id FROM contacts WHERE channel_id = 1 AND (created_at, id) < (5, 9) ORDER BY created_at DESC, id DESC LIMIT 51`);
    expect(byCreated).toContain('contacts_channel_created_idx');
    expect(byCreated).not.toContain('TEMP B-TREE');
    const byLast = plan(
      `SELECT id FROM contacts WHERE channel_id = 1 AND last_message_at IS NOT NULL AND (last_message_at, id) < (5, 9) ORDER BY last_message_at DESC, id DESC LIMIT 51`,
    );
    expect(byLast).toContain('contacts_channel_last_message_idx');
    expect(byLast).not.toContain('TEMP B-TREE');
    const search = plan(
      `SELECT c.id FROM contacts_fts f JOIN contacts c ON c.id = f.rowid WHERE contacts_fts MATCH '"abc"' AND f.rowid < 100 AND c.channel_id = 1 ORDER BY f.rowid DESC LIMIT 51`,
    );
    expect(search).toMatch(/VIRTUAL TABLE INDEX/);
    expect(search).not.toContain('TEMP B-TREE');
    db.close();
  });

  it('rebuilds the search index without positions from the directory, so every contact is still found', () => {
    const db = new Database(path.join(tempDir(), 'db.sqlite'));
    migrate(db, upTo('0007_campaigns'));
    db.prepare(`INSERT INTO channels (name, name_fold, phone, engine, created_at, updated_at) VALUES ('M', 'm', '+905321234567', 'simulator', 1, 1)`).run();
    const attr = db.prepare(`INSERT INTO contact_attributes (key, label, type, created_at, updated_at) VALUES (?, ?, ?, 1, 1)`);
    attr.run('city', 'Şehir', 'text');
    attr.run('age', 'Yaş', 'number');
    attr.run('alt', 'İkinci numara', 'phone');
    const insert = db.prepare(
      `INSERT INTO contacts (channel_id, phone, name, push_name, email, attributes, source, sort_name, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, 'import', ?, 1, 1)`,
    );
    const people = Array.from({ length: 12_000 }, (_, i) => i);
    db.transaction(() => {
      for (const i of people) {
        insert.run(`+90533${String(1_000_000 + i)}`, i === 7 ? 'IŞIL Şahin' : `Kişi ${i}`, i === 9 ? 'Ömer' : null, i === 11 ? 'Isil@Example.com' : null,
          JSON.stringify(i === 5 ? { city: 'İSTANBUL', age: 543210, alt: '+905449876543' } : {}), `kisi ${i}`);
      }
    })();
    // The old index stays empty: what the new one holds comes from the contacts, not from it.
    expect(migrate(db, upTo('0008_contacts_search_without_positions')).applied).toEqual(['0008_contacts_search_without_positions']);
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'contacts_fts'`).pluck().get() as string;
    expect(sql).toContain('detail=none');
    expect(db.prepare('SELECT count(*) FROM contacts_fts_docsize').pluck().get()).toBe(people.length);
    const types = () => new Map([['city', 'text'], ['age', 'number'], ['alt', 'phone']] as const);
    const found = (query: string) => new ContactQueries(db, types).search({ channelId: 1, query, limit: 50 }).rows.map((r) => r.id);
    expect(found('ışıl')).toEqual([12, 8]);
    expect(found('istanbul')).toEqual([6]);
    expect(found('0544 987')).toEqual([6]);
    expect(found('omer')).toEqual([10]);
    expect(found('isil@exa')).toEqual([12]);
    expect(found('kişi 11999')).toEqual([12_000]);
    expect(found('533 100 1011')).toEqual([1012]);
    // A number attribute is not searchable, as before.
    expect(found('543210')).toEqual([]);
    db.prepare('DELETE FROM contacts WHERE id = 8').run();
    expect(found('ışıl')).toEqual([12]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
