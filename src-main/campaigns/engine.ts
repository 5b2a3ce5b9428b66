import type { CampaignWait, PauseReason, WaitReason } from '../../src-shared/api/campaigns';
import type { MessageKind } from '../../src-shared/api/wallet';
import { AppError, type LocalizedText } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { GatewayError, type Gateway } from '../whatsapp/gateway';
import { renderPart, type CompiledPart, type RecipientFields } from './message';
import {
  effectiveDailyCap,
  longPauseDue,
  longPauseMs,
  partDelayMs,
  recipientDelayMs,
  typingMs,
  windowState,
} from './pacing';
import { refundKey, unitKey, type CampaignRow, type CampaignStore, type NextUnit } from './store';
import { BLOCKED_TEXT, disconnectedText, failureStreakText, UNKNOWN_OUTCOMES_TEXT } from './texts';
import { localDayKey, nextLocalDayStart } from './zone';

/** Takes and gives back the price of a message; the charge runs inside the caller's transaction. */
export interface Charger {
  /** Throws an AppError `insufficient_balance` (details: balanceMinor, neededMinor) when the wallet cannot pay. */
  charge(input: { key: string; channelId: number; phone: string; kind: MessageKind; reference: string }): void;
  refund(input: { key: string; chargeKey: string; reason: string }): void;
  balance(): number;
  price(kind: MessageKind): number;
  /** The sentence for a pause for lack of balance. */
  shortText(balance: number, needed: number): LocalizedText;
}

/** A contact as a recipient is rendered from, looked up when its turn comes (so edits and opt-outs count). */
export interface RecipientLookup {
  fields(contactId: number): (RecipientFields & { optedOut: boolean }) | null;
}

/** A campaign's parts ready to render, and its images. */
export interface CampaignParts {
  compiled: CompiledPart[];
  images: Map<number, { path: string; mime: string }>;
}

export interface EngineDeps {
  store: CampaignStore;
  clock: Clock;
  log: Logger;
  random: () => number;
  /** The local time zone of send windows and daily caps. */
  zone: () => string;
  gateway(channelId: number): Gateway | null;
  channel(channelId: number): { demo: boolean; ageDays: number } | null;
  charger: Charger;
  recipients: RecipientLookup;
  parts(campaignId: number): CampaignParts;
  /** Tells the UI a campaign moved (throttled by the caller). */
  progress(campaignId: number, urgent: boolean): void;
  /** Writes that may lose their last moments to a power cut without harm (the outcome is reconciled then). */
  relaxed<T>(fn: () => T): T;
}

/** Failed messages in a row that pause a campaign until the user looks. */
export const FAILURE_STREAK_LIMIT = 5;
/** How often a unit's chat is looked at before its unknown outcome is left to the user. */
export const RECONCILE_TRIES = 3;
const RECONCILE_BATCH = 50;
/** A number check that timed out is tried again after this long. */
const CHECK_RETRY_MS = 5_000;

type Step = { next: 'again' } | { next: 'wait'; ms: number } | { next: 'idle' };

const AGAIN: Step = { next: 'again' };
const IDLE: Step = { next: 'idle' };

/**
 * The sender of one channel. Its campaigns send one at a time in the order they were started; each step checks the
 * connection, the window, the daily cap and the pacing delay, then moves exactly one unit forward. Steps never
 * overlap (a poke while one runs makes it run again), and every wait is a timer on the injected clock, so the
 * engine can be driven by a fake clock in tests and never spins.
 */
export class ChannelEngine {
  private timer: { cancel(): void } | null = null;
  private running = false;
  private rerun = false;
  private stopped = false;
  private nextAt = 0;
  private nextReason: WaitReason = 'delay';
  private recipientsSincePause = 0;
  private failures = 0;
  /** The unit "typing..." was last shown for; it is sent on the next step without typing again. */
  private typedUnit = 0;
  private daily = { key: '', count: 0 };
  private reconcileNeeded = true;
  private wait: { campaignId: number; reason: WaitReason; until: number | null } | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly channelId: number,
    private readonly deps: EngineDeps,
  ) {}

  /** Something changed (a start, a resume, the connection, the wallet): look again now. */
  poke(): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = null;
    queueMicrotask(() => void this.tick());
  }

  /** The connection came back or changed: unknown outcomes can be looked up again. */
  connectionChanged(): void {
    this.reconcileNeeded = true;
    this.poke();
  }

  /** A user's resume clears the failure streak it was paused for. */
  resetFailures(): void {
    this.failures = 0;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** What the head campaign is waiting for right now, if anything. */
  currentWait(campaignId: number): CampaignWait | null {
    if (!this.wait || this.wait.campaignId !== campaignId) return null;
    return { reason: this.wait.reason, until: this.wait.until, behindCampaignId: null };
  }

  get busy(): boolean {
    return this.running;
  }

  /** Resolves when no step is running (tests and shutdown wait on it). */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    try {
      for (;;) {
        this.rerun = false;
        let step: Step;
        try {
          step = await this.step();
        } catch (err) {
          this.deps.log.error('campaign engine step failed', { channelId: this.channelId, error: err instanceof Error ? err.stack : String(err) });
          step = { next: 'wait', ms: CHECK_RETRY_MS };
        }
        if (this.stopped) return;
        if (step.next === 'again') {
          // One unit per macrotask: acks, UI calls and other channels get their turn between sends.
          this.schedule(0);
          return;
        }
        if (this.rerun) continue;
        if (step.next === 'wait') this.schedule(step.ms);
        return;
      }
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private schedule(ms: number): void {
    this.timer?.cancel();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, Math.max(0, ms));
  }

  private async step(): Promise<Step> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const gateway = this.deps.gateway(this.channelId);
    const state = gateway?.state() ?? 'disconnected';
    const active = store.active(this.channelId);
    this.autoResume(active, state === 'ready', now);
    const queue = active.filter((c) => c.status === 'sending');
    const head = queue[0];
    if (!head) {
      this.wait = null;
      if (state === 'ready' && this.reconcileNeeded && gateway) return this.reconcile(gateway);
      return IDLE;
    }
    if (state === 'blocked') {
      this.pauseChannel('blocked', { text: BLOCKED_TEXT }, now);
      return IDLE;
    }
    if (state !== 'ready' || !gateway) {
      this.pauseChannel('disconnected', { text: disconnectedText(state) }, now);
      return IDLE;
    }
    if (this.reconcileNeeded) return this.reconcile(gateway);

    const channel = this.deps.channel(this.channelId);
    if (!channel) return IDLE;
    const zone = this.deps.zone();
    const win = windowState(now, head.pacing.window, zone);
    if (!win.open) return this.waitFor(head.id, 'window', win.opensAt, now);
    const cap = effectiveDailyCap(head.pacing, channel.ageDays, channel.demo);
    if (this.sentToday(now, zone) >= cap) {
      return this.waitFor(head.id, 'daily_cap', nextLocalDayStart(now, zone), now);
    }
    if (this.nextAt > now) return this.waitFor(head.id, this.nextReason, this.nextAt, now);

    const unit = store.nextUnit(head.id);
    if (!unit) return this.finish(head, now);
    this.wait = null;
    return this.process(head, unit, gateway, zone);
  }

  private waitFor(campaignId: number, reason: WaitReason, until: number, now: number): Step {
    const changed = this.wait?.campaignId !== campaignId || this.wait.reason !== reason || this.wait.until !== until;
    this.wait = { campaignId, reason, until };
    if (changed) this.deps.progress(campaignId, true);
    return { next: 'wait', ms: until - now };
  }

  /** Nothing left that can go out now: done, or held by units whose outcome nobody knows yet. */
  private finish(head: CampaignRow, now: number): Step {
    const { store } = this.deps;
    const row = store.row(head.id);
    if (!row || row.status !== 'sending') return AGAIN;
    if (row.nSending > 0) return { next: 'wait', ms: CHECK_RETRY_MS };
    if (row.nPending > 0 && row.nUnknown > 0) {
      store.setStatus(row.id, 'paused', now, { pauseReason: 'unknown_outcomes', pauseDetail: { text: UNKNOWN_OUTCOMES_TEXT } });
    } else {
      store.setStatus(row.id, 'completed', now, { finishedAt: now, pauseReason: null, pauseDetail: null });
    }
    this.wait = null;
    this.recipientsSincePause = 0;
    this.deps.progress(row.id, true);
    return AGAIN;
  }

  private async process(head: CampaignRow, unit: NextUnit, gateway: Gateway, zone: string): Promise<Step> {
    const { store, clock, charger } = this.deps;
    const fields = this.deps.recipients.fields(unit.contactId ?? 0);
    if (!fields || fields.optedOut) {
      this.dropRecipient(unit, 'skipped', fields ? 'opted_out' : 'contact_deleted');
      return AGAIN;
    }

    if (unit.checkedAt === null) {
      let id: string | null;
      try {
        id = await gateway.checkNumber(unit.phone);
      } catch (err) {
        if (err instanceof GatewayError && err.reason === 'timeout') return { next: 'wait', ms: CHECK_RETRY_MS };
        if (err instanceof GatewayError && err.reason === 'invalid_number') id = null;
        else return AGAIN;
      }
      if (id === null) {
        this.dropRecipient(unit, 'invalid_number', 'not_on_whatsapp');
        this.afterRecipient(head, unit, false);
        return AGAIN;
      }
    }

    const parts = this.deps.parts(head.id);
    const part = parts.compiled[unit.position];
    if (!part) throw new Error(`campaign ${head.id} has no part ${unit.position}`);
    const rendered = renderPart(part, fields, head.id, unit.contactId ?? 0);
    const text = unit.body ?? rendered.text;
    if (part.kind !== 'image' && (text === null || text.trim() === '')) {
      this.dropUnit(unit, 'skipped', 'empty_text');
      return AGAIN;
    }

    // "typing..." first, as its own wait: the next step finds the same unit and sends it (a pause or a cancel in
    // between still counts, since the move to sending checks the campaign again).
    const typing = part.kind === 'image' || this.typedUnit === unit.id ? 0 : typingMs(head.pacing, text?.length ?? 0, this.deps.random);
    if (typing > 0) {
      await gateway.typing(unit.phone, typing).catch(() => undefined);
      this.typedUnit = unit.id;
      this.nextAt = clock.now() + typing;
      this.nextReason = 'typing';
      return AGAIN;
    }

    const key = unitKey(unit.id);
    const kind: MessageKind = part.kind === 'image' ? 'image' : 'text';
    const now = clock.now();
    try {
      const moved = store.sqlite
        .transaction(() => {
          if (store.status(head.id) !== 'sending') return 'stopped' as const;
          const optedOut = store.optedOut(unit.contactId ?? 0);
          if (optedOut !== 0) return optedOut === undefined ? ('contact_deleted' as const) : ('opted_out' as const);
          if (!unit.charged) charger.charge({ key, channelId: this.channelId, phone: unit.phone, kind, reference: `campaign:${head.id}` });
          const ok = store.move(unit.id, head.id, 'pending', 'sending', {
            body: text,
            variant: rendered.variant,
            spins: rendered.spins,
            sendingAt: now,
            charged: true,
          }, now);
          if (!ok) throw new Error(`unit ${unit.id} was no longer pending`);
          store.countDaily(this.channelId, localDayKey(now, zone));
          if (unit.checkedAt === null) store.markChecked(unit.recipientId, now);
          return 'sending' as const;
        })
        .immediate();
      if (moved === 'sending') this.daily.count += 1;
      if (moved === 'stopped') return AGAIN;
      if (moved !== 'sending') {
        this.dropRecipient(unit, 'skipped', moved);
        return AGAIN;
      }
    } catch (err) {
      if (err instanceof AppError && err.code === 'insufficient_balance') {
        const d = (err.details ?? {}) as { balanceMinor?: number; neededMinor?: number };
        const needed = d.neededMinor ?? charger.price(kind);
        store.setStatus(head.id, 'paused', now, {
          pauseReason: 'insufficient_balance',
          pauseDetail: { text: charger.shortText(d.balanceMinor ?? charger.balance(), needed), neededMinor: needed },
        });
        this.deps.progress(head.id, true);
        return AGAIN;
      }
      throw err;
    }
    this.deps.progress(head.id, false);

    let sent: { messageId: string; at: number };
    try {
      const image = parts.images.get(unit.position);
      sent =
        part.kind === 'image' && image
          ? await gateway.sendImage(unit.phone, image, text, { clientRef: key })
          : await gateway.sendText(unit.phone, text ?? '', { clientRef: key });
    } catch (err) {
      return this.sendFailed(head, unit, err);
    }
    const at = clock.now();
    this.deps.relaxed(() =>
      store.sqlite.transaction(() =>
        store.move(unit.id, head.id, 'sending', 'sent', { messageId: sent.messageId, sentAt: sent.at || at, delivery: 'sent' }, at),
      )(),
    );
    this.failures = 0;
    this.afterRecipient(head, unit, true, unit.position < parts.compiled.length - 1);
    this.deps.progress(head.id, false);
    return AGAIN;
  }

  /** Messages the channel's campaigns sent today (counted from the database once a day, then in memory). */
  private sentToday(now: number, zone: string): number {
    const key = localDayKey(now, zone);
    if (this.daily.key !== key) this.daily = { key, count: this.deps.store.dailyCount(this.channelId, key) };
    return this.daily.count;
  }

  /** The pacing after a unit: a short gap before the same person's next part, the long one before the next person. */
  private afterRecipient(head: CampaignRow, unit: NextUnit, sent: boolean, morePartsFollow = false): void {
    const now = this.deps.clock.now();
    if (sent && morePartsFollow) {
      this.nextAt = now + partDelayMs(head.pacing, this.deps.random);
      this.nextReason = 'delay';
      return;
    }
    this.recipientsSincePause += 1;
    if (longPauseDue(head.pacing, this.recipientsSincePause)) {
      this.recipientsSincePause = 0;
      this.nextAt = now + longPauseMs(head.pacing, this.deps.random);
      this.nextReason = 'long_pause';
      return;
    }
    this.nextAt = now + (sent ? recipientDelayMs(head.pacing, this.deps.random) : partDelayMs(head.pacing, this.deps.random));
    this.nextReason = 'delay';
  }

  private sendFailed(head: CampaignRow, unit: NextUnit, err: unknown): Step {
    const { store, clock, log } = this.deps;
    const now = clock.now();
    const reason = err instanceof GatewayError ? err.reason : 'send_failed';
    log.warn('campaign send failed', { campaignId: head.id, unitId: unit.id, reason, error: err instanceof Error ? err.message : String(err) });
    switch (reason) {
      case 'not_ready':
      case 'blocked':
        // Refused before anything left the phone: the unit may go again, on the charge it already carries, once the
        // connection has had a moment (a state change pokes the engine sooner).
        store.sqlite.transaction(() => store.move(unit.id, head.id, 'sending', 'pending', {}, now))();
        this.nextAt = now + CHECK_RETRY_MS;
        this.nextReason = 'delay';
        return AGAIN;
      case 'timeout':
        store.sqlite.transaction(() => store.move(unit.id, head.id, 'sending', 'unknown', {}, now))();
        this.reconcileNeeded = true;
        this.deps.progress(head.id, true);
        return AGAIN;
      case 'invalid_number':
        this.dropUnit(unit, 'invalid_number', 'not_on_whatsapp', 'sending');
        this.dropRecipient(unit, 'invalid_number', 'not_on_whatsapp');
        this.afterRecipient(head, unit, false);
        return AGAIN;
      case 'send_failed': {
        const missing = err instanceof GatewayError && /image file is missing/i.test(err.message);
        this.dropUnit(unit, 'failed', missing ? 'image_missing' : 'send_failed', 'sending');
        this.failures += 1;
        if (this.failures >= FAILURE_STREAK_LIMIT) {
          store.setStatus(head.id, 'paused', now, { pauseReason: 'failure_streak', pauseDetail: { text: failureStreakText(this.failures) } });
          this.failures = 0;
        }
        this.afterRecipient(head, unit, true);
        this.deps.progress(head.id, true);
        return AGAIN;
      }
    }
  }

  /** Ends one unit without sending it, giving its charge back if it had one. */
  private dropUnit(unit: { id: number; campaignId: number; charged: number }, to: 'failed' | 'invalid_number' | 'skipped', failure: string, from: 'pending' | 'sending' = 'pending'): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    store.sqlite
      .transaction(() => {
        if (!store.move(unit.id, unit.campaignId, from, to, { failure, refunded: unit.charged === 1 || from === 'sending' }, now)) return;
        if (unit.charged === 1 || from === 'sending') {
          this.deps.charger.refund({ key: refundKey(unit.id), chargeKey: unitKey(unit.id), reason: failure });
        }
      })
      .immediate();
  }

  /** Ends every remaining part of a recipient (opted out, not on WhatsApp, deleted). */
  private dropRecipient(unit: NextUnit, to: 'invalid_number' | 'skipped', failure: string): void {
    const { store, clock } = this.deps;
    for (const charged of store.unitsOfRecipient(unit.recipientId, 'pending', true)) this.dropUnit(charged, to, failure);
    store.sqlite.transaction(() => store.moveRecipient(unit.recipientId, unit.campaignId, 'pending', to, failure, clock.now()))();
    this.deps.progress(unit.campaignId, false);
  }

  /**
   * Asks the chat about units whose outcome is unknown (a send cut short by a crash or a reload). Only a definite
   * answer moves them: `sent`, or `not_sent` (back to pending, on the charge they carry); otherwise they wait.
   */
  private async reconcile(gateway: Gateway): Promise<Step> {
    const { store, clock } = this.deps;
    const units = store.unknownToReconcile(this.channelId, RECONCILE_TRIES, RECONCILE_BATCH);
    for (const u of units) {
      let verdict: 'sent' | 'not_sent' | 'unknown';
      try {
        verdict = await gateway.findSent(u.phone, { clientRef: unitKey(u.id), body: u.body ?? '', since: u.sendingAt ?? 0 });
      } catch (err) {
        // The connection went away: nothing was learnt, so it does not count as a try.
        if (err instanceof GatewayError && (err.reason === 'not_ready' || err.reason === 'blocked')) return AGAIN;
        verdict = 'unknown';
      }
      const now = clock.now();
      store.sqlite.transaction(() => {
        if (verdict === 'sent') store.move(u.id, u.campaignId, 'unknown', 'sent', { sentAt: u.sendingAt, delivery: 'sent' }, now);
        else if (verdict === 'not_sent') store.move(u.id, u.campaignId, 'unknown', 'pending', {}, now);
        else store.stmt('UPDATE campaign_units SET reconcile_tries = reconcile_tries + 1 WHERE id = ?').run(u.id);
      })();
      this.deps.progress(u.campaignId, true);
      if (gateway.state() !== 'ready') return AGAIN;
    }
    if (units.length < RECONCILE_BATCH) this.reconcileNeeded = false;
    return AGAIN;
  }

  /** Campaigns paused for a cause that has cleared go back to sending, in their old place in the queue. */
  private autoResume(active: CampaignRow[], ready: boolean, now: number): void {
    const { store, charger } = this.deps;
    for (const c of active) {
      if (c.status !== 'paused') continue;
      const cleared =
        (c.pauseReason === 'disconnected' && ready) ||
        (c.pauseReason === 'insufficient_balance' && charger.balance() >= (c.pauseDetail?.neededMinor ?? 1)) ||
        (c.pauseReason === 'unknown_outcomes' && c.nUnknown === 0);
      if (!cleared) continue;
      store.setStatus(c.id, 'sending', now, { pauseReason: null, pauseDetail: null });
      c.status = 'sending';
      this.deps.progress(c.id, true);
    }
  }

  private pauseChannel(reason: PauseReason, detail: { text: LocalizedText }, now: number): void {
    const { store } = this.deps;
    for (const c of store.queue(this.channelId)) {
      store.setStatus(c.id, 'paused', now, { pauseReason: reason, pauseDetail: detail });
      this.deps.progress(c.id, true);
    }
    this.wait = null;
  }

}
