import { describe, expect, it } from 'vitest';
import { EventSocket, type LiveStatus, type SocketLike } from '../../../src-renderer/api/event-socket';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  drop() {
    this.onerror?.({});
    this.onclose?.({});
  }
  send(data: unknown) {
    this.onmessage?.({ data });
  }
}

function harness(backoffMs = [100, 200, 400], random = () => 0.5) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const statuses: LiveStatus[] = [];
  const events = new EventSocket({
    url: () => 'ws://127.0.0.1:4777/events',
    create: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
    backoffMs,
    random,
  });
  events.onStatus((s) => statuses.push(s));
  const fire = () => {
    const t = timers.shift();
    if (!t) throw new Error('no timer pending');
    if (!t.cleared) t.fn();
    return t.ms;
  };
  return { events, sockets, timers, statuses, fire };
}

describe('EventSocket', () => {
  it('opens one socket on first use and routes each event to its own listeners', () => {
    const h = harness();
    const states: unknown[] = [];
    const changes: unknown[] = [];
    h.events.on('whatsapp.state', (p) => states.push(p));
    h.events.on('channels.changed', (p) => changes.push(p));
    expect(h.sockets).toHaveLength(1);
    expect(h.sockets[0]!.url).toBe('ws://127.0.0.1:4777/events');
    h.sockets[0]!.open();
    h.sockets[0]!.send(JSON.stringify({ event: 'whatsapp.state', payload: { channelId: 1 } }));
    h.sockets[0]!.send(JSON.stringify({ event: 'channels.changed', payload: { channelId: 2 } }));
    expect(states).toEqual([{ channelId: 1 }]);
    expect(changes).toEqual([{ channelId: 2 }]);
    expect(h.statuses).toEqual(['connecting', 'open']);
  });

  it('ignores messages that are not JSON {event, payload} instead of throwing', () => {
    const h = harness();
    const got: unknown[] = [];
    h.events.on('x', (p) => got.push(p));
    h.sockets[0]!.open();
    for (const bad of ['not json', '42', 'null', JSON.stringify({ payload: 1 }), JSON.stringify({ event: 7 }), new ArrayBuffer(2)]) {
      expect(() => h.sockets[0]!.send(bad)).not.toThrow();
    }
    h.sockets[0]!.send(JSON.stringify({ event: 'x', payload: 'ok' }));
    expect(got).toEqual(['ok']);
  });

  it('reconnects with growing delays while the server is away, and resets them once it is back', () => {
    const h = harness([100, 200, 400]);
    h.events.on('x', () => undefined);
    h.sockets[0]!.open();
    h.sockets[0]!.drop();
    expect(h.statuses.at(-1)).toBe('closed');
    expect(h.fire()).toBe(100);
    h.sockets[1]!.drop();
    expect(h.fire()).toBe(200);
    h.sockets[2]!.drop();
    expect(h.fire()).toBe(400);
    h.sockets[3]!.drop();
    expect(h.fire()).toBe(400);
    h.sockets[4]!.open();
    expect(h.statuses.at(-1)).toBe('open');
    h.sockets[4]!.drop();
    expect(h.fire()).toBe(100);
    expect(h.sockets).toHaveLength(6);
  });

  it('keeps listeners across reconnects', () => {
    const h = harness();
    const got: unknown[] = [];
    h.events.on('x', (p) => got.push(p));
    h.sockets[0]!.open();
    h.sockets[0]!.drop();
    h.fire();
    h.sockets[1]!.open();
    h.sockets[1]!.send(JSON.stringify({ event: 'x', payload: 1 }));
    expect(got).toEqual([1]);
  });

  it('spreads reconnect delays by ±20% so several windows do not reconnect in step', () => {
    const delays = [0, 1].map((r) => {
      const h = harness([1000], () => r);
      h.events.on('x', () => undefined);
      h.sockets[0]!.drop();
      return h.timers[0]!.ms;
    });
    expect(delays).toEqual([800, 1200]);
  });

  it('stops for good on close: no socket, no pending reconnect', () => {
    const h = harness();
    h.events.on('x', () => undefined);
    h.sockets[0]!.open();
    h.sockets[0]!.drop();
    h.events.close();
    expect(h.timers.every((t) => t.cleared)).toBe(true);
    h.events.on('y', () => undefined);
    expect(h.sockets).toHaveLength(1);
    expect(h.statuses.at(-1)).toBe('closed');
  });

  it('a late close of a replaced socket does not schedule a second reconnect', () => {
    const h = harness();
    h.events.on('x', () => undefined);
    const first = h.sockets[0]!;
    first.drop();
    h.fire();
    first.onclose?.({});
    expect(h.timers).toHaveLength(0);
  });
});
