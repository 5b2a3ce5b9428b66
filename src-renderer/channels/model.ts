import type { Channel, ChannelConnection, ConnectionState } from '../../src-shared/api';

/**
 * A connection state can reach the page twice (the answer to `channels.connect` and the `whatsapp.state` event)
 * in either order; the one the server stamped later wins, so an old answer never hides a newer QR or state.
 */
export function newerConnection(current: ChannelConnection, incoming: ChannelConnection): ChannelConnection {
  return incoming.updatedAt >= current.updatedAt ? incoming : current;
}

/** Puts a fresh copy of a channel into the map, keeping the newer of the two connection states. */
export function upsertChannel(byId: Record<number, Channel>, channel: Channel): Record<number, Channel> {
  const existing = byId[channel.id];
  const connection = existing ? newerConnection(existing.connection, channel.connection) : channel.connection;
  return { ...byId, [channel.id]: { ...channel, connection } };
}

/** The server's list replaces the map (deleted channels go), keeping connection states newer than the list. */
export function mergeList(previous: Record<number, Channel>, list: Channel[]): Record<number, Channel> {
  const byId: Record<number, Channel> = {};
  for (const channel of list) {
    const old = previous[channel.id];
    byId[channel.id] = old ? { ...channel, connection: newerConnection(old.connection, channel.connection) } : channel;
  }
  return byId;
}

export function withConnection(
  byId: Record<number, Channel>,
  channelId: number,
  connection: ChannelConnection,
): Record<number, Channel> {
  const existing = byId[channelId];
  if (!existing) return byId;
  const next = newerConnection(existing.connection, connection);
  return next === existing.connection ? byId : { ...byId, [channelId]: { ...existing, connection: next } };
}

/** Channels in the order people look for them: by name, case- and accent-insensitive, Turkish-aware. */
export function sortChannels(channels: Iterable<Channel>, language: string): Channel[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return [...channels].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
}

export type StateTone = 'ok' | 'busy' | 'attention' | 'problem' | 'idle';

export interface StateMeta {
  color: string;
  tone: StateTone;
}

export const STATE_META: Record<ConnectionState, StateMeta> = {
  disconnected: { color: 'gray', tone: 'idle' },
  starting: { color: 'blue', tone: 'busy' },
  qr: { color: 'yellow', tone: 'attention' },
  authenticating: { color: 'blue', tone: 'busy' },
  ready: { color: 'teal', tone: 'ok' },
  offline: { color: 'orange', tone: 'problem' },
  browser_missing: { color: 'red', tone: 'problem' },
  logged_out: { color: 'gray', tone: 'attention' },
  blocked: { color: 'red', tone: 'problem' },
};

export interface ConnectionActions {
  connect: boolean;
  disconnect: boolean;
  logout: boolean;
  /** Demo channels only: the simulated phone scans the QR on screen. */
  simulateScan: boolean;
}

/**
 * Which buttons make sense in a state. Connect starts (or retries) a connection; Disconnect stops it but keeps the
 * session, so the next connect needs no scan; Log out unlinks the device, so the next connect shows a new QR.
 */
export function connectionActions(state: ConnectionState, demo: boolean): ConnectionActions {
  const active = state === 'starting' || state === 'qr' || state === 'authenticating' || state === 'ready';
  return {
    connect: !active,
    disconnect: active || state === 'offline',
    logout: state === 'ready' || state === 'blocked',
    simulateScan: demo && state === 'qr',
  };
}
