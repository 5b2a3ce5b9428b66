import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';

describe('deleting a group that a draft bulk message points at', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('tells the draft (a notice naming the group, the group listed as deleted) and leaves it editable', async () => {
    const channel = await t.ok('channels.create', { name: 'Mağaza', phone: '05321234567', engine: 'simulator' });
    const fair = await t.ok('groups.create', { channelId: channel.id, name: 'Fuar' });
    const vip = await t.ok('groups.create', { channelId: channel.id, name: 'VIP' });
    await t.ok('groups.addContacts', { groupId: fair.id, phones: ['0532 000 00 01', '0532 000 00 02'] });
    await t.ok('groups.addContacts', { groupId: vip.id, phones: ['0532 000 00 03'] });
    const draft = await t.ok('campaigns.create', {
      channelId: channel.id,
      title: 'Fuar daveti',
      groupIds: [fair.id, vip.id],
      parts: [{ kind: 'text', text: 'Merhaba {{name}}' }],
    });
    expect(draft.status).toBe('draft');
    expect(draft.recipients).toBe(3);

    expect(await t.ok('groups.delete', { id: fair.id })).toEqual({ deleted: true, draftsAffected: 1 });
    // The draft's recipient list is made again once the deletion has committed.
    await vi.waitFor(async () => expect((await t.ok('campaigns.get', { id: draft.id })).recipients).toBe(1));

    const told = await t.ok('campaigns.get', { id: draft.id });
    expect(told.status).toBe('draft');
    expect(told.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: null, name: 'Fuar', deleted: true }),
        expect.objectContaining({ id: vip.id, name: 'VIP', deleted: false }),
      ]),
    );
    expect(told.notices.map((n) => n.en).join(' ')).toContain('"Fuar" was deleted');
    expect(told.notices.every((n) => n.tr.length > 0)).toBe(true);
    const renamed = await t.ok('campaigns.update', { id: draft.id, title: 'Yalnız VIP' });
    expect(renamed.title).toBe('Yalnız VIP');
    expect(await t.ok('contacts.count', { channelId: channel.id })).toEqual({ total: 3 });
  });
});
