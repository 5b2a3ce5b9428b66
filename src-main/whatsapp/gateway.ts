import type { ConnectionState } from '../../src-shared/api/channels';
import type { LocalizedText } from '../../src-shared/errors';

export type AckLevel = 'pending' | 'server' | 'device' | 'read' | 'error';

export interface SentMessage {
  /** WhatsApp's id for the message, used to match later acks and to reconcile after a crash. */
  messageId: string;
  at: number;
}

export interface IncomingMessage {
  messageId: string;
  /** E.164 of the sender. */
  from: string;
  /** The sender's WhatsApp display name (push name), when WhatsApp gives one. */
  pushName: string | null;
  text: string;
  at: number;
}

export interface GatewayEvents {
  /** Every state change, with a sentence the UI can show as is. */
  state: (state: ConnectionState, detail: LocalizedText | null) => void;
  qr: (qr: string) => void;
  /** The account that scanned, as E.164, once the session is ready. */
  ready: (info: { phone: string | null; pushName: string | null }) => void;
  message: (msg: IncomingMessage) => void;
  /** Outgoing messages sent from the phone itself or by this app, so contact cards and chats see them. */
  outgoing: (msg: { messageId: string; to: string; text: string; at: number }) => void;
  ack: (ack: { messageId: string; level: AckLevel }) => void;
}

export type GatewayEventName = keyof GatewayEvents;

export interface SendOptions {
  /** The caller's idempotency key (a campaign send unit), recorded where the engine can keep it. */
  clientRef?: string;
}

/**
 * The seam between the app and WhatsApp. Everything above it (campaigns, chats, contacts) talks to this
 * interface only, so the simulator and whatsapp-web.js are interchangeable and the core is testable.
 */
export interface Gateway {
  readonly engine: 'wwebjs' | 'simulator';
  /** Starts the session: emits `qr` until scanned, or goes straight to `ready` with a saved session. */
  connect(): Promise<void>;
  /** Closes the session but keeps it saved, so the next connect needs no new scan. */
  disconnect(): Promise<void>;
  /** Unlinks the device and deletes the saved session; the next connect shows a new QR. */
  logout(): Promise<void>;
  state(): ConnectionState;
  /** The WhatsApp id for a number, or null when the number is not on WhatsApp. */
  checkNumber(e164: string): Promise<string | null>;
  sendText(to: string, text: string, opts?: SendOptions): Promise<SentMessage>;
  sendImage(to: string, file: { path: string; mime: string }, caption: string | null, opts?: SendOptions): Promise<SentMessage>;
  /** Shows "typing..." in the recipient's chat for a while; a no-op where the engine cannot. */
  typing(to: string, ms: number): Promise<void>;
  /**
   * Looks at the chat with `to` for a message this app sent with `clientRef` (or the same body) since `since`;
   * `unknown` where the engine cannot tell.
   */
  findSent(to: string, probe: { clientRef?: string; body: string; since: number }): Promise<'sent' | 'not_sent' | 'unknown'>;
  on<E extends GatewayEventName>(event: E, listener: GatewayEvents[E]): () => void;
}

export class GatewayError extends Error {
  constructor(
    readonly reason: 'not_ready' | 'invalid_number' | 'send_failed' | 'blocked' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** A minimal typed emitter the engines share. */
export class GatewayEmitter {
  private listeners = new Map<GatewayEventName, Set<(...args: unknown[]) => void>>();

  on<E extends GatewayEventName>(event: E, listener: GatewayEvents[E]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const fn = listener as (...args: unknown[]) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  protected emit<E extends GatewayEventName>(event: E, ...args: Parameters<GatewayEvents[E]>): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}
