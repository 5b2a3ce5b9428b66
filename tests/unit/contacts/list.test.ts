import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactSort } from '../../../src-shared/api/contacts';
import type { TestCore } from '../../helpers/core';
import { channelCore } from './harness';

describe('contacts.list', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => ({ t, channelId } = await channelCore()));
  afterEach(() => t.close());

  async function all(sort: ContactSort, limit: number) {
    const out: { id: number; name: string | null; createdAt: number; lastMessageAt: number | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.ok('contacts.list', { channelId, sort, limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  it('pages by name, last message and creation with keyset cursors, ties broken by id, nothing lost or repeated', async () => {
    const names = ['İpek', 'ipek', 'Işıl', 'isil', 'Zeynep', 'ahmet', 'Çağrı', 'Ömer', 'Ümit', 'Şule'];
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) {
      t.clock.advance(i % 4 === 0 ? 0 : 1000);
      const name = i % 7 === 6 ? null : names[i % names.length]!;
      ids.push((await t.ok('contacts.create', { channelId, phone: `+90555123${String(10_000 + i).slice(1)}`, name })).id);
    }
    for (let i = 0; i < 45; i += 3) t.core.contacts.recordMessage(channelId, `+90555123${String(10_000 + i).slice(1)}`, 'incoming', 5_000 + (i % 9) * 100, null, 'hi');

    const byName = await all('name', 7);
    expect(byName.map((c) => c.id).sort((a, b) => a - b)).toEqual(ids);
    const keyed = byName.map((c) => [t.core.contacts.row(c.id).sortName, c.id] as const);
    expect(keyed).toEqual([...keyed].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])));

    const byCreated = await all('created', 6);
    expect(byCreated.map((c) => c.id)).toEqual([...ids].sort((a, b) => b - a));

    const byLast = await all('last_message', 4);
    expect(byLast.map((c) => c.id).sort((a, b) => a - b)).toEqual(ids);
    const withMessage = byLast.filter((c) => c.lastMessageAt !== null);
    expect(withMessage).toHaveLength(15);
    expect(byLast.slice(0, 15)).toEqual(withMessage);
    for (let i = 1; i < withMessage.length; i++) {
      const [a, b] = [withMessage[i - 1]!, withMessage[i]!];
      expect(a.lastMessageAt! > b.lastMessageAt! || (a.lastMessageAt === b.lastMessageAt && a.id > b.id)).toBe(true);
    }
    expect(byLast.slice(15).map((c) => c.id)).toEqual(byLast.slice(15).map((c) => c.id).sort((a, b) => b - a));
  });

  it('puts Turkish names where a Turkish reader expects them (folded: Işıl next to isil)', async () => {
    for (const [i, name] of ['Zeynep', 'isil', 'Işıl', 'Ilgaz', 'İpek', 'Hasan'].entries()) {
      await t.ok('contacts.create', { channelId, phone: `+9055500000${i}0`, name });
    }
    const list = await t.ok('contacts.list', { channelId, sort: 'name', limit: 10 });
    expect(list.items.map((c) => c.name)).toEqual(['Hasan', 'Ilgaz', 'İpek', 'isil', 'Işıl', 'Zeynep']);
    expect(list.nextCursor).toBeNull();
  });

  it('bounds the page size and refuses stale or foreign cursors', async () => {
    await t.ok('contacts.create', { channelId, phone: '+905550000010' });
    await t.ok('contacts.create', { channelId, phone: '+905550000020' });
    expect((await t.err('contacts.list', { channelId, sort: 'name', limit: 501 })).code).toBe('invalid_input');
    expect((await t.err('contacts.list', { channelId, sort: 'name', limit: 0 })).code).toBe('invalid_input');
    expect((await t.err('contacts.list', { channelId, sort: 'size', limit: 5 })).code).toBe('invalid_input');
    const page = await t.ok('contacts.list', { channelId, sort: 'name', limit: 1 });
    expect((await t.err('contacts.list', { channelId, sort: 'created', limit: 1, cursor: page.nextCursor })).code).toBe('invalid_cursor');
    expect((await t.ok('contacts.count', { channelId })).total).toBe(2);
  });
});
