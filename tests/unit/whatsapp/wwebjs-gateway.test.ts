import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src-shared/api/channels';
import type { LocalizedText } from '../../../src-shared/errors';
import { ManualClock } from '../../../src-main/platform/clock';
import { EventBus } from '../../../src-main/platform/events';
import { silentLogger } from '../../../src-main/platform/logger';
import { GatewayError, type AckLevel, type IncomingMessage } from '../../../src-main/whatsapp/gateway';
import { BACKOFF_MS, GatewayManager } from '../../../src-main/whatsapp/manager';
import { DEFAULT_TIMEOUTS, WwebjsGateway, type WwebjsOptions } from '../../../src-main/whatsapp/wwebjs-gateway';
import { TEXT } from '../../../src-main/whatsapp/wwebjs/mapping';
import type { OwnMessage } from '../../../src-main/whatsapp/wwebjs/mapping';
import type { WaMessage, WaSession, WaSessionHandlers, WaSessionOptions } from '../../../src-main/whatsapp/wwebjs/session';
import { tempDir } from '../../helpers/core';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

/** Stands in for whatsapp-web.js: the test decides what the browser does and when. */
class FakeSession implements WaSession {
  started = deferred();
  closedWith = deferred();
  closeCalls = 0;
  logoutCalls = 0;
  logoutResult: Promise<void> = Promise.resolve();
  state: string | null = 'CONNECTED';
  numbers = new Map<string, string | null>();
  numberLookups = 0;
  phones = new Map<string, Promise<string | null>>();
  sendResult: () => Promise<string> = async () => 'true_905321234567@c.us_3EB0AA';
  sent: { chatId: string; text: string }[] = [];
  images: { chatId: string; path: string; mime: string; caption: string | null }[] = [];
  typingCalls: { chatId: string; typing: boolean }[] = [];
  history: () => Promise<{ messages: OwnMessage[]; complete: boolean }> = async () => ({ messages: [], complete: true });
  /** Real sessions close quickly; tests that care hold this open. */
  closeGate: Promise<void> = Promise.resolve();

  constructor(
    readonly opts: WaSessionOptions,
    readonly h: WaSessionHandlers,
  ) {}

  start() {
    return this.started.promise;
  }
  async close() {
    this.closeCalls++;
    await this.closeGate;
    this.closedWith.resolve();
  }
  async logout() {
    this.logoutCalls++;
    await this.logoutResult;
  }
  async socketState() {
    return this.state;
  }
  async numberId(digits: string) {
    this.numberLookups++;
    return this.numbers.has(digits) ? this.numbers.get(digits)! : `${digits}@c.us`;
  }
  async phoneOf(chatId: string) {
    const known = this.phones.get(chatId);
    if (known) return known;
    const m = /^(\d+)@c\.us$/.exec(chatId);
    return m ? `+${m[1]}` : null;
  }
  sendText(chatId: string, text: string) {
    this.sent.push({ chatId, text });
    return this.sendResult();
  }
  sendImage(chatId: string, file: { path: string; mime: string }, caption: string | null) {
    this.images.push({ chatId, ...file, caption });
    return this.sendResult();
  }
  async setTyping(chatId: string, typing: boolean) {
    this.typingCalls.push({ chatId, typing });
  }
  recentOwnMessages() {
    return this.history();
  }
}

interface Harness {
  gw: WwebjsGateway;
  clock: ManualClock;
  dir: string;
  sessions: FakeSession[];
  last(): FakeSession;
  states: { state: ConnectionState; detail: LocalizedText | null }[];
  qrs: string[];
  readies: { phone: string | null; pushName: string | null }[];
  messages: IncomingMessage[];
  outgoing: { messageId: string; to: string; text: string; at: number }[];
  acks: { messageId: string; level: AckLevel }[];
  browser: { path: string | null };
}

function harness(overrides: Partial<WwebjsOptions> = {}): Harness {
  const clock = new ManualClock();
  const dir = tempDir('wwebjs-gw-');
  const sessions: FakeSession[] = [];
  const browser = { path: '/usr/bin/chromium' as string | null };
  const gw = new WwebjsGateway({
    sessionDir: dir,
    clock,
    log: silentLogger,
    browserPath: () => browser.path,
    openSession: (opts, handlers) => {
      const s = new FakeSession(opts, handlers);
      sessions.push(s);
      return s;
    },
    ...overrides,
  });
  const h: Harness = {
    gw,
    clock,
    dir,
    sessions,
    last: () => sessions[sessions.length - 1]!,
    states: [],
    qrs: [],
    readies: [],
    messages: [],
    outgoing: [],
    acks: [],
    browser,
  };
  gw.on('state', (state, detail) => h.states.push({ state, detail }));
  gw.on('qr', (qr) => h.qrs.push(qr));
  gw.on('ready', (info) => h.readies.push(info));
  gw.on('message', (m) => h.messages.push(m));
  gw.on('outgoing', (m) => h.outgoing.push(m));
  gw.on('ack', (a) => h.acks.push(a));
  return h;
}

/** Connects and scans: the state is `ready` for +905551112233. */
async function ready(h: Harness): Promise<FakeSession> {
  const connecting = h.gw.connect();
  await flush();
  const s = h.last();
  s.h.navigated(200);
  s.h.qr('2@qr-1');
  s.started.resolve();
  await connecting;
  s.h.authenticated();
  s.h.ready({ id: '905551112233@c.us', pushName: 'Mağaza' });
  return s;
}

function msg(over: Partial<WaMessage>): WaMessage {
  return {
    id: 'false_905321234567@c.us_ABC',
    from: '905321234567@c.us',
    to: '905551112233@c.us',
    fromMe: false,
    body: 'Merhaba',
    type: 'chat',
    isStatus: false,
    timestamp: 1_768_467_600,
    pushName: 'Ayşe',
    ...over,
  };
}

describe('wwebjs gateway', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => fs.rmSync(h.dir, { recursive: true, force: true }));

  it('reports a missing browser with a sentence in both languages, without starting anything', async () => {
    h.browser.path = null;
    await h.gw.connect();
    expect(h.gw.state()).toBe('browser_missing');
    expect(h.states.at(-1)).toEqual({ state: 'browser_missing', detail: TEXT.browserMissing });
    expect(TEXT.browserMissing.en).toMatch(/Chrome, Edge or Chromium.*Settings/);
    expect(TEXT.browserMissing.tr).toMatch(/Ayarlar/);
    expect(h.sessions).toHaveLength(0);
  });

  it('resolves the browser at each connect, so one installed later is picked up', async () => {
    h.browser.path = null;
    await h.gw.connect();
    h.browser.path = '/opt/google/chrome/chrome';
    const connecting = h.gw.connect();
    await flush();
    expect(h.last().opts).toEqual({ sessionDir: h.dir, executablePath: '/opt/google/chrome/chrome', log: silentLogger });
    h.last().started.resolve();
    await connecting;
  });

  it('goes starting -> qr -> authenticating -> ready and reports the scanned account as E.164', async () => {
    const connecting = h.gw.connect();
    await flush();
    expect(h.gw.state()).toBe('starting');
    const s = h.last();
    s.h.navigated(200);
    s.h.qr('2@qr-1');
    s.h.qr('2@qr-2');
    s.started.resolve();
    await connecting;
    expect(h.gw.state()).toBe('qr');
    expect(h.qrs).toEqual(['2@qr-1', '2@qr-2']);
    s.h.authenticated();
    s.h.ready({ id: '905551112233@c.us', pushName: 'Mağaza' });
    expect(h.states.map((x) => x.state)).toEqual(['starting', 'qr', 'authenticating', 'ready']);
    expect(h.readies).toEqual([{ phone: '+905551112233', pushName: 'Mağaza' }]);
  });

  it('resumes a saved session without a QR, showing authenticating until WhatsApp is synced', async () => {
    const connecting = h.gw.connect();
    await flush();
    h.last().started.resolve();
    await connecting;
    expect(h.gw.state()).toBe('authenticating');
    h.last().h.ready({ id: '123456789012345@lid', pushName: null });
    expect(h.readies).toEqual([{ phone: null, pushName: null }]);
    await h.gw.connect();
    expect(h.sessions).toHaveLength(1);
  });

  it('without network reaches offline with the reason, after closing the browser', async () => {
    const connecting = h.gw.connect();
    await flush();
    const s = h.last();
    let closedBeforeOffline = false;
    h.gw.on('state', (state) => {
      if (state === 'offline') closedBeforeOffline = s.closeCalls === 1;
    });
    s.started.reject(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'));
    await connecting;
    expect(h.states.at(-1)).toEqual({ state: 'offline', detail: TEXT.offline });
    expect(closedBeforeOffline).toBe(true);
  });

  it('gives up on a navigation that never answers and ignores the abandoned browser afterwards', async () => {
    const connecting = h.gw.connect();
    await flush();
    const s = h.last();
    h.clock.advance(DEFAULT_TIMEOUTS.navigationMs - 1);
    await flush();
    expect(h.gw.state()).toBe('starting');
    h.clock.advance(1);
    await connecting;
    expect(h.states.at(-1)).toEqual({ state: 'offline', detail: TEXT.offline });
    expect(s.closeCalls).toBe(1);
    s.h.qr('2@late');
    s.started.reject(new Error('Navigating frame was detached'));
    await flush();
    expect(h.qrs).toEqual([]);
    expect(h.gw.state()).toBe('offline');
  });

  it('gives up when WhatsApp Web answers but never gets to a QR', async () => {
    const connecting = h.gw.connect();
    await flush();
    h.last().h.navigated(200);
    h.clock.advance(DEFAULT_TIMEOUTS.navigationMs);
    await flush();
    expect(h.gw.state()).toBe('starting');
    h.clock.advance(DEFAULT_TIMEOUTS.startMs - DEFAULT_TIMEOUTS.navigationMs);
    await connecting;
    expect(h.states.at(-1)).toEqual({ state: 'offline', detail: TEXT.slowStart });
  });

  it('treats an HTTP error from WhatsApp Web (a proxy or captive portal) as offline at once', async () => {
    const connecting = h.gw.connect();
    await flush();
    h.last().h.navigated(503);
    await connecting;
    expect(h.gw.state()).toBe('offline');
  });

  it('reports a browser that cannot be launched as browser_missing naming the path', async () => {
    h.browser.path = '/opt/broken/chrome';
    const connecting = h.gw.connect();
    await flush();
    h.last().started.reject(new Error('Failed to launch the browser process: spawn /opt/broken/chrome EACCES'));
    await connecting;
    expect(h.gw.state()).toBe('browser_missing');
    expect(h.states.at(-1)!.detail!.en).toContain('/opt/broken/chrome');
  });

  it('disconnect during start stops it: no late offline, browser closed, session kept', async () => {
    fs.writeFileSync(path.join(h.dir, 'keep'), 'x');
    const connecting = h.gw.connect();
    await flush();
    const s = h.last();
    await h.gw.disconnect();
    await connecting;
    await flush();
    expect(h.states.filter((x) => x.state !== 'starting')).toEqual([{ state: 'disconnected', detail: null }]);
    expect(s.closeCalls).toBe(1);
    h.clock.advance(DEFAULT_TIMEOUTS.startMs);
    s.started.reject(new Error('Target closed'));
    await flush();
    expect(h.gw.state()).toBe('disconnected');
    expect(fs.existsSync(path.join(h.dir, 'keep'))).toBe(true);
  });

  it('maps a ban to blocked, closes the browser and refuses to send', async () => {
    const s = await ready(h);
    s.h.disconnected('TOS_BLOCK');
    expect(h.states.at(-1)).toEqual({ state: 'blocked', detail: TEXT.banned });
    expect(s.closeCalls).toBe(1);
    await expect(h.gw.sendText('+905321234567', 'x')).rejects.toMatchObject({ reason: 'blocked' });
  });

  it('after a logout from the phone shows logged_out, then the new QR from the same browser', async () => {
    const s = await ready(h);
    s.h.disconnected('LOGOUT');
    expect(h.gw.state()).toBe('logged_out');
    expect(h.states.at(-1)!.detail).toEqual(TEXT.unlinked);
    expect(s.closeCalls).toBe(0);
    s.h.qr('2@after-logout');
    expect(h.gw.state()).toBe('qr');
    expect(h.qrs.at(-1)).toBe('2@after-logout');
  });

  it('shows offline while the socket is down and ready again when WhatsApp reconnects it', async () => {
    const s = await ready(h);
    s.h.socketState('TIMEOUT');
    expect(h.states.at(-1)).toEqual({ state: 'offline', detail: TEXT.connectionLost });
    await expect(h.gw.sendText('+905321234567', 'x')).rejects.toMatchObject({ reason: 'not_ready' });
    s.h.socketState('OPENING');
    expect(h.gw.state()).toBe('offline');
    s.h.socketState('CONNECTED');
    expect(h.gw.state()).toBe('ready');
  });

  it("a reconnect while the socket is down keeps a recovered page and restarts a stuck one", async () => {
    const s = await ready(h);
    s.h.socketState('TIMEOUT');
    await h.gw.connect();
    expect(h.gw.state()).toBe('ready');
    expect(h.sessions).toHaveLength(1);
    s.h.socketState('TIMEOUT');
    s.state = 'TIMEOUT';
    const connecting = h.gw.connect();
    await flush();
    await flush();
    expect(s.closeCalls).toBe(1);
    expect(h.sessions).toHaveLength(2);
    h.last().started.resolve();
    await connecting;
    expect(h.gw.state()).toBe('authenticating');
  });

  it('runs one browser however often connect is called meanwhile', async () => {
    const first = h.gw.connect();
    const second = h.gw.connect();
    await flush();
    const third = h.gw.connect();
    expect(h.sessions).toHaveLength(1);
    h.last().started.resolve();
    await Promise.all([first, second, third]);
    expect(h.sessions).toHaveLength(1);

    const gate = deferred();
    h.last().closeGate = gate.promise;
    h.last().h.disconnected('Max qrcode retries reached');
    const a = h.gw.connect();
    const b = h.gw.connect();
    gate.resolve();
    await flush();
    expect(h.sessions).toHaveLength(2);
    h.last().started.resolve();
    await Promise.all([a, b]);
  });

  it('opens the next browser only after the previous one has closed (same profile)', async () => {
    const s = await ready(h);
    const gate = deferred();
    s.closeGate = gate.promise;
    s.h.disconnected('CONFLICT');
    expect(h.states.at(-1)).toEqual({ state: 'blocked', detail: TEXT.conflict });
    const connecting = h.gw.connect();
    await flush();
    await flush();
    expect(h.sessions).toHaveLength(1);
    gate.resolve();
    await flush();
    expect(h.sessions).toHaveLength(2);
    h.last().started.resolve();
    await connecting;
  });

  it('reports a browser that died on its own as disconnected, so the manager reconnects', async () => {
    const s = await ready(h);
    s.h.broken();
    expect(h.states.at(-1)).toEqual({ state: 'disconnected', detail: TEXT.sessionBroken });
    expect(s.closeCalls).toBe(1);
  });

  it('relays incoming messages from people in order, with E.164 senders, and skips groups and status', async () => {
    const s = await ready(h);
    const lid = deferred<string | null>();
    s.phones.set('98765432109876@lid', lid.promise);
    s.h.message(msg({ id: 'm1', from: '98765432109876@lid', body: 'first' }));
    s.h.message(msg({ id: 'm2', body: 'second' }));
    s.h.message(msg({ id: 'g', from: '120363025@g.us' }));
    s.h.message(msg({ id: 'st', from: 'status@broadcast', isStatus: true }));
    s.h.message(msg({ id: 'st3', isStatus: true }));
    s.h.message(msg({ id: 'n', type: 'e2e_notification' }));
    s.h.message(msg({ id: 'img', type: 'image', body: '' }));
    await flush();
    expect(h.messages).toEqual([]);
    lid.resolve('+905339998877');
    await flush();
    expect(h.messages.map((m) => [m.messageId, m.from, m.text])).toEqual([
      ['m1', '+905339998877', 'first'],
      ['m2', '+905321234567', 'second'],
      ['img', '+905321234567', '[image]'],
    ]);
    expect(h.messages[1]).toMatchObject({ pushName: 'Ayşe', at: 1_768_467_600_000 });
  });

  it('relays own messages (sent here or from the phone) as outgoing and their acks', async () => {
    const s = await ready(h);
    s.h.message(msg({ id: 'o1', fromMe: true, from: '905551112233@c.us', to: '905321234567@c.us', body: 'Siparişiniz hazır' }));
    s.h.message(msg({ id: 'o2', fromMe: true, to: '120363025@g.us' }));
    await flush();
    expect(h.outgoing).toEqual([{ messageId: 'o1', to: '+905321234567', text: 'Siparişiniz hazır', at: 1_768_467_600_000 }]);
    for (const ack of [-1, 0, 1, 2, 3, 4, 9]) s.h.ack('o1', ack, true);
    s.h.ack('in1', 3, false);
    expect(h.acks.map((a) => a.level)).toEqual(['error', 'pending', 'server', 'device', 'read', 'read']);
    expect(h.acks.every((a) => a.messageId === 'o1')).toBe(true);
  });

  it('checks numbers and sends through the chat id WhatsApp gives, remembering the lookup', async () => {
    const s = await ready(h);
    s.numbers.set('905320000000', null);
    expect(await h.gw.checkNumber('+905321234567')).toBe('905321234567@c.us');
    expect(await h.gw.checkNumber('+905320000000')).toBeNull();
    expect(await h.gw.checkNumber('not a number')).toBeNull();
    const sent = await h.gw.sendText('+905321234567', 'Merhaba {{name}}');
    expect(sent).toEqual({ messageId: 'true_905321234567@c.us_3EB0AA', at: h.clock.now() });
    expect(s.sent).toEqual([{ chatId: '905321234567@c.us', text: 'Merhaba {{name}}' }]);
    expect(s.numberLookups).toBe(2);
    await expect(h.gw.sendText('+905320000000', 'x')).rejects.toMatchObject({ reason: 'invalid_number' });
    expect(s.sent).toHaveLength(1);
  });

  it('refuses to work before ready', async () => {
    for (const call of [() => h.gw.checkNumber('+905321234567'), () => h.gw.sendText('+905321234567', 'x'), () => h.gw.typing('+905321234567', 100)]) {
      await expect(call()).rejects.toBeInstanceOf(GatewayError);
      await expect(call()).rejects.toMatchObject({ reason: 'not_ready' });
    }
  });

  it('turns a reload mid-send into timeout (outcome unknown) and other failures into send_failed', async () => {
    const s = await ready(h);
    s.sendResult = () => Promise.reject(new Error('Execution context was destroyed, most likely because of a navigation.'));
    await expect(h.gw.sendText('+905321234567', 'x')).rejects.toMatchObject({ reason: 'timeout' });
    s.sendResult = () => Promise.reject(new Error('Evaluation failed: TypeError: y is undefined'));
    await expect(h.gw.sendText('+905321234567', 'x')).rejects.toMatchObject({ reason: 'send_failed' });
  });

  it('bounds a send that never returns', async () => {
    const s = await ready(h);
    s.sendResult = () => new Promise<string>(() => undefined);
    const sending = h.gw.sendText('+905321234567', 'x');
    const outcome = expect(sending).rejects.toMatchObject({ reason: 'timeout' });
    await flush();
    h.clock.advance(DEFAULT_TIMEOUTS.callMs);
    await outcome;
  });

  it('sends an image with its caption and type, and refuses a missing file', async () => {
    const s = await ready(h);
    const file = path.join(h.dir, 'menu.jpg');
    fs.writeFileSync(file, 'jpeg');
    await h.gw.sendImage('+905321234567', { path: file, mime: 'image/jpeg' }, 'Menü');
    expect(s.images).toEqual([{ chatId: '905321234567@c.us', path: file, mime: 'image/jpeg', caption: 'Menü' }]);
    await expect(h.gw.sendImage('+905321234567', { path: `${file}.gone`, mime: 'image/jpeg' }, null)).rejects.toMatchObject({
      reason: 'send_failed',
    });
  });

  it('shows typing and clears it after the given time', async () => {
    const s = await ready(h);
    await h.gw.typing('+905321234567', 3_000);
    expect(s.typingCalls).toEqual([{ chatId: '905321234567@c.us', typing: true }]);
    h.clock.advance(2_999);
    expect(s.typingCalls).toHaveLength(1);
    h.clock.advance(1);
    expect(s.typingCalls.at(-1)).toEqual({ chatId: '905321234567@c.us', typing: false });
  });

  it('finds a sent message in the chat, and says unknown when it cannot read the chat', async () => {
    const s = await ready(h);
    const since = h.clock.now();
    s.history = async () => ({ messages: [{ body: 'Kampanya', at: since + 3_000, ack: 2 }], complete: true });
    expect(await h.gw.findSent('+905321234567', { body: 'Kampanya', since })).toBe('sent');
    expect(await h.gw.findSent('+905321234567', { body: 'Başka', since })).toBe('not_sent');
    s.numbers.set('905320000000', null);
    expect(await h.gw.findSent('+905320000000', { body: 'Kampanya', since })).toBe('not_sent');
    s.history = () => Promise.reject(new Error('Target closed'));
    expect(await h.gw.findSent('+905321234567', { body: 'Kampanya', since })).toBe('unknown');
  });

  it('logout unlinks the device, closes the browser and deletes the saved session', async () => {
    const s = await ready(h);
    fs.mkdirSync(path.join(h.dir, 'session', 'Default'), { recursive: true });
    fs.writeFileSync(path.join(h.dir, 'session', 'Default', 'Cookies'), 'x');
    await h.gw.logout();
    expect(s.logoutCalls).toBe(1);
    expect(s.closeCalls).toBe(1);
    expect(fs.readdirSync(h.dir)).toEqual([]);
    expect(h.states.at(-1)).toEqual({ state: 'logged_out', detail: TEXT.loggedOut });
  });

  it('logout still deletes the session when unlinking hangs, and skips unlinking when never linked', async () => {
    const s = await ready(h);
    s.logoutResult = new Promise(() => undefined);
    fs.writeFileSync(path.join(h.dir, 'x'), 'x');
    const out = h.gw.logout();
    await flush();
    h.clock.advance(DEFAULT_TIMEOUTS.logoutMs);
    await out;
    expect(fs.readdirSync(h.dir)).toEqual([]);
    expect(h.gw.state()).toBe('logged_out');

    const connecting = h.gw.connect();
    await flush();
    h.last().h.qr('2@q');
    h.last().started.resolve();
    await connecting;
    await h.gw.logout();
    expect(h.last().logoutCalls).toBe(0);
    expect(h.last().closeCalls).toBe(1);
  });
});

describe('wwebjs gateway under the GatewayManager', () => {
  it('is retried by the manager with its backoff when offline, one browser at a time', async () => {
    const h = harness();
    const manager = new GatewayManager({
      clock: h.clock,
      events: new EventBus(),
      log: silentLogger,
      factory: () => h.gw,
      sessionsDir: h.dir,
      channelPhone: () => null,
      onConnectedPhone: () => undefined,
    });
    const connecting = manager.connect({ channelId: 1, engine: 'wwebjs', sessionDir: h.dir });
    await flush();
    h.last().started.reject(new Error('net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/'));
    const conn = await connecting;
    expect(conn.state).toBe('offline');
    expect(conn.detail).toBe(TEXT.offline.en);
    expect(conn.detailTr).toBe(TEXT.offline.tr);
    expect(conn.retryAt).toBe(h.clock.now() + BACKOFF_MS[0]!);
    expect(h.sessions).toHaveLength(1);
    h.clock.advance(BACKOFF_MS[0]!);
    await flush();
    expect(h.sessions).toHaveLength(2);
    expect(h.sessions[0]!.closeCalls).toBe(1);
    h.last().h.qr('2@q');
    h.last().started.resolve();
    await flush();
    expect(manager.connection(1).state).toBe('qr');
    await manager.shutdown();
    expect(h.last().closeCalls).toBe(1);
    fs.rmSync(h.dir, { recursive: true, force: true });
  });
});
