import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactPage } from '../../../src-shared/api/contacts';
import type { TestCore } from '../../helpers/core';
import { channelCore } from './harness';

describe('contacts.search', () => {
  let t: TestCore;
  let channelId: number;
  const people: Record<string, Contact> = {};
  beforeEach(async () => {
    ({ t, channelId } = await channelCore());
    await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
    await t.ok('attributes.create', { key: 'age', label: 'Yaş', type: 'number' });
    const add = async (key: string, input: Record<string, unknown>) => {
      people[key] = await t.ok('contacts.create', { channelId, ...input } as never);
    };
    await add('isil', { phone: '0532 111 22 33', name: 'Işıl Öztürk', attributes: { city: 'İSTANBUL', age: 532 } });
    await add('sule', { phone: '+90 533 444 55 66', name: 'Şule Çelik', email: 'sule.celik@example.com', attributes: { city: 'Isparta' } });
    await add('ali', { phone: '0544 777 88 99', name: 'Ali Kaya', email: 'ali@firma.com.tr' });
    await add('alik', { phone: '0545 123 45 67', name: 'Ali Koç' });
  });
  afterEach(() => t.close());

  const names = async (query: string) =>
    (await t.ok('contacts.search', { channelId, query, limit: 50 })).items.map((c) => c.name).sort();

  it('is Turkish-aware in names and text attributes', async () => {
    for (const q of ['isil', 'ışıl', 'IŞIL', 'Işıl', 'ISIL', 'öztürk', 'ozturk']) expect(await names(q), q).toEqual(['Işıl Öztürk']);
    expect(await names('sule')).toEqual(['Şule Çelik']);
    expect(await names('ŞULE')).toEqual(['Şule Çelik']);
    expect(await names('istanbul')).toEqual(['Işıl Öztürk']);
    expect(await names('ısparta')).toEqual(['Şule Çelik']);
    expect(await names('ISPARTA')).toEqual(['Şule Çelik']);
    expect(await names('celik isparta')).toEqual(['Şule Çelik']);
    expect(await names('nobody here')).toEqual([]);
  });

  it('finds phones by digits in any written form, but not number attributes', async () => {
    for (const q of ['532 111', '0532', '+90532', '0532 111 22 33', '905321112233', '111 22 33', '(0532) 111-22-33', '0090 532 111']) {
      expect(await names(q), q).toEqual(['Işıl Öztürk']);
    }
    expect(await names('533 444')).toEqual(['Şule Çelik']);
    expect(await names('54')).toEqual([]);
  });

  it('finds by any part of the email, full addresses included', async () => {
    expect(await names('sule.celik@example.com')).toEqual(['Şule Çelik']);
    expect(await names('example')).toEqual(['Şule Çelik']);
    expect(await names('firma.com')).toEqual(['Ali Kaya']);
    expect(await names('sule.celik@example.org')).toEqual([]);
  });

  it('finds a word only where it is written whole, not where its trigrams stand apart (the index keeps no positions)', async () => {
    await t.ok('contacts.create', { channelId, phone: '0546 100 00 01', name: 'Ahmed Metin' });
    await t.ok('contacts.create', { channelId, phone: '0546 100 00 02', name: 'Ahmet Can' });
    expect(await names('ahmet')).toEqual(['Ahmet Can']);
    expect(await names('ahmed')).toEqual(['Ahmed Metin']);
    // 90555 4354 543 holds every trigram of 543 543 (543, 435, 354), yet not the number.
    await t.ok('contacts.create', { channelId, phone: '0555 435 45 43', name: 'Apart' });
    await t.ok('contacts.create', { channelId, phone: '0543 543 00 00', name: 'Whole' });
    expect(await names('543 543')).toEqual(['Whole']);
  });

  it('finds digits that only folding makes (superscripts in a name), where the quick number check cannot decide', async () => {
    await t.ok('contacts.create', { channelId, phone: '0546 100 00 03', name: 'Daire 98⁷6' });
    expect(await names('9876')).toEqual(['Daire 98⁷6']);
  });

  it('checks words too short for the index on the candidates, and uses a name prefix for one or two letters', async () => {
    expect(await names('ali k')).toEqual(['Ali Kaya', 'Ali Koç']);
    expect(await names('ali ko')).toEqual(['Ali Koç']);
    expect(await names('al')).toEqual(['Ali Kaya', 'Ali Koç']);
    expect(await names('ş')).toEqual(['Şule Çelik']);
    expect(await names('I')).toEqual(['Işıl Öztürk']);
  });

  it('follows edits and deletions of the card', async () => {
    await t.ok('contacts.update', { id: people.ali!.id, name: 'Ali Rıza Kaya', attributes: { city: 'Ağrı' } });
    expect(await names('riza')).toEqual(['Ali Rıza Kaya']);
    expect(await names('agri')).toEqual(['Ali Rıza Kaya']);
    await t.ok('contacts.update', { id: people.ali!.id, attributes: { city: null } });
    expect(await names('agri')).toEqual([]);
    await t.ok('contacts.delete', { ids: [people.ali!.id] });
    expect(await names('riza')).toEqual([]);
    const row = t.core.database.sqlite.prepare('SELECT count(*) AS n FROM contacts_fts WHERE rowid = ?').get(people.ali!.id) as { n: number };
    expect(row.n).toBe(0);
  });

  it('keeps channels apart', async () => {
    const other = await t.ok('channels.create', { name: 'Other', phone: '05321234568', engine: 'simulator' });
    await t.ok('contacts.create', { channelId: other.id, phone: '0532 111 22 33', name: 'Işıl Başka' });
    expect(await names('isil')).toEqual(['Işıl Öztürk']);
    expect((await t.ok('contacts.search', { channelId: other.id, query: 'isil', limit: 5 })).items.map((c) => c.name)).toEqual(['Işıl Başka']);
    await t.ok('channels.delete', { id: other.id });
    const orphans = t.core.database.sqlite
      .prepare('SELECT count(*) AS n FROM contacts_fts WHERE rowid NOT IN (SELECT id FROM contacts)')
      .get() as { n: number };
    expect(orphans.n).toBe(0);
  });

  it('pages newest first with a keyset cursor: every match once, none skipped', async () => {
    const { ids } = t.core.contacts.ensure(
      channelId,
      Array.from({ length: 137 }, (_, i) => ({ phone: `+90555${String(1_000_000 + i).slice(1)}1`, name: `Müşteri ${i} ${i % 3 === 0 ? 'x' : 'y'}` })),
    );
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: ContactPage = await t.ok('contacts.search', { channelId, query: 'musteri', limit: 20, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toEqual([...ids].sort((a, b) => b - a));
    const short: number[] = [];
    cursor = undefined;
    do {
      const page: ContactPage = await t.ok('contacts.search', { channelId, query: 'musteri x', limit: 7, cursor });
      short.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(short).toEqual(ids.filter((_, i) => i % 3 === 0).sort((a, b) => b - a));
    expect(new Set(short).size).toBe(short.length);
  });

  it('refuses a cursor from another query mode and validates input', async () => {
    const page = await t.ok('contacts.search', { channelId, query: 'ali', limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    expect((await t.err('contacts.search', { channelId, query: 'al', limit: 1, cursor: page.nextCursor })).code).toBe('invalid_cursor');
    expect((await t.err('contacts.search', { channelId, query: 'ali', limit: 1, cursor: 'garbage!' })).code).toBe('invalid_cursor');
    expect((await t.err('contacts.search', { channelId, query: 'x', limit: 501 })).code).toBe('invalid_input');
    expect((await t.err('contacts.search', { channelId, query: 'x'.repeat(201), limit: 5 })).code).toBe('invalid_input');
    expect((await t.err('contacts.search', { channelId: 999, query: 'x', limit: 5 })).code).toBe('not_found');
  });
});
