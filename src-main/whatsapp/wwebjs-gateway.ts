import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionState } from '../../src-shared/api/channels';
import type { LocalizedText } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { GatewayEmitter, GatewayError, type Gateway, type SendOptions, type SentMessage } from './gateway';
import {
  TEXT,
  ackLevel,
  classifyCallFailure,
  classifyStartFailure,
  disconnectOutcome,
  e164Digits,
  errorText,
  findSentVerdict,
  isPersonChat,
  messageText,
  phoneFromWid,
  socketOutcome,
} from './wwebjs/mapping';
import type { OpenSession, WaMessage, WaSession, WaSessionHandlers } from './wwebjs/session';
import { openWwebjsSession } from './wwebjs/wwebjs-session';

export interface WwebjsTimeouts {
  /** WhatsApp's site must answer within this after connect starts, or the channel is `offline`. */
  navigationMs: number;
  /** The QR (or a resuming saved session) must appear within this, or the attempt is abandoned as `offline`. */
  startMs: number;
  /** Any single WhatsApp call (number lookup, send, chat history) must settle within this. */
  callMs: number;
  /** Unlinking on logout may take this long before the session is deleted anyway. */
  logoutMs: number;
}

export const DEFAULT_TIMEOUTS: WwebjsTimeouts = {
  navigationMs: 30_000,
  startMs: 90_000,
  callMs: 60_000,
  logoutMs: 15_000,
};

export interface WwebjsOptions {
  sessionDir: string;
  clock: Clock;
  log: Logger;
  /** Resolved at each connect, so a browser installed or chosen in settings later is picked up. */
  browserPath: () => string | null;
  timeouts?: Partial<WwebjsTimeouts>;
  /** Replaces whatsapp-web.js; tests drive the gateway through a fake session. */
  openSession?: OpenSession;
}

export function createWwebjsGateway(opts: WwebjsOptions): Gateway {
  return new WwebjsGateway(opts);
}

/** States in which a session is up or on its way up, so another connect has nothing to do. */
const LIVE_STATES: ConnectionState[] = ['starting', 'qr', 'authenticating', 'ready'];
const HISTORY_LIMIT = 50;
/** A live page answers its socket state at once; longer means the browser is wedged and is better restarted. */
const SOCKET_CHECK_MS = 5_000;
const CHAT_ID_CACHE_SIZE = 500;

type StartOutcome = { ok: true } | { ok: false; state: ConnectionState; detail: LocalizedText };

interface StartWatch {
  navigated(status: number): void;
  abort(): void;
}

/**
 * The `wwebjs` engine: WhatsApp Web in a headless Chrome/Edge/Chromium found on the machine, driven by
 * whatsapp-web.js, with the linked session kept in `sessionDir` (LocalAuth) so a restart needs no new scan.
 * Every connect attempt is bounded in time and cleans up its browser when it fails; retrying is the
 * GatewayManager's job, which backs off while the state is `offline` or `disconnected`.
 */
export class WwebjsGateway extends GatewayEmitter implements Gateway {
  readonly engine = 'wwebjs' as const;
  private current: ConnectionState = 'disconnected';
  private session: WaSession | null = null;
  /** Bumped whenever a session is abandoned, so its late events and results are ignored. */
  private generation = 0;
  private starting: StartWatch | null = null;
  /** WhatsApp Web lost its socket but keeps reconnecting it by itself. */
  private socketDown = false;
  /** The previous browser must be gone before the next one opens the same profile. */
  private closing: Promise<void> = Promise.resolve();
  /** Keeps incoming messages in order while some need an id lookup. */
  private inbox: Promise<void> = Promise.resolve();
  private chatIds = new Map<string, string>();
  private readonly timeouts: WwebjsTimeouts;
  private readonly openSession: OpenSession;

  constructor(private readonly opts: WwebjsOptions) {
    super();
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.openSession = opts.openSession ?? openWwebjsSession;
  }

  state(): ConnectionState {
    return this.current;
  }

  async connect(): Promise<void> {
    // `starting` covers the wait for the previous browser to close, before this attempt has a session.
    if (this.current === 'starting' || (this.session && LIVE_STATES.includes(this.current))) return;
    const existing = this.session;
    if (existing && this.socketDown && (await this.socketRecovered(existing)) && this.session === existing) {
      this.socketDown = false;
      this.setState('ready', null);
      return;
    }
    this.abandon();
    const gen = this.generation;
    this.setState('starting', null);
    await this.closing;
    if (gen !== this.generation) return;
    const executablePath = this.opts.browserPath();
    if (!executablePath) {
      this.setState('browser_missing', TEXT.browserMissing);
      return;
    }
    this.chatIds.clear();
    const session = this.openSession(
      { sessionDir: this.opts.sessionDir, executablePath, log: this.opts.log },
      this.handlers(gen),
    );
    this.session = session;
    const outcome = await this.start(session, executablePath);
    if (gen !== this.generation) return;
    if (outcome.ok) {
      // A saved session resumes without a QR; show that something is happening while WhatsApp syncs.
      if (this.state() === 'starting') this.setState('authenticating', null);
      return;
    }
    this.abandon();
    const after = this.generation;
    await this.closing;
    if (after === this.generation) this.setState(outcome.state, outcome.detail);
  }

  async disconnect(): Promise<void> {
    this.abandon();
    await this.closing;
    this.setState('disconnected', null);
  }

  async logout(): Promise<void> {
    const linked = this.current === 'ready' || this.current === 'authenticating' || this.socketDown;
    // Detached first, so the library's own "logged out" event during the unlink is not taken for a phone logout.
    const session = this.detach();
    if (session && linked) {
      try {
        await this.within(session.logout(), this.timeouts.logoutMs, 'unlinking the device');
      } catch (err) {
        this.opts.log.warn('WhatsApp logout failed; deleting the session anyway', { error: errorText(err) });
      }
    }
    if (session) this.close(session);
    await this.closing;
    clearDir(this.opts.sessionDir);
    this.setState('logged_out', TEXT.loggedOut);
  }

  async checkNumber(e164: string): Promise<string | null> {
    const session = this.requireReady();
    const digits = e164Digits(e164);
    if (!digits) return null;
    const cached = this.chatIds.get(e164);
    if (cached) return cached;
    const id = await this.call(session.numberId(digits), 'checking the number');
    if (id) this.remember(e164, id);
    return id;
  }

  async sendText(to: string, text: string, _opts?: SendOptions): Promise<SentMessage> {
    const session = this.requireReady();
    const chatId = await this.chatIdFor(to);
    const messageId = await this.call(session.sendText(chatId, text), 'sending the message');
    return { messageId, at: this.opts.clock.now() };
  }

  async sendImage(to: string, file: { path: string; mime: string }, caption: string | null, _opts?: SendOptions): Promise<SentMessage> {
    const session = this.requireReady();
    if (!fs.existsSync(file.path)) throw new GatewayError('send_failed', `The image file is missing: ${file.path}`);
    const chatId = await this.chatIdFor(to);
    const messageId = await this.call(session.sendImage(chatId, file, caption), 'sending the image');
    return { messageId, at: this.opts.clock.now() };
  }

  /** Starts "typing..." and clears it after `ms`; returns at once, so the caller's pacing owns the waiting. */
  async typing(to: string, ms: number): Promise<void> {
    const session = this.requireReady();
    const chatId = await this.chatIdFor(to);
    await this.call(session.setTyping(chatId, true), 'showing typing');
    this.opts.clock.setTimeout(() => {
      if (this.session !== session) return;
      session.setTyping(chatId, false).catch((err: unknown) => this.opts.log.warn('clearing typing failed', { error: errorText(err) }));
    }, ms);
  }

  /**
   * WhatsApp keeps no idempotency key, so this matches the body among this account's own messages in the chat
   * since `since`; a number not on WhatsApp cannot have received anything.
   */
  async findSent(to: string, probe: { clientRef?: string; body: string; since: number }): Promise<'sent' | 'not_sent' | 'unknown'> {
    const session = this.requireReady();
    const chatId = await this.checkNumber(to);
    if (!chatId) return 'not_sent';
    try {
      const { messages, complete } = await this.call(session.recentOwnMessages(chatId, HISTORY_LIMIT), 'reading the chat');
      return findSentVerdict(messages, probe, complete);
    } catch (err) {
      this.opts.log.warn('could not read the chat to reconcile a send', { error: errorText(err) });
      return 'unknown';
    }
  }

  private handlers(gen: number): WaSessionHandlers {
    const live = () => gen === this.generation;
    return {
      navigated: (status) => {
        if (live()) this.starting?.navigated(status);
      },
      qr: (qr) => {
        if (!live()) return;
        if (this.current !== 'qr') this.setState('qr', null);
        this.emit('qr', qr);
      },
      authenticated: () => {
        if (live() && this.current !== 'ready') this.setState('authenticating', null);
      },
      ready: (me) => {
        if (!live()) return;
        this.socketDown = false;
        this.setState('ready', null);
        this.emit('ready', { phone: phoneFromWid(me?.id), pushName: me?.pushName ?? null });
      },
      disconnected: (reason) => {
        if (!live()) return;
        this.opts.log.info('WhatsApp Web disconnected', { reason });
        const outcome = disconnectOutcome(reason);
        // After a logout from the phone the library stays in the same browser and shows a new QR; every other
        // reason ends the session, and the library closes its browser itself.
        if (reason !== 'LOGOUT') this.abandon();
        else this.socketDown = false;
        this.setState(outcome.state, outcome.detail);
      },
      socketState: (waState) => {
        if (!live()) return;
        const outcome = socketOutcome(waState);
        if (outcome === 'offline' && this.current === 'ready') {
          this.socketDown = true;
          this.setState('offline', TEXT.connectionLost);
        } else if (outcome === 'ready' && this.socketDown) {
          this.socketDown = false;
          this.setState('ready', null);
        }
      },
      message: (msg) => {
        if (!live()) return;
        const session = this.session;
        if (!session) return;
        this.inbox = this.inbox
          .then(() => this.relay(session, msg))
          .catch((err: unknown) => this.opts.log.warn('could not relay a WhatsApp message', { error: errorText(err) }));
      },
      ack: (messageId, ack, fromMe) => {
        if (!live() || !fromMe) return;
        const level = ackLevel(ack);
        if (level) this.emit('ack', { messageId, level });
      },
      broken: () => {
        // During start the failing start() reports the problem itself.
        if (!live() || this.starting) return;
        this.abandon();
        this.setState('disconnected', TEXT.sessionBroken);
      },
    };
  }

  /** Runs `session.start()` against the navigation and start deadlines; settles with what the UI should show. */
  private start(session: WaSession, executablePath: string): Promise<StartOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: StartOutcome) => {
        if (done) return;
        done = true;
        navigation.cancel();
        overall.cancel();
        this.starting = null;
        resolve(outcome);
      };
      const { clock } = this.opts;
      const navigation = clock.setTimeout(() => finish({ ok: false, state: 'offline', detail: TEXT.offline }), this.timeouts.navigationMs);
      const overall = clock.setTimeout(() => finish({ ok: false, state: 'offline', detail: TEXT.slowStart }), this.timeouts.startMs);
      this.starting = {
        navigated: (status) => {
          navigation.cancel();
          if (status >= 400) finish({ ok: false, state: 'offline', detail: TEXT.offline });
        },
        abort: () => finish({ ok: false, state: 'disconnected', detail: TEXT.lost }),
      };
      session.start().then(
        () => finish({ ok: true }),
        (err: unknown) => {
          if (done) return;
          const failure = classifyStartFailure(err, executablePath);
          this.opts.log.warn('WhatsApp Web did not start', { state: failure.kind, error: errorText(err) });
          finish({ ok: false, state: failure.kind, detail: failure.detail });
        },
      );
    });
  }

  /** Drops the current session (if any) and closes its browser. */
  private abandon(): void {
    const session = this.detach();
    if (session) this.close(session);
  }

  /** Makes the current session's events and pending start irrelevant from now on, and hands it over. */
  private detach(): WaSession | null {
    this.generation++;
    this.starting?.abort();
    const session = this.session;
    this.session = null;
    this.socketDown = false;
    return session;
  }

  private close(session: WaSession): void {
    const closed = session.close().catch((err: unknown) => this.opts.log.warn('closing the browser failed', { error: errorText(err) }));
    this.closing = Promise.all([this.closing, closed]).then(() => undefined);
  }

  private async socketRecovered(session: WaSession): Promise<boolean> {
    try {
      return (await this.within(session.socketState(), SOCKET_CHECK_MS, 'checking the connection')) === 'CONNECTED';
    } catch {
      return false;
    }
  }

  private async relay(session: WaSession, msg: WaMessage): Promise<void> {
    const chat = msg.fromMe ? msg.to : msg.from;
    if (msg.isStatus || !isPersonChat(chat)) return;
    const text = messageText(msg.type, msg.body);
    if (text === null) return;
    const phone = await this.within(session.phoneOf(chat), this.timeouts.callMs, 'looking up the sender');
    if (!phone) {
      this.opts.log.warn('skipped a WhatsApp message whose number WhatsApp does not reveal', { chat });
      return;
    }
    const at = msg.timestamp > 0 ? msg.timestamp * 1000 : this.opts.clock.now();
    if (msg.fromMe) this.emit('outgoing', { messageId: msg.id, to: phone, text, at });
    else this.emit('message', { messageId: msg.id, from: phone, pushName: msg.pushName, text, at });
  }

  private async chatIdFor(to: string): Promise<string> {
    const id = await this.checkNumber(to);
    if (!id) throw new GatewayError('invalid_number', `${to} is not on WhatsApp.`);
    return id;
  }

  private remember(e164: string, id: string): void {
    this.chatIds.set(e164, id);
    if (this.chatIds.size > CHAT_ID_CACHE_SIZE) this.chatIds.delete(this.chatIds.keys().next().value!);
  }

  private requireReady(): WaSession {
    if (this.current === 'blocked') throw new GatewayError('blocked', 'WhatsApp has blocked this channel.');
    if (this.current !== 'ready' || !this.session) throw new GatewayError('not_ready', 'The channel is not connected.');
    return this.session;
  }

  /** A WhatsApp call, bounded in time, with failures as GatewayErrors the caller can act on. */
  private async call<T>(work: Promise<T>, what: string): Promise<T> {
    try {
      return await this.within(work, this.timeouts.callMs, what);
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      const reason = this.current === 'blocked' ? 'blocked' : classifyCallFailure(err);
      throw new GatewayError(reason, `WhatsApp failed while ${what}: ${errorText(err)}`);
    }
  }

  private within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.opts.clock.setTimeout(
        () => reject(new GatewayError('timeout', `WhatsApp did not answer in time while ${what}; the outcome is unknown.`)),
        ms,
      );
      work.then(
        (v) => {
          timer.cancel();
          resolve(v);
        },
        (err: unknown) => {
          timer.cancel();
          reject(err);
        },
      );
    });
  }

  private setState(state: ConnectionState, detail: LocalizedText | null): void {
    this.current = state;
    this.emit('state', state, detail);
  }
}

/** Deletes what the session dir holds (the browser profile with the linked session), keeping the dir itself. */
function clearDir(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
