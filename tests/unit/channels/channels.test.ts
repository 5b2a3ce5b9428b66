import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';

describe('channels', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('creates a channel with the number stored as E.164 and shown formatted', async () => {
    const ch = await t.ok('channels.create', { name: '  Mağaza   Kadıköy ', phone: '0532 123 45 67', engine: 'simulator' });
    expect(ch.name).toBe('Mağaza Kadıköy');
    expect(ch.phone).toBe('+905321234567');
    expect(ch.phoneDisplay).toBe('+90 532 123 45 67');
    expect(ch.demo).toBe(true);
    for (const phone of ['905321234567', '+90 532 123 45 67', '+90 (532) 123-4567', '00905321234567', '5321234567']) {
      const other = await t.ok('channels.create', { name: `n ${phone}`, phone, engine: 'wwebjs' });
      expect(other.phone).toBe('+905321234567');
    }
  });

  it('refuses an invalid number with the reason and changes nothing', async () => {
    const cases: [string, string][] = [
      ['0532 12', 'phone_too_short'],
      ['0212 123 45 67', 'phone_not_mobile'],
      ['+999 532 123 45 67', 'phone_unknown_country'],
      ['abc', 'phone_invalid'],
      ['0532 123 45 67 89 12', 'phone_too_long'],
    ];
    for (const [phone, code] of cases) {
      const e = await t.err('channels.create', { name: 'X', phone, engine: 'simulator' });
      expect(e.code, phone).toBe(code);
      expect(e.field).toBe('phone');
      expect(e.messageTr.length).toBeGreaterThan(5);
    }
    expect(await t.ok('channels.list', {})).toEqual([]);
  });

  it('keeps names unique, Turkish-aware, and at most 60 characters', async () => {
    await t.ok('channels.create', { name: 'ISPARTA Şube', phone: '05321234567', engine: 'simulator' });
    expect((await t.err('channels.create', { name: 'ısparta şube', phone: '05321234568', engine: 'simulator' })).code).toBe('name_taken');
    expect((await t.err('channels.create', { name: '   ', phone: '05321234568', engine: 'simulator' })).code).toBe('invalid_input');
    expect((await t.err('channels.create', { name: 'x'.repeat(61), phone: '05321234568', engine: 'simulator' })).code).toBe('invalid_input');
  });

  it('renames and renumbers; a failed update changes nothing', async () => {
    const ch = await t.ok('channels.create', { name: 'A', phone: '05321234567', engine: 'simulator' });
    const renamed = await t.ok('channels.update', { id: ch.id, name: 'B', phone: '+90 533 000 11 22' });
    expect(renamed).toMatchObject({ name: 'B', phone: '+905330001122' });
    const e = await t.err('channels.update', { id: ch.id, name: 'C', phone: '123' });
    expect(e.code).toBe('phone_too_short');
    expect(await t.ok('channels.get', { id: ch.id })).toMatchObject({ name: 'B', phone: '+905330001122' });
  });

  it('connects a demo channel through QR and scan to ready, and the session survives a restart', async () => {
    const ch = await t.ok('channels.create', { name: 'Demo', phone: '05321234567', engine: 'simulator' });
    const states: string[] = [];
    t.core.events.subscribe((event, payload) => {
      if (event === 'whatsapp.state') states.push((payload as { connection: { state: string } }).connection.state);
    });
    const conn = await t.ok('channels.connect', { id: ch.id });
    expect(conn.state).toBe('qr');
    expect(conn.qr).toMatch(/^2@/);
    const firstQr = conn.qr;
    t.clock.advance(20_000);
    const refreshed = (await t.ok('channels.get', { id: ch.id })).connection;
    expect(refreshed.qr).not.toBe(firstQr);
    await t.ok('simulator.scan', { channelId: ch.id });
    t.clock.advance(1);
    expect((await t.ok('channels.get', { id: ch.id })).connection.state).toBe('ready');
    expect(states).toEqual(expect.arrayContaining(['starting', 'qr', 'authenticating', 'ready']));

    await t.core.close();
    const again = await makeCore({ dataDir: t.dataDir, clock: t.clock });
    t = again;
    await again.core.channels.resume();
    t.clock.advance(1);
    expect((await again.ok('channels.get', { id: ch.id })).connection.state).toBe('ready');
  });

  it('says so when a different account scans the QR', async () => {
    const ch = await t.ok('channels.create', { name: 'Demo', phone: '05321234567', engine: 'simulator' });
    await t.ok('channels.connect', { id: ch.id });
    await t.ok('simulator.scan', { channelId: ch.id, phone: '05329999999' });
    t.clock.advance(1);
    const conn = (await t.ok('channels.get', { id: ch.id })).connection;
    expect(conn.phoneMismatch).toBe(true);
    expect(conn.detail).toContain('+905329999999');
  });

  it('reconnects with backoff after an injected disconnect, and logout needs a new scan', async () => {
    const ch = await t.ok('channels.create', { name: 'Demo', phone: '05321234567', engine: 'simulator' });
    await t.ok('channels.connect', { id: ch.id });
    await t.ok('simulator.scan', { channelId: ch.id });
    t.clock.advance(1);
    await t.ok('simulator.inject', { channelId: ch.id, event: 'disconnect' });
    const dropped = (await t.ok('channels.get', { id: ch.id })).connection;
    expect(dropped.state).toBe('disconnected');
    expect(dropped.retryAt).not.toBeNull();
    t.clock.advance(2_001);
    expect((await t.ok('channels.get', { id: ch.id })).connection.state).toBe('ready');
    await t.ok('channels.logout', { id: ch.id });
    expect((await t.ok('channels.get', { id: ch.id })).connection.state).toBe('logged_out');
    expect((await t.ok('channels.connect', { id: ch.id })).state).toBe('qr');
  });
});
