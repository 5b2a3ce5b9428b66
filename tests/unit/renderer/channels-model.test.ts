import { describe, expect, it } from 'vitest';
import type { Channel, ChannelConnection, ConnectionState } from '../../../src-shared/api';
import {
  connectionActions,
  mergeList,
  newerConnection,
  sortChannels,
  STATE_META,
  upsertChannel,
  withConnection,
} from '../../../src-renderer/channels/model';

const conn = (state: ConnectionState, updatedAt: number, qr: string | null = null): ChannelConnection => ({
  state,
  qr,
  detail: null,
  detailTr: null,
  connectedPhone: null,
  phoneMismatch: false,
  retryAt: null,
  updatedAt,
});

const channel = (id: number, name: string, connection = conn('disconnected', 0)): Channel => ({
  id,
  name,
  phone: '+905321234567',
  phoneDisplay: '+90 532 123 45 67',
  engine: 'simulator',
  demo: true,
  defaultCountry: 'TR',
  createdAt: 0,
  updatedAt: 0,
  connection,
});

describe('channel connection states in the store', () => {
  it('keeps the state the server stamped later, whichever arrives last', () => {
    const qr = conn('qr', 200, 'q1');
    const starting = conn('starting', 100);
    expect(newerConnection(qr, starting)).toBe(qr);
    expect(newerConnection(starting, qr)).toBe(qr);
  });

  it('an event for a channel updates it; an older one or an unknown channel leaves the map as it is', () => {
    const byId = { 1: channel(1, 'A', conn('qr', 200, 'q1')) };
    const next = withConnection(byId, 1, conn('ready', 300));
    expect(next[1]!.connection.state).toBe('ready');
    expect(withConnection(next, 1, conn('qr', 250, 'q0'))).toBe(next);
    expect(withConnection(next, 9, conn('ready', 400))).toBe(next);
  });

  it('a reloaded channel keeps a newer live state than the one it was read with', () => {
    const byId = { 1: channel(1, 'A', conn('ready', 500)) };
    const reloaded = { ...channel(1, 'A renamed', conn('qr', 400, 'old')) };
    expect(upsertChannel(byId, reloaded)[1]).toMatchObject({ name: 'A renamed', connection: { state: 'ready' } });
  });

  it('a reloaded list drops deleted channels and adds new ones', () => {
    const byId = { 1: channel(1, 'A', conn('ready', 500)), 2: channel(2, 'B') };
    const merged = mergeList(byId, [channel(1, 'A', conn('disconnected', 10)), channel(3, 'C')]);
    expect(Object.keys(merged)).toEqual(['1', '3']);
    expect(merged[1]!.connection.state).toBe('ready');
  });

  it('sorts by name the way Turkish readers expect, case-insensitively', () => {
    const list = [channel(1, 'Zeytin'), channel(2, 'çiçek'), channel(3, 'Cam'), channel(4, 'Ödeme'), channel(5, 'oda')];
    expect(sortChannels(list, 'tr').map((c) => c.name)).toEqual(['Cam', 'çiçek', 'oda', 'Ödeme', 'Zeytin']);
  });
});

describe('connection buttons', () => {
  it('offers the actions that make sense in each state', () => {
    const on = (state: ConnectionState, demo = false) =>
      Object.entries(connectionActions(state, demo))
        .filter(([, v]) => v)
        .map(([k]) => k);
    expect(on('disconnected')).toEqual(['connect']);
    expect(on('starting')).toEqual(['disconnect']);
    expect(on('qr')).toEqual(['disconnect']);
    expect(on('qr', true)).toEqual(['disconnect', 'simulateScan']);
    expect(on('authenticating')).toEqual(['disconnect']);
    expect(on('ready')).toEqual(['disconnect', 'logout']);
    expect(on('ready', true)).toEqual(['disconnect', 'logout']);
    expect(on('offline')).toEqual(['connect', 'disconnect']);
    expect(on('browser_missing')).toEqual(['connect']);
    expect(on('logged_out')).toEqual(['connect']);
    expect(on('blocked')).toEqual(['connect', 'logout']);
  });

  it('gives every state a colour, and only ready the "ok" tone', () => {
    const ok = Object.entries(STATE_META).filter(([, m]) => m.tone === 'ok');
    expect(ok.map(([s]) => s)).toEqual(['ready']);
  });
});
