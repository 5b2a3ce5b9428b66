/** How the live event stream is doing, so the UI can say when updates are paused and stores can resync. */
export type LiveStatus = 'connecting' | 'open' | 'closed';

/** The part of the browser's WebSocket this module uses; tests pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

export interface EventSocketOptions {
  url: () => string;
  create: (url: string) => SocketLike;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Delays before reconnect attempts 1, 2, 3...; the last one repeats. */
  backoffMs?: readonly number[];
  /** 0..1; spreads reconnects of several windows so a restarted server is not hit all at once. */
  random?: () => number;
}

export const DEFAULT_BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000] as const;

type Listener = (payload: unknown) => void;

/**
 * One WebSocket for all of the page's event listeners. It opens with the first listener, reconnects with backoff
 * whenever it drops (server restart, laptop sleep) and tells status listeners, so stores can reload what they
 * may have missed while it was down.
 */
export class EventSocket {
  private socket: SocketLike | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  private current: LiveStatus = 'closed';
  private attempts = 0;
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly opts: EventSocketOptions) {}

  get status(): LiveStatus {
    return this.current;
  }

  on(event: string, cb: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb);
    this.ensureOpen();
    return () => {
      set.delete(cb);
    };
  }

  onStatus(cb: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(cb);
    this.ensureOpen();
    return () => {
      this.statusListeners.delete(cb);
    };
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setStatus('closed');
  }

  private ensureOpen(): void {
    if (this.stopped || this.socket || this.timer !== null) return;
    this.open();
  }

  private open(): void {
    this.setStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.opts.create(this.opts.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempts = 0;
      this.setStatus('open');
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.dispatch(ev.data);
    };
    // A failed handshake fires error then close; reconnecting once, from close, is enough.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus('closed');
    const steps = this.opts.backoffMs ?? DEFAULT_BACKOFF_MS;
    const base = steps[Math.min(this.attempts, steps.length - 1)] ?? 1_000;
    this.attempts += 1;
    const jitter = 0.8 + 0.4 * (this.opts.random ?? Math.random)();
    this.timer = this.opts.setTimer(() => {
      this.timer = null;
      this.open();
    }, Math.round(base * jitter));
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const cb of [...(this.listeners.get(event) ?? [])]) cb(payload);
  }

  private setStatus(next: LiveStatus): void {
    if (next === this.current) return;
    this.current = next;
    for (const cb of [...this.statusListeners]) cb(next);
  }
}
