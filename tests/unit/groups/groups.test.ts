import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../../helpers/core';

describe('customer groups', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => {
    t = await makeCore();
    channelId = (await t.ok('channels.create', { name: 'Mağaza', phone: '05321234567', engine: 'simulator' })).id;
  });
  afterEach(() => t.close());

  const contact = (phone: string, name?: string) => t.ok('contacts.create', { channelId, phone, ...(name ? { name } : {}) });
  const memberIds = async (groupId: number) => {
    const ids: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.ok('groups.members', { groupId, limit: 7, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };

  describe('names', () => {
    it('refuses a second group whose name differs only in case or Turkish dotted/dotless i', async () => {
      const g = await t.ok('groups.create', { channelId, name: '  ISPARTA  ', description: ' Bayiler ' });
      expect(g).toMatchObject({ name: 'ISPARTA', description: 'Bayiler', memberCount: 0 });
      for (const name of ['Isparta', 'ısparta', 'İSPARTA', 'isparta', ' ISPARTA']) {
        const e = await t.err('groups.create', { channelId, name });
        expect(e.code, name).toBe('name_taken');
        expect(e.field).toBe('name');
        expect(e.message).toContain('ISPARTA');
        expect(e.messageTr).toContain('ISPARTA');
      }
      expect(await t.ok('groups.list', { channelId })).toHaveLength(1);
    });

    it('allows the same name in another channel and different names in one', async () => {
      const other = await t.ok('channels.create', { name: 'Şube', phone: '05321234568', engine: 'simulator' });
      await t.ok('groups.create', { channelId, name: 'Şule' });
      await t.ok('groups.create', { channelId: other.id, name: 'ŞULE' });
      await t.ok('groups.create', { channelId, name: 'Şule 2' });
      expect((await t.ok('groups.list', { channelId })).map((g) => g.name)).toEqual(['Şule', 'Şule 2']);
    });

    it('requires a name of at most 80 characters and a known channel', async () => {
      expect((await t.err('groups.create', { channelId, name: '   ' })).code).toBe('invalid_input');
      expect((await t.err('groups.create', { channelId, name: 'x'.repeat(81) })).code).toBe('invalid_input');
      expect((await t.err('groups.create', { channelId, name: 42 })).code).toBe('invalid_input');
      expect((await t.err('groups.create', { channelId: 999, name: 'A' })).code).toBe('not_found');
      expect((await t.ok('groups.create', { channelId, name: 'y'.repeat(80) })).name).toHaveLength(80);
    });

    it('renames (also to another spelling of its own name) but never onto another group', async () => {
      const a = await t.ok('groups.create', { channelId, name: 'Isparta' });
      await t.ok('groups.create', { channelId, name: 'Antalya' });
      t.clock.advance(5000);
      const renamed = await t.ok('groups.update', { id: a.id, name: 'ISPARTA' });
      expect(renamed.name).toBe('ISPARTA');
      expect(renamed.updatedAt).toBe(a.updatedAt + 5000);
      expect((await t.err('groups.update', { id: a.id, name: 'antalya' })).code).toBe('name_taken');
      expect((await t.ok('groups.update', { id: a.id, description: 'VIP' })).description).toBe('VIP');
      expect((await t.ok('groups.update', { id: a.id, description: null })).description).toBeNull();
      expect((await t.ok('groups.get', { id: a.id })).name).toBe('ISPARTA');
    });
  });

  describe('adding contacts', () => {
    it('adds by id and by number; a contact already in the group is counted, not added twice', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'VIP' });
      const ayse = await contact('0532 000 00 01', 'Ayşe');
      const first = await t.ok('groups.addContacts', { groupId: g.id, contactIds: [ayse.id, ayse.id] });
      expect(first).toEqual({ added: 1, alreadyMember: 0, created: 0 });
      const again = await t.ok('groups.addContacts', {
        groupId: g.id,
        contactIds: [ayse.id],
        phones: ['+90 532 000 00 01', '0532 000 00 02', { phone: '905320000002', name: 'Can' }],
      });
      expect(again).toEqual({ added: 1, alreadyMember: 1, created: 1 });
      expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(2);
      const created = (await t.ok('contacts.search', { channelId, query: '5320000002', limit: 5 })).items;
      expect(created).toMatchObject([{ phone: '+905320000002', name: 'Can', source: 'manual' }]);
    });

    it('refuses an invalid number with a clear error and changes nothing at all', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'VIP' });
      const before = await t.ok('groups.get', { id: g.id });
      const known = await contact('0532 000 00 01');
      const e = await t.err('groups.addContacts', {
        groupId: g.id,
        contactIds: [known.id],
        phones: ['0532 000 00 09', { phone: '0532 12', name: 'Kısa' }, 'abc'],
      });
      expect(e.code).toBe('phone_too_short');
      expect(e.field).toBe('phones.1');
      expect(e.message).toContain('"0532 12"');
      expect(e.message).toContain('1 more number is not valid');
      expect(e.message).toContain('Nothing was added');
      expect(e.messageTr).toContain('Hiçbir şey eklenmedi');
      expect(e.details).toMatchObject({ invalid: [{ index: 1, problem: 'too_short' }, { index: 2, problem: 'invalid' }] });
      expect(await t.ok('contacts.count', { channelId })).toEqual({ total: 1 });
      expect(await t.ok('groups.get', { id: g.id })).toEqual(before);
    });

    it('refuses a name that is too long for a new card, and contacts of another channel, changing nothing', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'VIP' });
      const other = await t.ok('channels.create', { name: 'Diğer', phone: '05321234568', engine: 'simulator' });
      const stranger = await t.ok('contacts.create', { channelId: other.id, phone: '0532 000 00 07' });
      expect((await t.err('groups.addContacts', { groupId: g.id, contactIds: [stranger.id] })).code).toBe('contact_not_found');
      expect((await t.err('groups.addContacts', { groupId: g.id, contactIds: [424242] })).code).toBe('contact_not_found');
      const e = await t.err('groups.addContacts', {
        groupId: g.id,
        phones: ['0532 000 00 03', { phone: '0532 000 00 04', name: 'ş'.repeat(201) }],
      });
      expect(e.code).toBe('invalid_input');
      expect(await t.ok('contacts.count', { channelId })).toEqual({ total: 0 });
      expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(0);
    });

    it('adds every result of a directory search, then counts them as members on a second try', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Isparta' });
      await contact('0532 000 00 01', 'Işıl Isparta');
      await contact('0532 000 00 02', 'Ali ISPARTA');
      await contact('0532 000 00 03', 'Veli Antalya');
      expect(await t.ok('groups.addSearchResults', { groupId: g.id, query: 'ısparta' })).toEqual({ added: 2, alreadyMember: 0, created: 0 });
      expect(await t.ok('groups.addSearchResults', { groupId: g.id, query: '' })).toEqual({ added: 1, alreadyMember: 2, created: 0 });
      expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(3);
    });
  });

  describe('members', () => {
    it('lists newest first with keyset pages that neither skip nor repeat', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'All' });
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) {
        ids.push((await contact(`0532 000 01 ${String(i).padStart(2, '0')}`)).id);
        if (i % 10 === 9) {
          await t.ok('groups.addContacts', { groupId: g.id, contactIds: ids.slice(i - 9, i + 1) });
          t.clock.advance(1000);
        }
      }
      const listed = await memberIds(g.id);
      expect(listed).toHaveLength(30);
      expect(new Set(listed).size).toBe(30);
      expect(listed.slice(0, 10).sort()).toEqual(ids.slice(20).sort());
      expect(listed.slice(20).sort()).toEqual(ids.slice(0, 10).sort());
      const page = await t.ok('groups.members', { groupId: g.id, limit: 1 });
      expect((await t.err('groups.members', { groupId: g.id, query: 'ali', limit: 1, cursor: page.nextCursor })).code).toBe('invalid_cursor');
      expect((await t.err('groups.members', { groupId: g.id, limit: 1, cursor: 'garbage' })).code).toBe('invalid_cursor');
    });

    it('searches within the group like the directory does: Turkish-aware names, phone digits, short prefixes', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Mixed' });
      const isil = await contact('0532 111 22 33', 'IŞIL Öztürk');
      const sule = await contact('0544 555 66 77', 'Şule Çelik');
      await contact('0532 111 22 44', 'Işıl Outsider');
      await t.ok('groups.addContacts', { groupId: g.id, contactIds: [isil.id, sule.id] });
      const find = async (query: string) =>
        (await t.ok('groups.members', { groupId: g.id, query, limit: 10 })).items.map((m) => m.id);
      expect(await find('ışıl')).toEqual([isil.id]);
      expect(await find('isil ozturk')).toEqual([isil.id]);
      expect(await find('sule')).toEqual([sule.id]);
      expect(await find('0544 555')).toEqual([sule.id]);
      expect(await find('+90532')).toEqual([isil.id]);
      expect(await find('şu')).toEqual([sule.id]);
      expect(await find('nobody')).toEqual([]);
      expect(await find('  ')).toHaveLength(2);
    });

    it('marks opted-out members and counts them', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Opt' });
      const a = await contact('0532 000 00 01', 'A');
      const b = await contact('0532 000 00 02', 'B');
      await t.ok('groups.addContacts', { groupId: g.id, contactIds: [a.id, b.id] });
      await t.ok('contacts.update', { id: b.id, optedOut: true, optOutReason: 'asked by phone' });
      const members = (await t.ok('groups.members', { groupId: g.id, limit: 10 })).items;
      expect(members.find((m) => m.id === b.id)).toMatchObject({ optedOut: true, optOutReason: 'asked by phone' });
      expect(members.find((m) => m.id === a.id)?.optedOut).toBe(false);
      expect(await t.ok('groups.list', { channelId })).toMatchObject([{ memberCount: 2, optedOutCount: 1 }]);
      expect(await t.ok('groups.get', { id: g.id })).toMatchObject({ memberCount: 2, optedOutCount: 1 });
    });

    it('removes one or many members; the contacts stay in the directory', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'R' });
      const cs = [await contact('0532 000 00 01'), await contact('0532 000 00 02'), await contact('0532 000 00 03')];
      await t.ok('groups.addContacts', { groupId: g.id, contactIds: cs.map((c) => c.id) });
      expect(await t.ok('groups.removeContacts', { groupId: g.id, contactIds: [cs[0]!.id] })).toEqual({ removed: 1 });
      expect(await t.ok('groups.removeContacts', { groupId: g.id, contactIds: [cs[0]!.id, cs[1]!.id, cs[2]!.id] })).toEqual({ removed: 2 });
      expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(0);
      expect(await t.ok('contacts.count', { channelId })).toEqual({ total: 3 });
    });

    it('tells a contact card which groups it is in, and a deleted contact leaves every group', async () => {
      const a = await t.ok('groups.create', { channelId, name: 'Beta' });
      const b = await t.ok('groups.create', { channelId, name: 'alfa' });
      const c = await contact('0532 000 00 01');
      await t.ok('groups.addContacts', { groupId: a.id, contactIds: [c.id] });
      await t.ok('groups.addContacts', { groupId: b.id, contactIds: [c.id] });
      expect(await t.ok('groups.ofContact', { contactId: c.id })).toEqual([
        { id: b.id, name: 'alfa' },
        { id: a.id, name: 'Beta' },
      ]);
      await t.ok('contacts.delete', { ids: [c.id] });
      expect((await t.ok('groups.list', { channelId })).map((g) => g.memberCount)).toEqual([0, 0]);
    });

    it('exports members to CSV and XLSX with formula-like cells neutralised', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Export' });
      const evil = await contact('0532 000 00 01', '=HYPERLINK("http://x","click")');
      await contact('0532 000 00 02', 'Not a member');
      const ok = await contact('0532 000 00 03', 'Gül');
      await t.ok('groups.addContacts', { groupId: g.id, contactIds: [evil.id, ok.id] });
      const dir = tempDir();
      const csv = await t.ok('groups.export', { groupId: g.id, format: 'csv', path: path.join(dir, 'members.csv') });
      expect(csv.rows).toBe(2);
      const text = fs.readFileSync(csv.path, 'utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
      expect(text).toContain('+905320000003');
      expect(text).toContain('Gül');
      expect(text).not.toContain('Not a member');
      const xlsx = await t.ok('groups.export', { groupId: g.id, format: 'xlsx', query: 'gul', path: path.join(dir, 'members') });
      expect(xlsx).toEqual({ path: path.join(dir, 'members.xlsx'), rows: 1 });
      const book = XLSX.read(fs.readFileSync(xlsx.path));
      const sheet = book.Sheets[book.SheetNames[0]!]!;
      const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 });
      expect(rows[1]).toContain('Gül');
    });
  });

  describe('deleting', () => {
    it('deletes the group and its memberships, never its contacts', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Gone' });
      const c = await contact('0532 000 00 01', 'Kalıcı');
      await t.ok('groups.addContacts', { groupId: g.id, contactIds: [c.id] });
      expect(await t.ok('groups.delete', { id: g.id })).toEqual({ deleted: true, draftsAffected: 0 });
      expect(await t.ok('groups.list', { channelId })).toEqual([]);
      expect((await t.ok('contacts.get', { id: c.id })).name).toBe('Kalıcı');
      expect(await t.ok('groups.ofContact', { contactId: c.id })).toEqual([]);
      expect((await t.err('groups.get', { id: g.id })).code).toBe('not_found');
      expect((await t.err('groups.addContacts', { groupId: g.id, contactIds: [c.id] })).code).toBe('not_found');
    });

    it('tells delete listeners inside the transaction; a listener that fails keeps the group', async () => {
      const g = await t.ok('groups.create', { channelId, name: 'Drafted' });
      const heard: { id: number; name: string }[] = [];
      const off = t.core.groups.onGroupDeleted((group) => {
        heard.push({ id: group.id, name: group.name });
        if (heard.length === 1) throw new Error('draft store unavailable');
        return 2;
      });
      expect((await t.err('groups.delete', { id: g.id })).code).toBe('internal');
      expect((await t.ok('groups.get', { id: g.id })).name).toBe('Drafted');
      expect(await t.ok('groups.delete', { id: g.id })).toEqual({ deleted: true, draftsAffected: 2 });
      expect(heard).toEqual([
        { id: g.id, name: 'Drafted' },
        { id: g.id, name: 'Drafted' },
      ]);
      off();
    });

    it('goes with its channel', async () => {
      await t.ok('groups.create', { channelId, name: 'X' });
      await t.ok('channels.delete', { id: channelId });
      expect((t.core.database.sqlite.prepare('SELECT count(*) AS n FROM customer_groups').get() as { n: number }).n).toBe(0);
    });
  });

  it('publishes groups.changed for every change', async () => {
    const seen: string[] = [];
    t.core.events.subscribe((event, payload) => {
      if (event === 'groups.changed') seen.push(JSON.stringify(payload));
    });
    const g = await t.ok('groups.create', { channelId, name: 'E' });
    await t.ok('groups.update', { id: g.id, name: 'F' });
    await t.ok('groups.addContacts', { groupId: g.id, phones: ['0532 000 00 01'] });
    await t.ok('groups.delete', { id: g.id });
    expect(seen).toEqual(Array(4).fill(JSON.stringify({ channelId, groupId: g.id })));
  });
});
