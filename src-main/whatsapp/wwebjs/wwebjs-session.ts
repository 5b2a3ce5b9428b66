import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type WAWebJS from 'whatsapp-web.js';
import { errorText, phoneFromWid, type OwnMessage } from './mapping';
import type { OpenSession, WaMessage, WaSession, WaSessionHandlers, WaSessionOptions } from './session';

const WHATSAPP_URL = 'https://web.whatsapp.com/';

/**
 * Flags for a headless Chromium that only ever shows WhatsApp Web. The sandbox is off because Chromium refuses to
 * start sandboxed as root (containers, CI); the rest keeps it from doing work nobody sees (GPU, background
 * downloads, component updates) and from needing /dev/shm, which is tiny in containers.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
];

/** How long the browser may take to close before its process group is killed. */
const CLOSE_GRACE_MS = 10_000;

type WwebjsModule = typeof WAWebJS;
/** The puppeteer the library itself bundles; a different puppeteer's types would not match its objects. */
type Browser = NonNullable<WAWebJS.Client['pupBrowser']>;
type Page = NonNullable<WAWebJS.Client['pupPage']>;
let library: Promise<WwebjsModule> | null = null;

/** whatsapp-web.js pulls in puppeteer; loaded on first use so the simulator, CLI and tests never pay for it. */
function loadLibrary(): Promise<WwebjsModule> {
  library ??= import('whatsapp-web.js').then((m) => ((m as { default?: WwebjsModule }).default ?? m) as WwebjsModule);
  return library;
}

export const openWwebjsSession: OpenSession = (opts, handlers) => new WwebjsSession(opts, handlers);

class WwebjsSession implements WaSession {
  private client: WAWebJS.Client | null = null;
  private lib: WwebjsModule | null = null;
  private browser: Browser | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private startup: Promise<void> | null = null;

  constructor(
    private readonly opts: WaSessionOptions,
    private readonly handlers: WaSessionHandlers,
  ) {}

  async start(): Promise<void> {
    const lib = (this.lib = await loadLibrary());
    if (this.closed) throw new Error('The session was closed before it started.');
    const auth = new lib.LocalAuth({ dataPath: this.opts.sessionDir });
    const client = new lib.Client({
      authStrategy: auth,
      puppeteer: {
        executablePath: this.opts.executablePath,
        headless: true,
        args: BROWSER_ARGS,
        // Bounded so a wedged browser fails the attempt instead of hanging it; the gateway has tighter deadlines.
        timeout: 30_000,
        protocolTimeout: 120_000,
      },
      // Always load the WhatsApp Web that WhatsApp serves. A cached or pinned copy goes stale when WhatsApp retires
      // the version (the session then stops at DEPRECATED_VERSION), and the library's default local cache writes
      // to the working directory, which in an installed app is not writable. The library version itself is pinned
      // in package.json, and it targets the live site.
      webVersionCache: { type: 'none' },
      qrMaxRetries: 0,
      takeoverOnConflict: false,
    });
    this.client = client;
    // LocalAuth's hook runs right after the browser starts and before WhatsApp Web is loaded: the only point where
    // the page exists and the navigation can still be watched.
    const afterBrowser = auth.afterBrowserInitialized.bind(auth);
    auth.afterBrowserInitialized = async () => {
      await afterBrowser();
      this.watchBrowser(client);
    };
    this.listen(client);
    this.startup = client.initialize();
    await this.startup;
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async logout(): Promise<void> {
    const client = this.requireClient();
    this.closed = true;
    this.stopRelogin(client);
    await client.logout();
  }

  async socketState(): Promise<string | null> {
    return (await this.requireClient().getState()) ?? null;
  }

  async numberId(digits: string): Promise<string | null> {
    const id = await this.requireClient().getNumberId(digits);
    return id?._serialized ?? null;
  }

  async phoneOf(chatId: string): Promise<string | null> {
    const direct = phoneFromWid(chatId);
    if (direct || !chatId.endsWith('@lid')) return direct;
    const [pair] = await this.requireClient().getContactLidAndPhone([chatId]);
    return phoneFromWid(pair?.pn);
  }

  async sendText(chatId: string, text: string): Promise<string> {
    // sendSeen would mark the customer's unread messages as read just because a campaign message went out.
    const msg = await this.requireClient().sendMessage(chatId, text, { sendSeen: false, linkPreview: false });
    return msg.id._serialized;
  }

  async sendImage(chatId: string, file: { path: string; mime: string }, caption: string | null): Promise<string> {
    const media = this.lib!.MessageMedia.fromFilePath(file.path);
    media.mimetype = file.mime;
    const msg = await this.requireClient().sendMessage(chatId, media, {
      sendSeen: false,
      ...(caption ? { caption } : {}),
    });
    return msg.id._serialized;
  }

  async setTyping(chatId: string, typing: boolean): Promise<void> {
    const chat = await this.requireClient().getChatById(chatId);
    if (typing) await chat.sendStateTyping();
    else await chat.clearState();
  }

  async recentOwnMessages(chatId: string, limit: number): Promise<{ messages: OwnMessage[]; complete: boolean }> {
    const chat = await this.requireClient().getChatById(chatId);
    const found = await chat.fetchMessages({ limit, fromMe: true });
    const messages = found
      .map((m) => ({ body: m.body, at: m.timestamp * 1000, ack: m.ack }))
      .sort((a, b) => a.at - b.at);
    return { messages, complete: found.length < limit };
  }

  private requireClient(): WAWebJS.Client {
    if (!this.client || this.closed) throw new Error('Session closed');
    return this.client;
  }

  private listen(client: WAWebJS.Client): void {
    const h = this.handlers;
    client.on('qr', (qr: string) => h.qr(qr));
    client.on('authenticated', () => h.authenticated());
    client.on('ready', () => {
      const wid = client.info?.wid;
      h.ready(wid ? { id: wid._serialized, pushName: client.info.pushname ?? null } : null);
    });
    client.on('disconnected', (reason: unknown) => h.disconnected(String(reason)));
    client.on('change_state', (state: unknown) => h.socketState(String(state)));
    client.on('message', (m: WAWebJS.Message) => h.message(plainMessage(m)));
    client.on('message_create', (m: WAWebJS.Message) => {
      if (m.fromMe) h.message(plainMessage(m));
    });
    client.on('message_ack', (m: WAWebJS.Message, ack: number) => h.ack(m.id._serialized, ack, m.fromMe));
  }

  private watchBrowser(client: WAWebJS.Client): void {
    const browser = client.pupBrowser;
    const page = client.pupPage;
    if (!browser || !page) return;
    if (this.closed) {
      // Closed while the browser was still launching: nobody else will ever close this one.
      killBrowser(browser.process());
      throw new Error('The session was closed while the browser was starting.');
    }
    // The hook runs again after WhatsApp logs the device out in the same browser; listen only once.
    if (this.browser === browser) return;
    this.browser = browser;
    this.guardNavigationHook(page);
    browser.on('disconnected', () => {
      if (!this.closed) this.handlers.broken();
    });
    page.on('error', () => {
      if (!this.closed) this.handlers.broken();
    });
    page.on('response', (res) => {
      if (res.url() === WHATSAPP_URL && res.request().isNavigationRequest()) this.handlers.navigated(res.status());
    });
  }

  /**
   * The library re-injects its code after every navigation of the page from an async listener nobody awaits; when
   * that fails (the network drops while WhatsApp Web reloads) the rejection would be unhandled, which ends a Node
   * process. Installed before the library registers that listener, this wraps it so a failure is reported instead.
   */
  private guardNavigationHook(page: Page): void {
    type On = (type: unknown, handler: (...args: unknown[]) => unknown) => Page;
    const on = page.on.bind(page) as unknown as On;
    const guarded: On = (type, handler) =>
      on(type, type !== 'framenavigated' ? handler : (...args) => {
        Promise.resolve()
          .then(() => handler(...args))
          .catch((err: unknown) => {
            this.opts.log.warn('WhatsApp Web failed after a page navigation', { error: errorText(err) });
            if (!this.closed) this.handlers.broken();
          });
      });
    (page as unknown as { on: On }).on = guarded;
  }

  /**
   * After a logout the library re-injects into the same page on its next navigation. For a session that is being
   * closed that would run against a closing browser and fail as an unhandled rejection, so the hook goes first.
   */
  private stopRelogin(client: WAWebJS.Client): void {
    client.pupPage?.removeAllListeners('framenavigated');
  }

  private async shutdown(): Promise<void> {
    const client = this.client;
    if (client) {
      this.stopRelogin(client);
      await graceful(client.destroy().catch((err: unknown) => this.opts.log.warn('closing WhatsApp Web failed', { error: errorText(err) })));
    }
    // A launch still under way ends in watchBrowser, which kills that browser; waiting for it makes "closed" mean
    // that no browser process is left.
    if (this.startup) await graceful(this.startup.catch(() => undefined));
    killBrowser((client?.pupBrowser ?? this.browser)?.process() ?? null);
  }
}

/** puppeteer runs on real time whatever clock the app injects, so this grace period does too. */
async function graceful(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
  await Promise.race([work, grace]);
  clearTimeout(timer);
}

function plainMessage(m: WAWebJS.Message): WaMessage {
  const data = (m as unknown as { _data?: { notifyName?: unknown } })._data;
  return {
    id: m.id._serialized,
    from: m.from,
    to: m.to,
    fromMe: m.fromMe,
    body: m.body ?? '',
    type: String(m.type),
    isStatus: m.isStatus === true || m.broadcast === true,
    timestamp: typeof m.timestamp === 'number' ? m.timestamp : 0,
    pushName: typeof data?.notifyName === 'string' && data.notifyName !== '' ? data.notifyName : null,
  };
}

/**
 * Kills whatever is left of a browser: the main process if it did not close, and its helpers (renderers, GPU,
 * network service), which can outlive a main process that exited normally by a second or so.
 */
function killBrowser(proc: ChildProcess | null): void {
  if (!proc?.pid) return;
  const running = proc.exitCode === null && proc.signalCode === null;
  if (process.platform === 'win32') {
    // Windows ends the helpers with the main process (they live in its job object).
    if (!running) return;
    try {
      execFileSync('taskkill', ['/pid', String(proc.pid), '/T', '/F'], { stdio: 'ignore' });
    } catch {
      proc.kill('SIGKILL');
    }
    return;
  }
  try {
    // puppeteer starts the browser as a process-group leader; the group id stays reserved while any member lives,
    // so the negative pid reaches exactly this browser's helpers (or nothing, ESRCH, once all are gone).
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    if (running) proc.kill('SIGKILL');
  }
}
