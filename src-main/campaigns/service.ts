import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  CampaignCreateInput,
  CampaignDetail,
  CampaignListInput,
  CampaignPage,
  CampaignPart,
  CampaignPreview,
  CampaignPreviewInput,
  CampaignProgress,
  CampaignRecipientsInput,
  CampaignSettings,
  CampaignStatus,
  CampaignSummary,
  CampaignUpdateInput,
  CampaignWait,
  CampaignWarning,
  Pacing,
  PacingInput,
  PartInput,
  PreviewPart,
  RecipientPage,
  UnknownAction,
  UnknownResolved,
} from '../../src-shared/api/campaigns';
import { formatMoney } from '../../src-shared/domain/money';
import { formatPhone } from '../../src-shared/domain/phone';
import { foldText } from '../../src-shared/domain/text';
import { AppError } from '../../src-shared/errors';
import type { Actor } from '../api/context';
import type { ChannelsService } from '../channels/service';
import type { AttributesService } from '../contacts/attributes';
import type { ContactsService } from '../contacts/service';
import { CONTACT_COLUMNS, parseAttributes, type RawContactRow } from '../contacts/rows';
import type { DbHandle } from '../db/connection';
import { campaignAudience, campaignParts, campaigns, campaignWarningAcks, settings } from '../db/schema';
import type { GroupsService } from '../groups/service';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { AppPaths } from '../platform/paths';
import { startWorker } from '../platform/worker';
import type { WalletService } from '../wallet/service';
import type { AckLevel } from '../whatsapp/gateway';
import type { GatewayManager } from '../whatsapp/manager';
import { ChannelEngine, type CampaignParts, type Charger, type EngineDeps, type RecipientLookup } from './engine';
import { expandRecipients, type Audience } from './expand';
import { resultsExportPath, type ResultsExportSpec } from './export';
import type { ResultsWorkerInput, ResultsWorkerOutput } from './export-worker';
import { keepImage, inspectImage, type StoredImage } from './images';
import { compilePart, fieldValues, PartTemplateError, renderPart, type CompiledPart, type PartContent } from './message';
import { BUILT_IN_OPT_OUT, optOutKeyword } from './opt-out';
import {
  effectiveDailyCap,
  estimateDurationMs,
  numberAgeDays,
  pacingProblems,
  resolvePacing,
} from './pacing';
import { CampaignResults } from './results';
import { CampaignStore, refundKey, unitKey, type CampaignRow } from './store';
import { BUILTIN_FIELDS } from './template';
import {
  ACTION,
  balanceText,
  campaignNotFound,
  contactNotInChannel,
  GROUP_DELETED_NOTICE,
  groupNotInChannel,
  invalidZone,
  noRecipients,
  noUnknownUnits,
  pacingError,
  QR_BULK_WARNING,
  scheduleInPast,
  templateError,
  unknownRecipient,
  USER_PAUSE_TEXT,
  warningNotAcknowledged,
  wrongStatus,
} from './texts';
import { isValidZone, localDayKey } from './zone';

export interface CampaignsDeps {
  handle: DbHandle;
  clock: Clock;
  events: EventBus;
  log: Logger;
  paths: AppPaths;
  channels: ChannelsService;
  gateways: GatewayManager;
  contacts: ContactsService;
  groups: GroupsService;
  wallet: WalletService;
  attributes: () => AttributesService;
  language: () => 'en' | 'tr';
  /** The local time zone of send windows and daily caps (the machine's unless tests say otherwise). */
  zone?: () => string;
  /** Randomness of the pacing delays (seeded in tests). */
  random?: () => number;
}

const EDITABLE: CampaignStatus[] = ['draft', 'scheduled'];
const OPT_OUT_SETTING = 'campaigns.optOutKeywords';
const ZONE_SETTING = 'campaigns.timeZone';
/** Progress of a campaign is pushed at most this often while it sends (state changes go at once). */
const PROGRESS_EVERY_MS = 250;
/** How often a sending process looks for campaigns started elsewhere (by the CLI) and for due schedules. */
const POLL_MS = 60_000;
const CANCEL_CHUNK = 5000;
const EXPORT_WORKER = new URL('./export-worker.ts', import.meta.url);

const ACK_DELIVERY: Partial<Record<AckLevel, 'sent' | 'delivered' | 'read' | 'error'>> = {
  server: 'sent',
  device: 'delivered',
  read: 'read',
  error: 'error',
};

const BALANCE_PAUSED = `SELECT 1 FROM campaigns WHERE status = 'paused' AND pause_reason = 'insufficient_balance' LIMIT 1`;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bulk messages: drafts and schedules, the recipient lists and send units behind them, the per-channel engines that
 * send them, and what the UI shows about them. The engines only run in the process that owns the WhatsApp
 * connections (`startSending`); a one-off CLI call may create or start a campaign, which that process then sends.
 */
export class CampaignsService {
  readonly store: CampaignStore;
  private readonly results: CampaignResults;
  private readonly engines = new Map<number, ChannelEngine>();
  private readonly compiled = new Map<number, CampaignParts>();
  private readonly locks = new Map<number, Promise<unknown>>();
  private readonly progressTimers = new Map<number, { cancel(): void }>();
  private readonly unsubscribe: (() => void)[] = [];
  private sending = false;
  /** The zone of windows and caps, read once from the settings (cleared when they change). */
  private zone: string | null = null;
  private scheduleTimer: { cancel(): void } | null = null;
  private pollTimer: { cancel(): void } | null = null;
  private startingDue = false;
  private readonly charger: Charger;
  private readonly lookup: RecipientLookup;
  private readonly engineDeps: EngineDeps;

  constructor(private readonly deps: CampaignsDeps) {
    this.store = new CampaignStore(deps.handle.sqlite, deps.handle.db);
    this.results = new CampaignResults(deps.handle.sqlite);
    const wallet = deps.wallet;
    this.charger = {
      charge: (i) => void wallet.charge({ idempotencyKey: i.key, channelId: i.channelId, phone: i.phone, kind: i.kind, reference: i.reference }),
      refund: (i) => void wallet.refund({ idempotencyKey: i.key, chargeKey: i.chargeKey, reason: i.reason }),
      balance: () => wallet.ledger.balance(),
      price: (kind) => wallet.settings.price(kind),
      shortText: (balance, needed) => {
        const currency = wallet.settings.currency();
        return balanceText(formatMoney(balance, currency, 'en-US'), {
          en: formatMoney(needed, currency, 'en-US'),
          tr: formatMoney(needed, currency, 'tr-TR'),
        });
      },
    };
    this.lookup = {
      fields: (contactId) => {
        const row = this.store.stmt(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`).get(contactId) as RawContactRow | undefined;
        if (!row) return null;
        return { phone: row.phone, name: row.name, pushName: row.pushName, email: row.email, attributes: parseAttributes(row.attributes), optedOut: row.optedOut === 1 };
      },
    };
    this.engineDeps = {
      store: this.store,
      clock: deps.clock,
      log: deps.log,
      random: deps.random ?? Math.random,
      zone: () => (this.zone ??= this.setting<string>(ZONE_SETTING) ?? this.machineZone()),
      gateway: (channelId) => deps.gateways.gateway(channelId),
      channel: (channelId) => {
        const row = this.store.stmt('SELECT engine, created_at AS createdAt FROM channels WHERE id = ?').get(channelId) as
          | { engine: string; createdAt: number }
          | undefined;
        return row ? { demo: row.engine === 'simulator', ageDays: numberAgeDays(row.createdAt, deps.clock.now(), this.engineDeps.zone()) } : null;
      },
      charger: this.charger,
      recipients: this.lookup,
      parts: (campaignId) => this.partsOf(campaignId),
      progress: (campaignId, urgent) => this.progress(campaignId, urgent),
      relaxed: (fn) => {
        // The record that a message went out may be lost to a power cut (never to a crash) without harm: the unit is
        // then `sending`, becomes `unknown` and is reconciled against the chat. Only the move to `sending` (with
        // the charge) must reach the disk before WhatsApp is called, so only that write pays for the sync.
        const sqlite = deps.handle.sqlite;
        sqlite.pragma('synchronous = NORMAL');
        try {
          return fn();
        } finally {
          sqlite.pragma('synchronous = FULL');
        }
      },
    };
    this.unsubscribe.push(
      deps.gateways.onGatewayEvent('ack', (_channelId, ack) => this.safely(() => this.onAck(ack.messageId, ack.level))),
      deps.gateways.onGatewayEvent('message', (channelId, msg) => this.safely(() => this.onIncoming(channelId, msg.from, msg.text))),
      deps.gateways.onGatewayEvent('state', (channelId) => this.engines.get(channelId)?.connectionChanged() ?? this.wakeChannel(channelId)),
      deps.events.subscribe((event) => {
        if (event === 'wallet.changed' && this.store.stmt(BALANCE_PAUSED).get() !== undefined) {
          for (const e of this.engines.values()) e.poke();
        }
      }),
      deps.groups.onGroupDeleted((group) => this.onGroupDeleted(group.id, group.name)),
    );
  }

  // ---- sending lifecycle -------------------------------------------------------------------------------------------

  /**
   * Starts sending in this process: units a crash left in `sending` become `unknown` (never resent blindly), cut
   * cancellations and recipient lists are finished, and every channel with work gets its engine.
   */
  startSending(): void {
    if (this.sending) return;
    this.sending = true;
    const now = this.deps.clock.now();
    const stranded = this.store.sqlite.transaction(() => this.store.strandedToUnknown(now))();
    if (stranded > 0) this.deps.log.warn('sends cut short by the last shutdown are now unknown', { units: stranded });
    void this.repair().catch((err: unknown) => this.deps.log.error('campaign repair failed', { error: String(err) }));
    this.wakeAll();
    this.armSchedule();
    this.poll();
  }

  async stop(): Promise<void> {
    this.sending = false;
    this.scheduleTimer?.cancel();
    this.pollTimer?.cancel();
    for (const t of this.progressTimers.values()) t.cancel();
    this.progressTimers.clear();
    for (const off of this.unsubscribe.splice(0)) off();
    const engines = [...this.engines.values()];
    for (const e of engines) e.stop();
    await Promise.race([Promise.all(engines.map((e) => e.settled())), new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  /**
   * Resolves once no engine is in a step and no campaign is being changed, twice in a row (tests call it after
   * moving a fake clock; engines never wait on a timer inside a step, so this always ends).
   */
  async settled(): Promise<void> {
    let quiet = 0;
    while (quiet < 2) {
      await yieldToOthers();
      const engines = [...this.engines.values()];
      if (engines.some((e) => e.busy) || this.locks.size > 0) {
        quiet = 0;
        await Promise.all([...engines.map((e) => e.settled()), ...[...this.locks.values()].map((p) => p.catch(() => undefined))]);
      } else quiet += 1;
    }
  }

  private async repair(): Promise<void> {
    const cancelled = this.deps.handle.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.status, 'cancelled'), sql`${campaigns.nPending} > 0`))
      .all();
    for (const c of cancelled) await this.withLock(c.id, () => this.skipPending(c.id));
    const unfinished = this.deps.handle.db
      .select()
      .from(campaigns)
      .where(and(inArray(campaigns.status, EDITABLE), sql`${campaigns.recipientsAt} IS NULL`))
      .all();
    for (const c of unfinished) await this.withLock(c.id, () => this.expand(c));
  }

  private wakeAll(): void {
    const rows = this.store
      .stmt(`SELECT DISTINCT channel_id AS channelId FROM campaigns WHERE status IN ('sending', 'paused') OR n_unknown > 0`)
      .all() as { channelId: number }[];
    for (const r of rows) this.wakeChannel(r.channelId);
  }

  private wakeChannel(channelId: number): void {
    if (!this.sending) return;
    let engine = this.engines.get(channelId);
    if (!engine) {
      engine = new ChannelEngine(channelId, this.engineDeps);
      this.engines.set(channelId, engine);
    }
    engine.poke();
  }

  private poll(): void {
    this.pollTimer = this.deps.clock.setTimeout(() => {
      if (!this.sending) return;
      const rows = this.store.stmt(`SELECT DISTINCT channel_id AS channelId FROM campaigns WHERE status = 'sending'`).all() as {
        channelId: number;
      }[];
      for (const r of rows) if (!this.engines.has(r.channelId)) this.wakeChannel(r.channelId);
      this.armSchedule();
      this.poll();
    }, POLL_MS);
  }

  /** One timer for the earliest scheduled campaign; when it fires, every due one starts. */
  private armSchedule(): void {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
    if (!this.sending) return;
    const next = this.store.stmt(`SELECT min(scheduled_at) AS at FROM campaigns WHERE status = 'scheduled'`).get() as { at: number | null };
    if (next.at === null) return;
    this.scheduleTimer = this.deps.clock.setTimeout(() => void this.startDue(), Math.max(0, next.at - this.deps.clock.now()));
  }

  private async startDue(): Promise<void> {
    if (this.startingDue) return;
    this.startingDue = true;
    try {
      const now = this.deps.clock.now();
      const due = this.deps.handle.db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(and(eq(campaigns.status, 'scheduled'), sql`${campaigns.scheduledAt} <= ${now}`))
        .all();
      for (const c of due) {
        try {
          await this.begin(c.id, true);
        } catch (err) {
          // A scheduled campaign that cannot start (nobody left to send to) goes back to a draft that says why.
          const row = this.store.row(c.id);
          if (row?.status !== 'scheduled') continue;
          this.deps.log.warn('a scheduled bulk message could not start', { campaignId: c.id, error: err instanceof AppError ? err.code : String(err) });
          const why = err instanceof AppError ? err.text : { en: String(err), tr: String(err) };
          this.store.setStatus(c.id, 'draft', this.deps.clock.now(), { notices: [...row.notices, why] });
          this.progress(c.id, true);
        }
      }
    } finally {
      this.startingDue = false;
      this.armSchedule();
    }
  }

  // ---- procedures ------------------------------------------------------------------------------------------------

  async create(input: CampaignCreateInput): Promise<CampaignDetail> {
    const channel = this.deps.channels.row(input.channelId);
    const demo = channel.engine === 'simulator';
    const now = this.deps.clock.now();
    const pacing = this.checkPacing(input.pacing, channel.id, demo);
    this.compileAll(input.parts);
    const groups = this.checkGroups(channel.id, input.groupIds ?? []);
    const contactIds = this.checkContacts(channel.id, input.contactIds ?? []);
    if (input.scheduledAt !== undefined) this.checkSchedule(channel.id, input.scheduledAt);
    const images = input.parts.map((p, i) => (p.kind === 'image' ? keepImage(this.deps.paths.filesDir, p.path, i) : null));
    const id = this.deps.handle.sqlite.transaction(() => {
      const row = this.deps.handle.db
        .insert(campaigns)
        .values({
          channelId: channel.id,
          title: input.title,
          description: input.description ?? null,
          titleFold: foldText(input.title),
          descriptionFold: foldText(input.description ?? ''),
          status: 'draft',
          pacing,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: campaigns.id })
        .get();
      this.writeAudience(row.id, groups, contactIds);
      this.writeParts(row.id, input.parts, images);
      return row.id;
    })();
    await this.withLock(id, async () => {
      await this.expand(this.requireRow(id));
      if (input.scheduledAt !== undefined) {
        this.store.setStatus(id, 'scheduled', this.deps.clock.now(), { scheduledAt: input.scheduledAt });
        this.armSchedule();
      }
    });
    this.progress(id, true);
    return this.get(id);
  }

  async update(input: CampaignUpdateInput): Promise<CampaignDetail> {
    return this.withLock(input.id, async () => {
      const row = this.requireRow(input.id);
      if (!EDITABLE.includes(row.status)) throw wrongStatus(row.status, ACTION.edit);
      const channel = this.deps.channels.row(row.channelId);
      const demo = channel.engine === 'simulator';
      const patch: Partial<CampaignRow> = {};
      if (input.title !== undefined) {
        patch.title = input.title;
        patch.titleFold = foldText(input.title);
      }
      if (input.description !== undefined) {
        patch.description = input.description;
        patch.descriptionFold = foldText(input.description ?? '');
      }
      if (input.pacing !== undefined) patch.pacing = this.checkPacing(input.pacing, channel.id, demo);
      if (input.parts !== undefined) this.compileAll(input.parts);
      const groups = input.groupIds !== undefined ? this.checkGroups(channel.id, input.groupIds) : null;
      const contactIds = input.contactIds !== undefined ? this.checkContacts(channel.id, input.contactIds) : null;
      if (input.scheduledAt !== undefined && input.scheduledAt !== null) this.checkSchedule(channel.id, input.scheduledAt);
      const images = input.parts?.map((p, i) => (p.kind === 'image' ? this.imageFor(row.id, p.path, i) : null));
      const now = this.deps.clock.now();
      this.deps.handle.sqlite.transaction(() => {
        if (input.parts !== undefined && images) {
          this.deps.handle.db.delete(campaignParts).where(eq(campaignParts.campaignId, row.id)).run();
          this.writeParts(row.id, input.parts, images);
        }
        if (groups !== null || contactIds !== null) {
          const kept = this.audienceOf(row.id);
          this.deps.handle.db.delete(campaignAudience).where(eq(campaignAudience.campaignId, row.id)).run();
          this.writeAudience(row.id, groups ?? kept.groups.filter((g) => g.id !== null).map((g) => ({ id: g.id!, name: g.name })), contactIds ?? kept.contactIds);
        }
        if (input.scheduledAt !== undefined) {
          patch.status = input.scheduledAt === null ? 'draft' : 'scheduled';
          patch.scheduledAt = input.scheduledAt;
        }
        this.deps.handle.db.update(campaigns).set({ ...patch, updatedAt: now }).where(eq(campaigns.id, row.id)).run();
      })();
      this.compiled.delete(row.id);
      if (input.parts !== undefined || groups !== null || contactIds !== null) await this.expand(this.requireRow(row.id));
      this.armSchedule();
      this.progress(row.id, true);
      return this.get(row.id);
    });
  }

  async start(id: number): Promise<CampaignDetail> {
    await this.begin(id, false);
    return this.get(id);
  }

  /** Moves a draft or scheduled campaign to sending: the warning must be acknowledged and someone must be left. */
  private async begin(id: number, scheduled: boolean): Promise<void> {
    await this.withLock(id, async () => {
      const row = this.requireRow(id);
      if (!EDITABLE.includes(row.status) || (scheduled && row.status !== 'scheduled')) throw wrongStatus(row.status, ACTION.start);
      if (!this.acknowledged(row.channelId)) throw warningNotAcknowledged();
      if (this.recipientsStale(row)) await this.expand(row);
      const fresh = this.requireRow(id);
      // Cancelled while its list was being made: it stays cancelled.
      if (!EDITABLE.includes(fresh.status)) throw wrongStatus(fresh.status, ACTION.start);
      if (fresh.nPending === 0) throw noRecipients();
      const now = this.deps.clock.now();
      this.store.setStatus(id, 'sending', now, { queuedAt: now, startedAt: fresh.startedAt ?? now, pauseReason: null, pauseDetail: null });
    });
    this.armSchedule();
    this.progress(id, true);
    this.wakeChannel(this.requireRow(id).channelId);
  }

  pause(id: number): CampaignDetail {
    const row = this.requireRow(id);
    if (row.status !== 'sending' && row.status !== 'paused') throw wrongStatus(row.status, ACTION.pause);
    this.store.setStatus(id, 'paused', this.deps.clock.now(), { pauseReason: 'user', pauseDetail: { text: USER_PAUSE_TEXT } });
    this.progress(id, true);
    this.wakeChannel(row.channelId);
    return this.get(id);
  }

  resume(id: number): CampaignDetail {
    const row = this.requireRow(id);
    if (row.status !== 'paused') throw wrongStatus(row.status, ACTION.resume);
    this.store.setStatus(id, 'sending', this.deps.clock.now(), { pauseReason: null, pauseDetail: null });
    this.engines.get(row.channelId)?.resetFailures();
    this.progress(id, true);
    this.wakeChannel(row.channelId);
    return this.get(id);
  }

  async cancel(id: number): Promise<CampaignDetail> {
    const row = this.requireRow(id);
    if (row.status === 'completed' || row.status === 'cancelled') throw wrongStatus(row.status, ACTION.cancel);
    const now = this.deps.clock.now();
    this.store.setStatus(id, 'cancelled', now, { finishedAt: now, pauseReason: null, pauseDetail: null });
    this.armSchedule();
    await this.withLock(id, () => this.skipPending(id));
    this.progress(id, true);
    this.wakeChannel(row.channelId);
    return this.get(id);
  }

  /** Pending units of a cancelled campaign become `skipped`; the few that carry a charge get it back. */
  private async skipPending(id: number): Promise<void> {
    const { store, clock } = { store: this.store, clock: this.deps.clock };
    for (;;) {
      const charged = store.chargedUnits(id, 'pending', CANCEL_CHUNK);
      if (charged.length === 0) break;
      for (const u of charged) this.endUnit(u.id, id, 'pending', 'skipped', 'cancelled', true);
    }
    while (store.sqlite.transaction(() => store.moveUncharged(id, 'pending', 'skipped', 'cancelled', CANCEL_CHUNK, clock.now()))() > 0) {
      await yieldToOthers();
    }
  }

  async duplicate(id: number): Promise<CampaignDetail> {
    const row = this.requireRow(id);
    const now = this.deps.clock.now();
    const audience = this.audienceOf(id);
    const groups = audience.groups.filter((g) => g.id !== null).map((g) => ({ id: g.id!, name: g.name }));
    const copy = this.deps.handle.sqlite.transaction(() => {
      const inserted = this.deps.handle.db
        .insert(campaigns)
        .values({
          channelId: row.channelId,
          title: row.title,
          description: row.description,
          titleFold: row.titleFold,
          descriptionFold: row.descriptionFold,
          status: 'draft',
          pacing: row.pacing,
          duplicatedFrom: row.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: campaigns.id })
        .get();
      this.writeAudience(inserted.id, groups, audience.contactIds);
      this.store
        .stmt(
          `INSERT INTO campaign_parts (campaign_id, position, kind, text, variants, file_path, file_name, mime, size, caption)
           SELECT ?, position, kind, text, variants, file_path, file_name, mime, size, caption FROM campaign_parts WHERE campaign_id = ?`,
        )
        .run(inserted.id, row.id);
      return inserted.id;
    })();
    await this.withLock(copy, () => this.expand(this.requireRow(copy)));
    this.progress(copy, true);
    return this.get(copy);
  }

  list(input: CampaignListInput): CampaignPage {
    this.deps.channels.row(input.channelId);
    const where = [sql`${campaigns.channelId} = ${input.channelId}`];
    const like = (v: string) => `%${foldText(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (input.title?.trim()) where.push(sql`${campaigns.titleFold} LIKE ${like(input.title)} ESCAPE '\\'`);
    if (input.description?.trim()) where.push(sql`${campaigns.descriptionFold} LIKE ${like(input.description)} ESCAPE '\\'`);
    if (input.status !== undefined) {
      const statuses = Array.isArray(input.status) ? input.status : [input.status];
      where.push(inArray(campaigns.status, statuses));
    }
    if (input.from !== undefined) where.push(sql`${campaigns.createdAt} >= ${input.from}`);
    if (input.to !== undefined) where.push(sql`${campaigns.createdAt} < ${input.to}`);
    if (input.cursor !== undefined) {
      const m = /^(\d{1,16}):(\d{1,15})$/.exec(input.cursor);
      if (!m) throw new AppError('bad_cursor', { en: 'The page cursor is not valid; start from the first page.', tr: 'Sayfa imleci geçersiz; ilk sayfadan başlayın.' }, { field: 'cursor' });
      where.push(sql`(${campaigns.createdAt}, ${campaigns.id}) < (${Number(m[1])}, ${Number(m[2])})`);
    }
    const rows = this.deps.handle.db
      .select()
      .from(campaigns)
      .where(and(...where))
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(input.limit + 1)
      .all();
    const items = rows.slice(0, input.limit).map((r) => this.summary(r));
    const last = rows.length > input.limit ? rows[input.limit - 1]! : null;
    return { items, nextCursor: last ? `${last.createdAt}:${last.id}` : null };
  }

  get(id: number): CampaignDetail {
    const row = this.requireRow(id);
    const channel = this.deps.channels.row(row.channelId);
    const demo = channel.engine === 'simulator';
    const audience = this.audienceOf(id);
    const wait = this.waitOf(row);
    const age = numberAgeDays(channel.createdAt, this.deps.clock.now(), this.engineDeps.zone());
    return {
      ...this.summary(row),
      parts: this.partsList(id),
      pacing: row.pacing,
      effectiveDailyCap: effectiveDailyCap(row.pacing, age, demo),
      groups: audience.groups,
      contactIds: audience.contactIds,
      recipientsAt: row.recipientsAt,
      wait,
      etaAt: this.eta(row, wait),
      notices: row.notices,
      duplicatedFrom: row.duplicatedFrom,
      demo,
    };
  }

  recipients(input: CampaignRecipientsInput): RecipientPage {
    this.requireRow(input.campaignId);
    return this.results.page(input);
  }

  async preview(input: CampaignPreviewInput): Promise<CampaignPreview> {
    const saved = input.campaignId !== undefined ? this.requireRow(input.campaignId) : null;
    const channelId = saved?.channelId ?? input.channelId!;
    const channel = this.deps.channels.row(channelId);
    const demo = channel.engine === 'simulator';
    const now = this.deps.clock.now();
    let parts: PartContent[];
    let images: (StoredImage | null)[];
    let pacing: Pacing;
    let recipients: number;
    let optedOut: number;
    let recipientContactId: number | null;
    if (saved) {
      const rows = this.partRows(saved.id);
      parts = rows.map(toContent);
      images = rows.map((p) => (p.kind === 'image' ? { path: p.filePath!, fileName: p.fileName!, mime: p.mime as StoredImage['mime'], size: p.size! } : null));
      pacing = saved.pacing;
      recipients = saved.recipients;
      optedOut = saved.optedOut;
      recipientContactId = this.chooseSavedRecipient(saved.id, input.contactId);
    } else {
      const inputs = input.parts ?? [];
      this.compileAll(inputs);
      parts = inputs.map(inputContent);
      images = inputs.map((p, i) => (p.kind === 'image' ? inspectImage(p.path, i) : null));
      pacing = this.checkPacing(input.pacing, channelId, demo);
      this.checkGroups(channelId, input.groupIds ?? []);
      const contactIds = this.checkContacts(channelId, input.contactIds ?? []);
      const counts = this.audienceCounts(channelId, { groupIds: input.groupIds ?? [], contactIds });
      recipients = counts.recipients;
      optedOut = counts.optedOut;
      recipientContactId = input.contactId ?? counts.first;
      if (input.contactId !== undefined) this.checkContacts(channelId, [input.contactId]);
    }
    const known = this.knownField();
    const compiled = parts.map((p, i) => compilePart(i, p, saved ? () => true : known));
    const fields = recipientContactId === null ? null : this.lookup.fields(recipientContactId);
    const previewParts: PreviewPart[] = compiled.map((part, i) => {
      const image = images[i] ?? null;
      const rendered = fields ? renderPart(part, fields, saved?.id ?? 0, recipientContactId ?? 0) : null;
      return {
        position: i,
        kind: part.kind,
        text: rendered?.text ?? null,
        variant: rendered?.variant ?? null,
        image: image ? { path: image.path, fileName: image.fileName } : null,
        missing: rendered?.missing ?? [],
      };
    });
    const toSend = recipients - optedOut;
    const wallet = this.deps.wallet;
    const perRecipient = parts.reduce((sum, p) => sum + wallet.settings.price(p.kind === 'image' ? 'image' : 'text'), 0);
    const balance = wallet.balance();
    const age = numberAgeDays(channel.createdAt, now, this.engineDeps.zone());
    const cap = effectiveDailyCap(pacing, age, demo);
    const zone = this.engineDeps.zone();
    return {
      recipient:
        fields && recipientContactId !== null
          ? { contactId: recipientContactId, phone: fields.phone, phoneDisplay: formatPhone(fields.phone), name: fieldValues(fields)('name') }
          : null,
      parts: previewParts,
      picksFinal: saved !== null,
      recipients,
      optedOut,
      messages: toSend * parts.length,
      costMinor: toSend * perRecipient,
      balanceMinor: balance.balanceMinor,
      currency: balance.currency,
      enoughBalance: balance.balanceMinor >= toSend * perRecipient,
      estimatedMs: estimateDurationMs({
        pacing,
        recipients: toSend,
        partsPerRecipient: parts.length,
        averageTextLength: averageLength(parts),
        cap,
        sentToday: this.store.dailyCount(channelId, localDayKey(now, zone)),
        now,
        zone,
      }),
      pacing,
      effectiveDailyCap: cap,
      warningAcknowledged: this.acknowledged(channelId),
      demo,
    };
  }

  warning(channelId: number): CampaignWarning {
    this.deps.channels.row(channelId);
    const ack = this.deps.handle.db.select().from(campaignWarningAcks).where(eq(campaignWarningAcks.channelId, channelId)).get();
    return { channelId, acknowledgedAt: ack?.acknowledgedAt ?? null, text: QR_BULK_WARNING };
  }

  acknowledgeWarning(channelId: number, actor: Actor): CampaignWarning {
    this.deps.channels.row(channelId);
    this.deps.handle.db
      .insert(campaignWarningAcks)
      .values({ channelId, acknowledgedAt: this.deps.clock.now(), actor: actor.name })
      .onConflictDoNothing()
      .run();
    return this.warning(channelId);
  }

  /**
   * The user's decision about units whose outcome is unknown: `resend` puts them back in line (on the charge they
   * already carry, so nothing is charged twice), `mark_sent` records them as sent, `mark_failed` as failed with
   * the charge given back.
   */
  resolveUnknown(input: { campaignId: number; action: UnknownAction; unitIds?: number[] }): UnknownResolved {
    const row = this.requireRow(input.campaignId);
    if (input.action === 'resend' && row.status === 'cancelled') throw wrongStatus(row.status, ACTION.resolve);
    const units = this.store.unitsIn(row.id, 'unknown', input.unitIds ?? null, 100_000);
    if (units.length === 0) throw noUnknownUnits();
    const now = this.deps.clock.now();
    for (const u of units) {
      if (input.action === 'mark_failed') this.endUnit(u.id, row.id, 'unknown', 'failed', 'marked_failed', u.charged === 1);
      else
        this.store.sqlite.transaction(() =>
          input.action === 'resend'
            ? this.store.move(u.id, row.id, 'unknown', 'pending', { reconcileTries: 0 }, now)
            : this.store.move(u.id, row.id, 'unknown', 'sent', { sentAt: u.sendingAt }, now),
        )();
    }
    const after = this.requireRow(row.id);
    if (input.action === 'resend' && after.status === 'completed') {
      this.store.setStatus(row.id, 'sending', now, { queuedAt: now, finishedAt: null });
    }
    this.progress(row.id, true);
    this.wakeChannel(row.channelId);
    return { units: units.length, campaign: this.get(row.id) };
  }

  async exportResults(input: { campaignId: number; format: 'csv' | 'xlsx' }): Promise<{ path: string; rows: number; fileName: string }> {
    const row = this.requireRow(input.campaignId);
    const language = this.deps.language();
    const spec: ResultsExportSpec = {
      campaignId: row.id,
      parts: this.partRows(row.id).map((p) => p.kind),
      format: input.format,
      path: resultsExportPath(this.deps.paths.dataDir, row.id, input.format, this.deps.clock.now()),
      language,
    };
    const data: ResultsWorkerInput = { dbFile: this.deps.paths.dbFile, migrationsDir: this.deps.paths.migrationsDir, spec };
    const worker = startWorker(EXPORT_WORKER, { workerData: data });
    const result = await new Promise<ResultsWorkerOutput>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`campaign export thread exited with code ${code}`)));
    }).finally(() => void worker.terminate());
    if (!result.ok) {
      if (result.error) throw new AppError(result.error.code, { en: result.error.message, tr: result.error.messageTr }, { field: result.error.field });
      throw new Error(result.internal ?? 'campaign export failed');
    }
    const safeTitle = row.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'campaign';
    return { ...result.value, fileName: `${safeTitle}-${row.id}.${input.format}` };
  }

  settings(): CampaignSettings {
    const chosen = this.setting<string>(ZONE_SETTING);
    return {
      timeZone: chosen ?? this.machineZone(),
      timeZoneIsDefault: chosen === null,
      builtInOptOutKeywords: [...BUILT_IN_OPT_OUT],
      optOutKeywords: this.setting<string[]>(OPT_OUT_SETTING) ?? [],
    };
  }

  updateSettings(input: { timeZone?: string | null; optOutKeywords?: string[] }): CampaignSettings {
    if (input.timeZone !== undefined && input.timeZone !== null && !isValidZone(input.timeZone)) throw invalidZone();
    if (input.timeZone !== undefined) {
      this.writeSetting(ZONE_SETTING, input.timeZone);
      this.zone = null;
    }
    if (input.optOutKeywords !== undefined) {
      this.writeSetting(OPT_OUT_SETTING, [...new Map(input.optOutKeywords.map((w) => [foldText(w), w])).values()]);
    }
    for (const e of this.engines.values()) e.poke();
    return this.settings();
  }

  private setting<T>(key: string): T | null {
    const row = this.deps.handle.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? (JSON.parse(row.value) as T) : null;
  }

  private writeSetting(key: string, value: unknown): void {
    if (value === null) {
      this.deps.handle.db.delete(settings).where(eq(settings.key, key)).run();
      return;
    }
    const json = JSON.stringify(value);
    this.deps.handle.db.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
  }

  private machineZone(): string {
    return this.deps.zone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  // ---- listeners -------------------------------------------------------------------------------------------------

  private onAck(messageId: string, level: AckLevel): void {
    const delivery = ACK_DELIVERY[level];
    if (!delivery) return;
    // Delivery marks are informative: losing the last few to a power cut is harmless, so they skip the disk sync.
    const hit = this.engineDeps.relaxed(() => this.store.ack(messageId, delivery, this.deps.clock.now()));
    if (hit) this.progress(hit.campaignId, false);
  }

  /** A reply that is only an opt-out word (built-in or configured) opts the contact out of bulk messages. */
  private onIncoming(channelId: number, from: string, text: string): void {
    const word = optOutKeyword(text, this.setting<string[]>(OPT_OUT_SETTING) ?? []);
    if (!word) return;
    const contact = this.deps.contacts.findByPhone(channelId, from);
    if (!contact || contact.optedOut === 1) return;
    this.deps.contacts.update({ id: contact.id, optedOut: true, optOutReason: `reply:${word}` });
  }

  /** Drafts and schedules aiming at a deleted group are told; returns how many (the groups service reports it). */
  private onGroupDeleted(groupId: number, name: string): number {
    const now = this.deps.clock.now();
    const rows = this.store
      .stmt(
        `SELECT DISTINCT a.campaign_id AS id, c.status FROM campaign_audience a JOIN campaigns c ON c.id = a.campaign_id
         WHERE a.kind = 'group' AND a.ref_id = ?`,
      )
      .all(groupId) as { id: number; status: CampaignStatus }[];
    this.store.stmt(`UPDATE campaign_audience SET ref_id = NULL, deleted_at = ? WHERE kind = 'group' AND ref_id = ?`).run(now, groupId);
    let drafts = 0;
    for (const r of rows) {
      if (!EDITABLE.includes(r.status)) continue;
      drafts += 1;
      const row = this.requireRow(r.id);
      this.store.setStatus(r.id, r.status, now, { notices: [...row.notices, GROUP_DELETED_NOTICE(name)] });
      // After the group's transaction commits: the draft's list is made again without the group's members.
      queueMicrotask(() => {
        void this.withLock(r.id, async () => {
          const current = this.requireRow(r.id);
          if (EDITABLE.includes(current.status)) await this.expand(current);
          this.progress(r.id, true);
        }).catch((err: unknown) => this.deps.log.warn('remaking a draft after its group was deleted failed', { campaignId: r.id, error: String(err) }));
      });
    }
    return drafts;
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private requireRow(id: number): CampaignRow {
    const row = this.store.row(id);
    if (!row) throw campaignNotFound();
    return row;
  }

  private async withLock<T>(id: number, fn: () => Promise<T> | T): Promise<T> {
    const before = this.locks.get(id) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(fn);
    this.locks.set(id, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(id) === run) this.locks.delete(id);
    }
  }

  private async expand(row: CampaignRow): Promise<void> {
    if (row.nSending + row.nSent + row.nFailed + row.nInvalid + row.nUnknown > 0) {
      throw new Error(`campaign ${row.id} has sent messages; its recipients cannot be made again`);
    }
    const audience = this.audienceOf(row.id);
    const groupIds = audience.groups.flatMap((g) => (g.id === null ? [] : [g.id]));
    await expandRecipients(this.store, row.id, row.channelId, { groupIds, contactIds: audience.contactIds }, () => this.deps.clock.now());
  }

  /** The list was made before a group of it changed, or was never finished. */
  private recipientsStale(row: CampaignRow): boolean {
    if (row.recipientsAt === null) return true;
    const changed = this.store
      .stmt(
        `SELECT 1 FROM campaign_audience a JOIN customer_groups g ON g.id = a.ref_id
         WHERE a.campaign_id = ? AND a.kind = 'group' AND g.updated_at > ? LIMIT 1`,
      )
      .get(row.id, row.recipientsAt);
    return changed !== undefined;
  }

  private checkPacing(input: PacingInput | undefined, channelId: number, demo: boolean): Pacing {
    const pacing = resolvePacing(input, demo);
    const channel = this.deps.channels.row(channelId);
    const problems = pacingProblems(pacing, numberAgeDays(channel.createdAt, this.deps.clock.now(), this.engineDeps.zone()), demo);
    if (problems.length > 0) throw pacingError(problems[0]!);
    return pacing;
  }

  private knownField(): (key: string) => boolean {
    const attrs = this.deps.attributes().byKey();
    return (key) => (BUILTIN_FIELDS as readonly string[]).includes(key) || attrs.has(key);
  }

  private compileAll(parts: PartInput[]): CompiledPart[] {
    const known = this.knownField();
    try {
      return parts.map((p, i) => compilePart(i, inputContent(p), known));
    } catch (err) {
      if (err instanceof PartTemplateError) throw templateError(err.field, err.problem);
      throw err;
    }
  }

  private checkGroups(channelId: number, ids: number[]): { id: number; name: string }[] {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = this.store
      .stmt('SELECT id, name FROM customer_groups WHERE channel_id = ? AND id IN (SELECT value FROM json_each(?))')
      .all(channelId, JSON.stringify(unique)) as { id: number; name: string }[];
    const found = new Map(rows.map((r) => [r.id, r]));
    return unique.map((id) => {
      const g = found.get(id);
      if (!g) throw groupNotInChannel(ids.indexOf(id));
      return g;
    });
  }

  private checkContacts(channelId: number, ids: number[]): number[] {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = new Set(
      (
        this.store
          .stmt('SELECT id FROM contacts WHERE channel_id = ? AND id IN (SELECT value FROM json_each(?))')
          .all(channelId, JSON.stringify(unique)) as { id: number }[]
      ).map((r) => r.id),
    );
    const missing = unique.find((id) => !found.has(id));
    if (missing !== undefined) throw contactNotInChannel(ids.indexOf(missing));
    return unique;
  }

  private checkSchedule(channelId: number, at: number): void {
    if (at <= this.deps.clock.now()) throw scheduleInPast();
    if (!this.acknowledged(channelId)) throw warningNotAcknowledged();
  }

  private acknowledged(channelId: number): boolean {
    return this.store.stmt('SELECT 1 FROM campaign_warning_acks WHERE channel_id = ?').get(channelId) !== undefined;
  }

  /** An edited image part keeps its stored copy (and name) when it still names it. */
  private imageFor(campaignId: number, file: string, index: number): StoredImage {
    const existing = this.partRows(campaignId).find((p) => p.kind === 'image' && p.filePath === file);
    const kept = keepImage(this.deps.paths.filesDir, file, index);
    return existing?.fileName ? { ...kept, fileName: existing.fileName } : kept;
  }

  private writeAudience(campaignId: number, groups: { id: number; name: string }[], contactIds: number[]): void {
    const db = this.deps.handle.db;
    if (groups.length > 0) {
      db.insert(campaignAudience).values(groups.map((g) => ({ campaignId, kind: 'group' as const, refId: g.id, label: g.name }))).run();
    }
    this.store
      .stmt(`INSERT INTO campaign_audience (campaign_id, kind, ref_id) SELECT ?, 'contact', value FROM json_each(?)`)
      .run(campaignId, JSON.stringify(contactIds));
  }

  private writeParts(campaignId: number, parts: PartInput[], images: (StoredImage | null)[]): void {
    this.deps.handle.db
      .insert(campaignParts)
      .values(
        parts.map((p, position) => {
          const image = images[position];
          return {
            campaignId,
            position,
            kind: p.kind,
            text: p.kind === 'text' ? p.text : null,
            variants: p.kind === 'random_text' ? p.variants : null,
            caption: p.kind === 'image' ? (p.caption ?? null) : null,
            filePath: image?.path ?? null,
            fileName: image?.fileName ?? null,
            mime: image?.mime ?? null,
            size: image?.size ?? null,
          };
        }),
      )
      .run();
  }

  private audienceOf(campaignId: number): { groups: { id: number | null; name: string; deleted: boolean }[]; contactIds: number[] } {
    const rows = this.deps.handle.db.select().from(campaignAudience).where(eq(campaignAudience.campaignId, campaignId)).orderBy(campaignAudience.id).all();
    const groups = rows.filter((r) => r.kind === 'group').map((r) => ({ id: r.refId, name: r.label ?? '', deleted: r.deletedAt !== null }));
    const contactIds = rows.flatMap((r) => (r.kind === 'contact' && r.refId !== null ? [r.refId] : []));
    return { groups, contactIds };
  }

  private audienceCounts(channelId: number, audience: Audience): { recipients: number; optedOut: number; first: number | null } {
    const row = this.store
      .stmt(
        `SELECT count(*) AS recipients, coalesce(sum(c.opted_out), 0) AS optedOut,
                min(CASE WHEN c.opted_out = 0 THEN c.id END) AS first
         FROM (SELECT contact_id AS id FROM group_members WHERE group_id IN (SELECT value FROM json_each(?))
               UNION SELECT value FROM json_each(?)) a
         JOIN contacts c ON c.id = a.id WHERE c.channel_id = ?`,
      )
      .get(JSON.stringify(audience.groupIds), JSON.stringify(audience.contactIds), channelId) as {
      recipients: number;
      optedOut: number;
      first: number | null;
    };
    return row;
  }

  private chooseSavedRecipient(campaignId: number, contactId: number | undefined): number | null {
    if (contactId !== undefined) {
      const hit = this.store.stmt('SELECT contact_id AS id FROM campaign_recipients WHERE campaign_id = ? AND contact_id = ?').get(campaignId, contactId);
      if (!hit) throw unknownRecipient();
      return contactId;
    }
    const first = this.store
      .stmt(
        `SELECT r.contact_id AS id FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
         WHERE r.campaign_id = ? AND c.opted_out = 0 ORDER BY r.contact_id LIMIT 1`,
      )
      .get(campaignId) as { id: number } | undefined;
    return first?.id ?? null;
  }

  private partRows(campaignId: number) {
    return this.deps.handle.db.select().from(campaignParts).where(eq(campaignParts.campaignId, campaignId)).orderBy(campaignParts.position).all();
  }

  private partsList(campaignId: number): CampaignPart[] {
    return this.partRows(campaignId).map((p): CampaignPart => {
      if (p.kind === 'text') return { kind: 'text', text: p.text ?? '' };
      if (p.kind === 'random_text') return { kind: 'random_text', variants: p.variants ?? [] };
      return { kind: 'image', path: p.filePath ?? '', caption: p.caption, fileName: p.fileName ?? '', mime: p.mime ?? '', size: p.size ?? 0 };
    });
  }

  /** A campaign's parts compiled for sending (any placeholder renders: an attribute deleted since is just empty). */
  private partsOf(campaignId: number): CampaignParts {
    let parts = this.compiled.get(campaignId);
    if (!parts) {
      const rows = this.partRows(campaignId);
      parts = {
        compiled: rows.map((p, i) => compilePart(i, toContent(p), () => true)),
        images: new Map(rows.flatMap((p) => (p.kind === 'image' && p.filePath ? [[p.position, { path: p.filePath, mime: p.mime ?? 'image/jpeg' }] as const] : []))),
      };
      this.compiled.set(campaignId, parts);
    }
    return parts;
  }

  private summary(row: CampaignRow): CampaignSummary {
    return {
      id: row.id,
      channelId: row.channelId,
      title: row.title,
      description: row.description,
      status: row.status,
      pauseReason: row.pauseReason,
      pauseDetail: row.pauseDetail?.text ?? null,
      recipients: row.recipients,
      optedOut: row.optedOut,
      counts: this.store.counts(row),
      scheduledAt: row.scheduledAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private waitOf(row: CampaignRow): CampaignWait | null {
    if (row.status !== 'sending') return null;
    const engine = this.engines.get(row.channelId);
    const own = engine?.currentWait(row.id);
    if (own) return own;
    const head = this.store.queue(row.channelId)[0];
    if (head && head.id !== row.id) return { reason: 'queued', until: null, behindCampaignId: head.id };
    return null;
  }

  private eta(row: CampaignRow, wait: CampaignWait | null): number | null {
    if (row.status !== 'sending' && row.status !== 'paused') return null;
    const parts = Math.max(1, this.partRows(row.id).length);
    const channel = this.deps.channels.row(row.channelId);
    const demo = channel.engine === 'simulator';
    const now = this.deps.clock.now();
    const zone = this.engineDeps.zone();
    const from = Math.max(now, wait?.until ?? now);
    const texts = this.partsList(row.id).map((p) => (p.kind === 'image' ? { kind: 'image' as const, caption: p.caption } : p));
    return (
      from +
      estimateDurationMs({
        pacing: row.pacing,
        recipients: Math.ceil(row.nPending / parts),
        partsPerRecipient: parts,
        averageTextLength: averageLength(texts),
        cap: effectiveDailyCap(row.pacing, numberAgeDays(channel.createdAt, now, zone), demo),
        sentToday: this.store.dailyCount(row.channelId, localDayKey(now, zone)),
        now: from,
        zone,
      })
    );
  }

  /** Ends a unit that will not go out; a charged one gets its charge back in the same transaction. */
  private endUnit(unitId: number, campaignId: number, from: 'pending' | 'unknown', to: 'skipped' | 'failed', failure: string, charged: boolean): void {
    const now = this.deps.clock.now();
    this.store.sqlite
      .transaction(() => {
        if (!this.store.move(unitId, campaignId, from, to, { failure, refunded: charged }, now)) return;
        if (charged) this.charger.refund({ key: refundKey(unitId), chargeKey: unitKey(unitId), reason: failure });
      })
      .immediate();
  }

  private progress(campaignId: number, urgent: boolean): void {
    if (!urgent && this.progressTimers.has(campaignId)) return;
    this.progressTimers.get(campaignId)?.cancel();
    const emit = () => {
      this.progressTimers.delete(campaignId);
      const row = this.store.row(campaignId);
      if (!row) return;
      const wait = this.waitOf(row);
      const payload: CampaignProgress = {
        channelId: row.channelId,
        campaignId: row.id,
        status: row.status,
        pauseReason: row.pauseReason,
        counts: this.store.counts(row),
        wait,
        etaAt: this.eta(row, wait),
      };
      this.deps.events.emit('campaign.progress', payload);
    };
    if (urgent) emit();
    else this.progressTimers.set(campaignId, this.deps.clock.setTimeout(emit, PROGRESS_EVERY_MS));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.deps.log.warn('campaign listener failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

function toContent(p: { kind: 'text' | 'random_text' | 'image'; text: string | null; variants: string[] | null; caption: string | null }): PartContent {
  if (p.kind === 'text') return { kind: 'text', text: p.text ?? '' };
  if (p.kind === 'random_text') return { kind: 'random_text', variants: p.variants ?? [] };
  return { kind: 'image', caption: p.caption };
}

function inputContent(p: PartInput): PartContent {
  if (p.kind === 'text') return { kind: 'text', text: p.text };
  if (p.kind === 'random_text') return { kind: 'random_text', variants: p.variants };
  return { kind: 'image', caption: p.caption ?? null };
}

function averageLength(parts: PartContent[]): number {
  const lengths = parts.map((p) => (p.kind === 'text' ? p.text.length : p.kind === 'random_text' ? p.variants.reduce((a, v) => a + v.length, 0) / p.variants.length : (p.caption?.length ?? 0)));
  return lengths.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / lengths.length;
}
