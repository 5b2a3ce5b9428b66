import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, tempDir, type TestCore } from '../../helpers/core';

describe('importing a file into a group (the directory import with groupId)', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => {
    t = await makeCore();
    channelId = (await t.ok('channels.create', { name: 'Mağaza', phone: '05321234567', engine: 'simulator' })).id;
  });
  afterEach(() => t.close());

  it('adds every imported or matched contact; members already there are counted, bad rows are not added', async () => {
    const g = await t.ok('groups.create', { channelId, name: 'Fuar' });
    const member = await t.ok('contacts.create', { channelId, phone: '0532 000 00 01', name: 'Zaten Üye' });
    const known = await t.ok('contacts.create', { channelId, phone: '0532 000 00 02', name: 'Rehberde' });
    await t.ok('groups.addContacts', { groupId: g.id, contactIds: [member.id] });
    const file = path.join(tempDir(), 'fuar.csv');
    fs.writeFileSync(
      file,
      ['Ad Soyad;Telefon', 'Zaten Üye;0532 000 00 01', 'Rehberde;+90 532 000 00 02', 'Yeni Kişi;05320000003', 'Bozuk;12', 'Yeni Kişi;0532 000 00 03'].join('\r\n'),
    );
    const result = await t.ok('contacts.import', {
      channelId,
      path: file,
      hasHeader: true,
      mapping: { 'Ad Soyad': 'name', Telefon: 'phone' },
      defaultCountry: 'TR',
      duplicatePolicy: 'skip',
      groupId: g.id,
    });
    expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(result.group).toEqual({ groupId: g.id, added: 2, alreadyMember: 1 });
    const members = (await t.ok('groups.members', { groupId: g.id, limit: 10 })).items.map((m) => m.phone).sort();
    expect(members).toEqual(['+905320000001', '+905320000002', '+905320000003']);
    expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(3);
    expect((await t.ok('contacts.get', { id: known.id })).name).toBe('Rehberde');
  });

  it('takes an .xlsx too, and a second import of the same file adds nobody twice', async () => {
    const g = await t.ok('groups.create', { channelId, name: 'Excel' });
    const file = path.join(tempDir(), 'list.xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([['Name', 'Phone'], ['Işıl', 905320000011], ['Ömer', '0532 000 00 12']]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
    fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
    const input = { channelId, path: file, hasHeader: true, mapping: { Name: 'name', Phone: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip', groupId: g.id } as const;
    expect((await t.ok('contacts.import', input)).group).toEqual({ groupId: g.id, added: 2, alreadyMember: 0 });
    expect((await t.ok('contacts.import', input)).group).toEqual({ groupId: g.id, added: 0, alreadyMember: 2 });
    expect((await t.ok('groups.get', { id: g.id })).memberCount).toBe(2);
  });

  it('refuses a group of another channel or one that does not exist, before reading the file', async () => {
    const other = await t.ok('channels.create', { name: 'Diğer', phone: '05321234568', engine: 'simulator' });
    const foreign = await t.ok('groups.create', { channelId: other.id, name: 'Yabancı' });
    const base = { channelId, path: '/nonexistent/file.csv', hasHeader: true, mapping: { A: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip' } as const;
    const e = await t.err('contacts.import', { ...base, groupId: foreign.id });
    expect(e).toMatchObject({ code: 'group_other_channel', field: 'groupId' });
    expect((await t.err('contacts.import', { ...base, groupId: 9999 })).code).toBe('not_found');
    expect(await t.ok('contacts.count', { channelId })).toEqual({ total: 0 });
  });
});
