import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionState } from '../../src-shared/api/channels';
import type { DeliveredMessage } from '../../src-shared/api/simulator';
import type { LocalizedText } from '../../src-shared/errors';
import { parsePhone } from '../../src-shared/domain/phone';
import type { Clock } from '../platform/clock';
import { GatewayEmitter, GatewayError, type Gateway, type SendOptions, type SentMessage } from './gateway';

export interface SimulatorOptions {
  channelId: number;
  /** Folder the simulated phone keeps its pairing and delivery record in (survives restarts like LocalAuth). */
  dir: string;
  clock: Clock;
  /** How often WhatsApp issues a fresh QR while nobody scans (the real service: about every 20 s). */
  qrRefreshMs?: number;
  /** Simulated latencies; demos and tests use small ones. */
  pairingMs?: number;
  ackDelaysMs?: { device: number; read: number };
}

interface SimState {
  paired: boolean;
  phone: string | null;
  qrCounter: number;
  sendCounter: number;
}

/**
 * A deterministic stand-in for WhatsApp Web: QR codes that refresh, pairing, acks that move server -> device ->
 * read, numbers that are not on WhatsApp (national number ending in 000), incoming messages, and injected
 * disconnects, logouts, bans and mid-send page reloads. What it "delivers" is appended to a file before the send
 * returns, so tests (and the crash test) have ground truth that survives a killed process.
 */
export class SimulatorGateway extends GatewayEmitter implements Gateway {
  readonly engine = 'simulator' as const;
  private current: ConnectionState = 'disconnected';
  private qrTimer: { cancel(): void } | null = null;
  private pending: { cancel(): void }[] = [];
  private reloadOnNextSend = false;
  private readonly stateFile: string;
  private readonly deliveredFile: string;

  constructor(private readonly opts: SimulatorOptions) {
    super();
    fs.mkdirSync(opts.dir, { recursive: true });
    this.stateFile = path.join(opts.dir, 'simulator.json');
    this.deliveredFile = path.join(opts.dir, 'delivered.jsonl');
  }

  state(): ConnectionState {
    return this.current;
  }

  async connect(): Promise<void> {
    if (this.current === 'ready' || this.current === 'qr' || this.current === 'starting') return;
    if (this.current === 'blocked') return;
    this.setState('starting', null);
    const saved = this.load();
    if (saved.paired) {
      this.setState('authenticating', null);
      this.later(this.opts.pairingMs ?? 50, () => this.becomeReady());
    } else {
      this.issueQr();
    }
  }

  async disconnect(): Promise<void> {
    this.stopTimers();
    this.setState('disconnected', null);
  }

  async logout(): Promise<void> {
    this.stopTimers();
    this.save({ ...this.load(), paired: false, phone: null });
    this.setState('logged_out', {
      en: 'This device was unlinked. Scan a new QR code to connect again.',
      tr: 'Bu cihazın bağlantısı kaldırıldı. Yeniden bağlanmak için yeni bir QR kodu okutun.',
    });
  }

  /** The phone scans the QR currently shown. */
  scan(phone: string | null): void {
    if (this.current !== 'qr') {
      throw new GatewayError('not_ready', 'There is no QR code to scan: connect the channel first.');
    }
    this.qrTimer?.cancel();
    this.qrTimer = null;
    this.save({ ...this.load(), paired: true, phone });
    this.setState('authenticating', null);
    this.later(this.opts.pairingMs ?? 50, () => this.becomeReady());
  }

  /** A customer writes to the channel. */
  receive(from: string, text: string, pushName: string | null): void {
    const s = this.bump();
    this.emit('message', { messageId: `sim-in-${this.opts.channelId}-${s}`, from, text, pushName, at: this.opts.clock.now() });
  }

  inject(event: 'disconnect' | 'logout' | 'ban' | 'page_reload'): void {
    switch (event) {
      case 'disconnect':
        this.stopTimers();
        this.setState('disconnected', {
          en: 'The connection to WhatsApp was lost.',
          tr: 'WhatsApp bağlantısı koptu.',
        });
        break;
      case 'logout':
        void this.logout();
        break;
      case 'ban':
        this.stopTimers();
        this.setState('blocked', {
          en: 'WhatsApp has blocked this number (simulated). Sending is stopped.',
          tr: 'WhatsApp bu numarayı engelledi (simülasyon). Gönderim durduruldu.',
        });
        break;
      case 'page_reload':
        this.reloadOnNextSend = true;
        break;
    }
  }

  delivered(limit: number): DeliveredMessage[] {
    if (!fs.existsSync(this.deliveredFile)) return [];
    const lines = fs.readFileSync(this.deliveredFile, 'utf8').split('\n').filter(Boolean);
    return lines.slice(-limit).map((l) => JSON.parse(l) as DeliveredMessage);
  }

  async checkNumber(e164: string): Promise<string | null> {
    this.requireReady();
    const parsed = parsePhone(e164);
    if (!parsed.ok) return null;
    const national = parsed.national.replace(/\D/g, '');
    return national.endsWith('000') ? null : `${e164.slice(1)}@c.us`;
  }

  async sendText(to: string, text: string, opts?: SendOptions): Promise<SentMessage> {
    return this.deliver(to, 'text', text, opts);
  }

  async sendImage(to: string, file: { path: string; mime: string }, caption: string | null, opts?: SendOptions): Promise<SentMessage> {
    if (!fs.existsSync(file.path)) throw new GatewayError('send_failed', `The image file is missing: ${file.path}`);
    return this.deliver(to, 'image', `${path.basename(file.path)}|${caption ?? ''}`, opts);
  }

  async typing(): Promise<void> {
    this.requireReady();
  }

  async findSent(to: string, probe: { clientRef?: string; body: string; since: number }): Promise<'sent' | 'not_sent' | 'unknown'> {
    this.requireReady();
    const hit = this.delivered(Number.MAX_SAFE_INTEGER).some(
      (d) => d.to === to && d.at >= probe.since && (probe.clientRef ? d.clientRef === probe.clientRef : d.body === probe.body),
    );
    return hit ? 'sent' : 'not_sent';
  }

  private deliver(to: string, kind: 'text' | 'image', body: string, opts?: SendOptions): SentMessage {
    this.requireReady();
    if (this.nationalEndsWith000(to)) {
      throw new GatewayError('invalid_number', `${to} is not on WhatsApp.`);
    }
    const seq = this.bump();
    const message: DeliveredMessage = {
      id: `sim-out-${this.opts.channelId}-${seq}`,
      to,
      kind,
      body,
      clientRef: opts?.clientRef ?? null,
      at: this.opts.clock.now(),
    };
    fs.appendFileSync(this.deliveredFile, `${JSON.stringify(message)}\n`);
    if (this.reloadOnNextSend) {
      // The message left, but the page reloaded before the call returned: the caller cannot know it was sent.
      this.reloadOnNextSend = false;
      this.setState('authenticating', null);
      this.later(this.opts.pairingMs ?? 50, () => this.becomeReady());
      throw new GatewayError('timeout', 'WhatsApp Web reloaded while sending; the outcome is unknown.');
    }
    this.emit('outgoing', { messageId: message.id, to, text: kind === 'text' ? body : '', at: message.at });
    this.emit('ack', { messageId: message.id, level: 'server' });
    const delays = this.opts.ackDelaysMs ?? { device: 200, read: 1000 };
    this.later(delays.device, () => this.emit('ack', { messageId: message.id, level: 'device' }));
    this.later(delays.read, () => this.emit('ack', { messageId: message.id, level: 'read' }));
    return { messageId: message.id, at: message.at };
  }

  private nationalEndsWith000(e164: string): boolean {
    const parsed = parsePhone(e164);
    return parsed.ok && parsed.national.replace(/\D/g, '').endsWith('000');
  }

  private requireReady(): void {
    if (this.current !== 'ready') throw new GatewayError('not_ready', 'The channel is not connected.');
  }

  private issueQr(): void {
    const s = this.load();
    const next = { ...s, qrCounter: s.qrCounter + 1 };
    this.save(next);
    this.setState('qr', null);
    this.emit('qr', `2@wa-desk-simulator,${this.opts.channelId},${next.qrCounter}`);
    this.qrTimer = this.opts.clock.setTimeout(() => {
      if (this.current === 'qr') this.issueQr();
    }, this.opts.qrRefreshMs ?? 20_000);
  }

  private becomeReady(): void {
    if (this.current !== 'authenticating') return;
    this.setState('ready', null);
    this.emit('ready', { phone: this.load().phone, pushName: 'Demo' });
  }

  private setState(state: ConnectionState, detail: LocalizedText | null): void {
    this.current = state;
    this.emit('state', state, detail);
  }

  private later(ms: number, fn: () => void): void {
    // A fired timer leaves the list, or a long bulk send would keep one per ack alive for the session's lifetime.
    const t = this.opts.clock.setTimeout(() => {
      this.pending.splice(this.pending.indexOf(t), 1);
      fn();
    }, ms);
    this.pending.push(t);
  }

  private stopTimers(): void {
    this.qrTimer?.cancel();
    this.qrTimer = null;
    for (const t of this.pending) t.cancel();
    this.pending = [];
  }

  private bump(): number {
    const s = this.load();
    this.save({ ...s, sendCounter: s.sendCounter + 1 });
    return s.sendCounter + 1;
  }

  private load(): SimState {
    try {
      return JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as SimState;
    } catch {
      return { paired: false, phone: null, qrCounter: 0, sendCounter: 0 };
    }
  }

  private save(state: SimState): void {
    const tmp = `${this.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, this.stateFile);
  }
}
