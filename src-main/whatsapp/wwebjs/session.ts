import type { Logger } from '../../platform/logger';
import type { OwnMessage } from './mapping';

/**
 * The seam between the gateway's logic (states, deadlines, mapping) and the browser-driving library. The real
 * implementation (./wwebjs-session.ts) wraps whatsapp-web.js; unit tests drive the gateway with a fake.
 */

/** A message as whatsapp-web.js reports it, reduced to plain data. */
export interface WaMessage {
  id: string;
  from: string;
  to: string;
  fromMe: boolean;
  body: string;
  type: string;
  isStatus: boolean;
  /** Seconds since epoch, as WhatsApp stores it; 0 when absent. */
  timestamp: number;
  pushName: string | null;
}

export interface WaSessionHandlers {
  /** WhatsApp Web's page answered the navigation (any HTTP status); the network path to WhatsApp works. */
  navigated(status: number): void;
  qr(qr: string): void;
  authenticated(): void;
  /** `me` is the linked account's own id (`<digits>@c.us`, or a LID when WhatsApp hides the number). */
  ready(me: { id: string; pushName: string | null } | null): void;
  disconnected(reason: string): void;
  socketState(state: string): void;
  /** Incoming messages and the account's own new messages (sent here or from the phone). */
  message(msg: WaMessage): void;
  ack(messageId: string, ack: number, fromMe: boolean): void;
  /** The browser or its page died or stopped working without `close()` being called. */
  broken(): void;
}

export interface WaSession {
  /** Launches the browser and loads WhatsApp Web; resolves once a QR is shown or a saved session is resuming. */
  start(): Promise<void>;
  /** Closes the browser, leaving the saved session on disk; never leaves a browser process behind. */
  close(): Promise<void>;
  /** Unlinks this device on WhatsApp's side. */
  logout(): Promise<void>;
  socketState(): Promise<string | null>;
  /** The serialized WhatsApp id for a number (digits only), or null when it is not on WhatsApp. */
  numberId(digits: string): Promise<string | null>;
  /** The E.164 number behind a chat id, resolving LIDs; null when WhatsApp does not reveal it. */
  phoneOf(chatId: string): Promise<string | null>;
  sendText(chatId: string, text: string): Promise<string>;
  sendImage(chatId: string, file: { path: string; mime: string }, caption: string | null): Promise<string>;
  setTyping(chatId: string, typing: boolean): Promise<void>;
  /** The account's own latest messages in a chat (oldest first); `complete` when the chat holds no more. */
  recentOwnMessages(chatId: string, limit: number): Promise<{ messages: OwnMessage[]; complete: boolean }>;
}

export interface WaSessionOptions {
  /** LocalAuth's data dir: the browser profile holding the linked session. */
  sessionDir: string;
  executablePath: string;
  log: Logger;
}

export type OpenSession = (opts: WaSessionOptions, handlers: WaSessionHandlers) => WaSession;
