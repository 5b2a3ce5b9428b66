import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { channelCore } from './harness';

describe('contacts', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => ({ t, channelId } = await channelCore()));
  afterEach(() => t.close());

  it('creates a card by hand with the phone as E.164, unique within the channel', async () => {
    const c = await t.ok('contacts.create', { channelId, phone: '0533 111 22 33', name: '  Ayşe   Yılmaz ', email: 'Ayse@Example.COM' });
    expect(c).toMatchObject({
      phone: '+905331112233',
      phoneDisplay: '+90 533 111 22 33',
      name: 'Ayşe Yılmaz',
      displayName: 'Ayşe Yılmaz',
      email: 'ayse@example.com',
      source: 'manual',
      optedOut: false,
      lastMessageAt: null,
      attributes: {},
    });
    expect(c.createdAt).toBe(t.clock.now());
    const dup = await t.err('contacts.create', { channelId, phone: '+90 (533) 111-2233' });
    expect(dup).toMatchObject({ code: 'contact_exists', field: 'phone', details: { id: c.id } });
    expect(dup.messageTr).toContain('rehberde');
    const other = await t.ok('channels.create', { name: 'Other', phone: '05321234568', engine: 'simulator' });
    expect((await t.ok('contacts.create', { channelId: other.id, phone: '05331112233' })).phone).toBe('+905331112233');
  });

  it('refuses bad phones and emails with the field and both languages', async () => {
    const bad = await t.err('contacts.create', { channelId, phone: '0533 11' });
    expect(bad).toMatchObject({ code: 'phone_too_short', field: 'phone' });
    const mail = await t.err('contacts.create', { channelId, phone: '05331112233', email: 'not-an-email' });
    expect(mail).toMatchObject({ code: 'email_invalid', field: 'email' });
    expect(mail.messageTr).toContain('e-posta');
    expect((await t.ok('contacts.list', { channelId, sort: 'name', limit: 10 })).items).toEqual([]);
  });

  it('creates and updates a card automatically from incoming and outgoing messages', async () => {
    await t.ok('channels.connect', { id: channelId });
    await t.ok('simulator.scan', { channelId });
    t.clock.advance(1);
    t.clock.advance(1000);
    await t.ok('simulator.incoming', { channelId, from: '0544 555 66 77', text: 'Merhaba', name: 'Işıl' });
    const page = await t.ok('contacts.search', { channelId, query: 'isil', limit: 10 });
    expect(page.items).toHaveLength(1);
    const card = page.items[0]!;
    expect(card).toMatchObject({ phone: '+905445556677', pushName: 'Işıl', name: null, displayName: 'Işıl', source: 'incoming' });
    expect(card.lastMessageAt).toBe(t.clock.now());
    t.clock.advance(60_000);
    const sent = await t.ok('contacts.sendMessage', { contactId: card.id, text: 'Hoş geldiniz' });
    expect((await t.ok('simulator.delivered', { channelId })).map((d) => [d.to, d.body])).toEqual([['+905445556677', 'Hoş geldiniz']]);
    expect((await t.ok('contacts.get', { id: card.id })).lastMessageAt).toBe(sent.at);
    t.clock.advance(1000);
    await t.ok('simulator.incoming', { channelId, from: '+905445556677', text: ' İPTAL ' });
    const after = await t.ok('contacts.get', { id: card.id });
    expect(after).toMatchObject({ optedOut: true, optOutReason: 'reply:IPTAL' });
    expect((await t.err('contacts.sendMessage', { contactId: card.id, text: 'x' })).code).toBe('contact_opted_out');
    const outgoingOnly = await t.ok('contacts.create', { channelId, phone: '05446667788' });
    expect(outgoingOnly.source).toBe('manual');
  });

  it('refuses to send when the channel is not connected', async () => {
    const c = await t.ok('contacts.create', { channelId, phone: '05331112233' });
    const e = await t.err('contacts.sendMessage', { contactId: c.id, text: 'Merhaba' });
    expect(e.code).toBe('channel_not_connected');
    expect(e.messageTr).toContain('bağlı değil');
  });
});
