import path from 'node:path';
import fs from 'node:fs';
import type { ChannelConnection, ConnectionState, Engine } from '../../src-shared/api/channels';
import type { LocalizedText } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { Gateway, GatewayEvents } from './gateway';

export interface GatewayTarget {
  channelId: number;
  engine: Engine;
  /** Folder for this channel's saved session. */
  sessionDir: string;
}

export type GatewayFactory = (target: GatewayTarget) => Gateway;

export interface ManagerDeps {
  clock: Clock;
  events: EventBus;
  log: Logger;
  factory: GatewayFactory;
  sessionsDir: string;
  /** The channel's own number, to warn when a different account scans. */
  channelPhone(channelId: number): string | null;
  /** Remembers the account that scanned. */
  onConnectedPhone(channelId: number, phone: string | null): void;
  /** Hands a gateway event to its subscribers (in order; while an import writes, in the app's turns). */
  deliver?: (handle: () => void) => void;
}

/** Reconnect delays after an unexpected drop: quick at first, then no more than once a minute. */
export const BACKOFF_MS = [2_000, 5_000, 10_000, 30_000, 60_000];
const RETRY_STATES: ConnectionState[] = ['disconnected', 'offline'];

interface Entry {
  gateway: Gateway;
  connection: ChannelConnection;
  /** The user asked for this channel to be connected; drops are retried while this holds. */
  wanted: boolean;
  attempts: number;
  retry: { cancel(): void } | null;
  unsubscribe: (() => void)[];
}

/**
 * Owns one gateway per channel: starts and stops them, keeps the last known connection state for the UI,
 * publishes `whatsapp.state`, and reconnects with backoff when a wanted connection drops.
 */
export class GatewayManager {
  private entries = new Map<number, Entry>();
  private subscribers = new Set<{ event: keyof GatewayEvents; fn: (channelId: number, ...args: never[]) => void }>();

  constructor(private readonly deps: ManagerDeps) {}

  connection(channelId: number): ChannelConnection {
    return this.entries.get(channelId)?.connection ?? idleConnection(this.deps.clock.now());
  }

  gateway(channelId: number): Gateway | null {
    return this.entries.get(channelId)?.gateway ?? null;
  }

  /** Lets features (contacts, campaigns, chats) hear every channel's gateway events, present and future. */
  onGatewayEvent<E extends keyof GatewayEvents>(
    event: E,
    fn: (channelId: number, ...args: Parameters<GatewayEvents[E]>) => void,
  ): () => void {
    const sub = { event, fn: fn as unknown as (channelId: number, ...args: never[]) => void };
    this.subscribers.add(sub);
    for (const [channelId, entry] of this.entries) this.attach(channelId, entry, sub);
    return () => this.subscribers.delete(sub);
  }

  async connect(target: GatewayTarget): Promise<ChannelConnection> {
    const entry = this.ensure(target);
    entry.wanted = true;
    entry.attempts = 0;
    entry.retry?.cancel();
    entry.retry = null;
    await this.start(target.channelId, entry);
    return entry.connection;
  }

  async disconnect(channelId: number): Promise<ChannelConnection> {
    const entry = this.entries.get(channelId);
    if (!entry) return this.connection(channelId);
    entry.wanted = false;
    entry.retry?.cancel();
    entry.retry = null;
    await entry.gateway.disconnect();
    return entry.connection;
  }

  async logout(target: GatewayTarget): Promise<ChannelConnection> {
    const entry = this.ensure(target);
    entry.wanted = false;
    entry.retry?.cancel();
    entry.retry = null;
    await entry.gateway.logout();
    this.deps.onConnectedPhone(target.channelId, null);
    return entry.connection;
  }

  /** Stops and forgets a channel's gateway and deletes its saved session (the channel is being deleted). */
  async remove(channelId: number): Promise<void> {
    const entry = this.entries.get(channelId);
    if (entry) {
      entry.wanted = false;
      entry.retry?.cancel();
      await entry.gateway.disconnect().catch(() => undefined);
      for (const off of entry.unsubscribe) off();
      this.entries.delete(channelId);
    }
    fs.rmSync(path.join(this.deps.sessionsDir, String(channelId)), { recursive: true, force: true });
  }

  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.entries.values()].map(async (e) => {
        e.wanted = false;
        e.retry?.cancel();
        await e.gateway.disconnect().catch(() => undefined);
      }),
    );
  }

  /** The channel's gateway, created (not connected) if it does not exist yet. */
  obtain(target: GatewayTarget): Gateway {
    return this.ensure(target).gateway;
  }

  private ensure(target: GatewayTarget): Entry {
    const existing = this.entries.get(target.channelId);
    if (existing) return existing;
    const gateway = this.deps.factory(target);
    const entry: Entry = {
      gateway,
      connection: idleConnection(this.deps.clock.now()),
      wanted: false,
      attempts: 0,
      retry: null,
      unsubscribe: [],
    };
    const id = target.channelId;
    entry.unsubscribe.push(
      gateway.on('state', (state, detail) => this.onState(id, entry, state, detail)),
      gateway.on('qr', (qr) => this.update(id, entry, { qr })),
      gateway.on('ready', ({ phone }) => this.onReady(id, entry, phone)),
    );
    for (const sub of this.subscribers) this.attach(id, entry, sub);
    this.entries.set(id, entry);
    return entry;
  }

  private attach(
    channelId: number,
    entry: Entry,
    sub: { event: keyof GatewayEvents; fn: (channelId: number, ...args: never[]) => void },
  ): void {
    const deliver = this.deps.deliver ?? ((handle: () => void) => handle());
    const off = entry.gateway.on(sub.event, ((...args: never[]) => deliver(() => sub.fn(channelId, ...args))) as never);
    entry.unsubscribe.push(off);
  }

  private async start(channelId: number, entry: Entry): Promise<void> {
    try {
      await entry.gateway.connect();
    } catch (err) {
      this.deps.log.warn('gateway connect failed', { channelId, error: String(err) });
      this.onState(channelId, entry, 'offline', {
        en: 'Could not reach WhatsApp. Check the internet connection; we will keep trying.',
        tr: "WhatsApp'a ulaşılamadı. İnternet bağlantınızı kontrol edin; denemeye devam edeceğiz.",
      });
    }
  }

  private onState(channelId: number, entry: Entry, state: ConnectionState, detail: LocalizedText | null): void {
    if (state === 'ready') entry.attempts = 0;
    const retryAt = entry.wanted && RETRY_STATES.includes(state) ? this.scheduleRetry(channelId, entry) : null;
    if (!RETRY_STATES.includes(state)) {
      entry.retry?.cancel();
      entry.retry = null;
    }
    this.update(channelId, entry, {
      state,
      qr: state === 'qr' ? entry.connection.qr : null,
      detail: detail?.en ?? (state === 'ready' ? entry.connection.detail : null),
      detailTr: detail?.tr ?? (state === 'ready' ? entry.connection.detailTr : null),
      retryAt,
    });
  }

  private onReady(channelId: number, entry: Entry, phone: string | null): void {
    this.deps.onConnectedPhone(channelId, phone);
    const own = this.deps.channelPhone(channelId);
    const mismatch = phone !== null && own !== null && phone !== own;
    this.update(channelId, entry, {
      connectedPhone: phone,
      phoneMismatch: mismatch,
      detail: mismatch ? `The scanned WhatsApp account is ${phone}, not this channel's number ${own}.` : null,
      detailTr: mismatch ? `Okutulan WhatsApp hesabı ${phone}; bu kanalın numarası ise ${own}.` : null,
    });
  }

  private scheduleRetry(channelId: number, entry: Entry): number {
    if (entry.retry) return entry.connection.retryAt ?? this.deps.clock.now();
    const delay = BACKOFF_MS[Math.min(entry.attempts, BACKOFF_MS.length - 1)]!;
    entry.attempts += 1;
    entry.retry = this.deps.clock.setTimeout(() => {
      entry.retry = null;
      if (entry.wanted) void this.start(channelId, entry);
    }, delay);
    return this.deps.clock.now() + delay;
  }

  private update(channelId: number, entry: Entry, patch: Partial<ChannelConnection>): void {
    entry.connection = { ...entry.connection, ...patch, updatedAt: this.deps.clock.now() };
    this.deps.events.emit('whatsapp.state', { channelId, connection: entry.connection });
  }
}

export function idleConnection(now: number): ChannelConnection {
  return {
    state: 'disconnected',
    qr: null,
    detail: null,
    detailTr: null,
    connectedPhone: null,
    phoneMismatch: false,
    retryAt: null,
    updatedAt: now,
  };
}
