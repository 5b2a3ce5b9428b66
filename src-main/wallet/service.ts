import type Database from 'better-sqlite3';
import type {
  BalancePoint,
  MessageKind,
  SavedCard,
  WalletBalance,
  WalletExportFormat,
  WalletFilter,
  WalletPage,
  WalletSettings,
  WalletSort,
  WalletStatement,
  WalletStatementDetail,
  WalletTotals,
  WalletWriteResult,
} from '../../src-shared/api/wallet';
import { parsePhone } from '../../src-shared/domain/phone';
import type { DbHandle } from '../db/connection';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import { jobEntry, runReadOnlyJob } from '../export/read-only-job';
import { Billing } from './billing';
import { CardsStore, type NewCard } from './cards';
import {
  adjustmentBelowZero,
  alreadyRefunded,
  channelNotFound,
  entryNotFound,
  exportTooLarge,
  insufficientBalance,
  notACharge,
  phoneInvalid,
  refundTooLarge,
  topUpOutOfRange,
} from './errors';
import { WALLET_XLSX_MAX_ROWS, walletExportPath, writeStatement, writeTransactions, type TransactionsExportSpec } from './export';
import { Ledger, type AppendRequest, type EntryFields } from './ledger';
import { LedgerQueries } from './queries';
import { WalletSettingsStore, type SettingsPatch } from './settings';

export interface WalletDeps {
  handle: DbHandle;
  clock: Clock;
  log: Logger;
  events?: EventBus;
  /** Where exports go (`<dataDir>/exports`) and which database file the export thread opens. */
  files?: { dataDir: string; dbFile: string; migrationsDir: string };
  /** The UI language, for export headers. */
  language?: () => 'en' | 'tr';
  /** The machine's locale (`tr-TR`), which picks the default currency until one is chosen. */
  locale?: () => string;
}

export interface ChargeInput {
  idempotencyKey: string;
  channelId: number;
  phone: string;
  kind: MessageKind;
  reference?: string | null;
}

export interface RefundInput {
  idempotencyKey: string;
  chargeKey?: string;
  entryId?: number;
  amountMinor?: number;
  reason: string;
}

const EXPORT_WORKER = jobEntry(import.meta.url, './export-worker.ts', 'wallet-export-worker');
/**
 * Up to this many rows an export is written right here (tens of milliseconds); more go to a worker thread, whose
 * start-up costs more than a small file does.
 */
const INLINE_EXPORT_MAX_ROWS = 2_000;

/**
 * The wallet: one prepaid balance that every sent message draws on. Writes go through the append-only ledger;
 * this class decides what each operation writes (a top-up from a saved card, a charge at the current price, a
 * refund of one charge, an owner's correction) and tells the UI when the balance changed.
 *
 * `charge` may be called from inside another service's transaction (bulk sending commits a unit's move to
 * `sending` together with its charge); that transaction must have been opened with `.immediate()`.
 */
export class WalletService {
  readonly ledger: Ledger;
  readonly queries: LedgerQueries;
  readonly cards: CardsStore;
  readonly settings: WalletSettingsStore;
  readonly billing: Billing;
  private readonly sqlite: Database.Database;
  private readonly channelStmt: Database.Statement<[number], { name: string; default_country: string }>;
  private changePending = false;

  constructor(private readonly deps: WalletDeps) {
    this.sqlite = deps.handle.sqlite;
    const now = () => deps.clock.now();
    this.ledger = new Ledger(this.sqlite, now);
    this.queries = new LedgerQueries(this.sqlite);
    this.cards = new CardsStore(deps.handle.db, now);
    this.settings = new WalletSettingsStore(
      deps.handle.db,
      deps.locale ?? (() => Intl.DateTimeFormat().resolvedOptions().locale),
      now,
      () => this.ledger.hasEntries(),
    );
    this.billing = new Billing(this.sqlite, {
      clock: deps.clock,
      log: deps.log,
      currency: () => this.settings.currency(),
      onIssued: () => this.changed(),
    });
    this.channelStmt = this.sqlite.prepare('SELECT name, default_country FROM channels WHERE id = ?');
  }

  /** Issues the statements that are due and keeps billing monthly while the app runs. */
  start(): void {
    this.billing.start();
  }

  stop(): void {
    this.billing.stop();
  }

  balance(): WalletBalance {
    const balanceMinor = this.ledger.balance();
    const s = this.settings.get();
    return {
      balanceMinor,
      currency: s.currency,
      lowBalanceThresholdMinor: s.lowBalanceThresholdMinor,
      low: balanceMinor < s.lowBalanceThresholdMinor,
    };
  }

  getSettings(): WalletSettings {
    return this.settings.get();
  }

  updateSettings(patch: SettingsPatch): WalletSettings {
    const out = this.settings.update(patch);
    this.changed();
    return out;
  }

  listCards(): SavedCard[] {
    return this.cards.list();
  }

  addCard(input: NewCard): SavedCard {
    return this.cards.add(input);
  }

  removeCard(id: number): void {
    this.cards.remove(id);
  }

  topUp(input: { cardId: number; amountMinor: number; idempotencyKey: string }): WalletWriteResult {
    return this.write({
      idempotencyKey: input.idempotencyKey,
      sameOperation: (e) => e.type === 'top_up' && e.card_id === input.cardId && e.amount === input.amountMinor,
      build: () => {
        const s = this.settings.get();
        if (input.amountMinor < s.topUpMinMinor || input.amountMinor > s.topUpMaxMinor) {
          throw topUpOutOfRange(s.topUpMinMinor, s.topUpMaxMinor, s.currency);
        }
        const card = this.cards.usable(input.cardId);
        return entry({ type: 'top_up', amount: input.amountMinor, card_id: card.id, idempotency_key: input.idempotencyKey });
      },
      belowZero: (balance, needed) => insufficientBalance(balance, needed, this.settings.currency()),
    });
  }

  /**
   * Charges one outgoing message at the current price of its kind. A number already in E.164 (what bulk sending and
   * chats pass: numbers checked when they entered the directory) is recorded as given; any other spelling is read
   * with the channel's default country, which costs a full phone-number parse.
   */
  charge(input: ChargeInput): WalletWriteResult {
    const channel = this.channelStmt.get(input.channelId);
    const phone = E164.test(input.phone) ? input.phone : normalisePhone(input.phone, channel?.default_country ?? 'TR');
    const reference = input.reference ?? null;
    return this.write({
      idempotencyKey: input.idempotencyKey,
      sameOperation: (e) =>
        e.type === 'message_charge' &&
        e.channel_id === input.channelId &&
        e.phone === phone &&
        e.kind === input.kind &&
        e.reference === reference,
      build: () => {
        if (!channel) throw channelNotFound();
        return entry({
          type: 'message_charge',
          amount: 0 - this.settings.price(input.kind),
          channel_id: input.channelId,
          channel_name: channel.name,
          phone,
          kind: input.kind,
          reference,
          idempotency_key: input.idempotencyKey,
        });
      },
      belowZero: (balance, needed) => insufficientBalance(balance, needed, this.settings.currency()),
    });
  }

  /** Gives back a charge, in full unless `amountMinor` says less, at most once per charge. */
  refund(input: RefundInput): WalletWriteResult {
    const field = input.chargeKey !== undefined ? 'chargeKey' : 'entryId';
    const charge =
      input.chargeKey !== undefined ? this.ledger.byKey(input.chargeKey) : this.ledger.byId(input.entryId ?? 0);
    if (!charge) throw entryNotFound(field);
    if (charge.type !== 'message_charge') throw notACharge(field);
    return this.write({
      idempotencyKey: input.idempotencyKey,
      sameOperation: (e) =>
        e.type === 'refund' && e.refund_of === charge.id && (input.amountMinor === undefined || e.amount === input.amountMinor),
      build: () => {
        if (this.ledger.refundOf(charge.id)) throw alreadyRefunded(field);
        const charged = -charge.amount;
        const amount = input.amountMinor ?? charged;
        if (charged === 0 || amount > charged) throw refundTooLarge(charged, this.settings.currency());
        return entry({
          type: 'refund',
          amount,
          channel_id: charge.channel_id,
          channel_name: charge.channel_name,
          phone: charge.phone,
          kind: charge.kind,
          refund_of: charge.id,
          reference: charge.reference,
          note: input.reason,
          idempotency_key: input.idempotencyKey,
        });
      },
      belowZero: (balance, needed) => insufficientBalance(balance, needed, this.settings.currency()),
    });
  }

  /** The owner's correction of the balance, with the reason on the entry. */
  adjust(input: { idempotencyKey: string; amountMinor: number; reason: string }): WalletWriteResult {
    return this.write({
      idempotencyKey: input.idempotencyKey,
      sameOperation: (e) => e.type === 'adjustment' && e.amount === input.amountMinor && e.note === input.reason,
      build: () => entry({ type: 'adjustment', amount: input.amountMinor, note: input.reason, idempotency_key: input.idempotencyKey }),
      belowZero: (balance) => adjustmentBelowZero(balance, this.settings.currency()),
    });
  }

  transactions(input: WalletFilter & { limit: number; cursor?: string; sort: WalletSort }): WalletPage {
    return this.queries.page(input);
  }

  totals(filter: WalletFilter): WalletTotals {
    return this.queries.totals(filter);
  }

  balanceSeries(input: { from: number; to: number; points: number }): BalancePoint[] {
    return this.queries.series(input.from, input.to, input.points);
  }

  statements(): WalletStatement[] {
    return this.billing.list();
  }

  statement(id: number): WalletStatementDetail {
    return this.billing.detail(id);
  }

  exportStatement(input: { id: number; format: WalletExportFormat }): { path: string; rows: number; fileName: string } {
    const detail = this.billing.detail(input.id);
    const target = walletExportPath(this.files().dataDir, `statement-${detail.period}`, input.format, this.deps.clock.now());
    const done = writeStatement(detail, { format: input.format, path: target, language: this.language() });
    return { ...done, fileName: `statement-${detail.period}.${input.format}` };
  }

  /** Writes the filtered transactions (on a worker thread when many); the file lands in the data dir's `exports` folder. */
  async exportTransactions(
    input: WalletFilter & { sort: WalletSort; format: WalletExportFormat },
  ): Promise<{ path: string; rows: number; fileName: string }> {
    const { format, sort, ...filter } = input;
    const rows = this.totals(filter).entries;
    if (format === 'xlsx' && rows > WALLET_XLSX_MAX_ROWS) throw exportTooLarge(WALLET_XLSX_MAX_ROWS);
    const files = this.files();
    const target = walletExportPath(files.dataDir, 'transactions', format, this.deps.clock.now());
    const spec: TransactionsExportSpec = { filter, sort, format, path: target, currency: this.settings.currency(), language: this.language() };
    const done = rows <= INLINE_EXPORT_MAX_ROWS ? writeTransactions(this.sqlite, spec) : await this.exportOnWorker(spec);
    const stamp = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    return { ...done, fileName: `wallet-transactions-${stamp}.${format}` };
  }

  private exportOnWorker(spec: TransactionsExportSpec): Promise<{ path: string; rows: number }> {
    const files = this.files();
    return runReadOnlyJob(EXPORT_WORKER, { dbFile: files.dbFile, migrationsDir: files.migrationsDir, spec });
  }

  private write(req: Omit<AppendRequest, 'beforeFirst'>): WalletWriteResult {
    const { row, replayed } = this.ledger.append({ ...req, beforeFirst: () => void this.settings.fixCurrency() });
    if (!replayed) this.changed();
    return { entry: this.queries.display([row.id])[0]!, replayed, balanceMinor: replayed ? this.ledger.balance() : row.balance_after };
  }

  /**
   * Tells listeners after the current synchronous work: when the write ran inside a caller's transaction, that
   * transaction has committed (or rolled back) by then, and the payload is read fresh, so it is never stale.
   */
  private changed(): void {
    if (this.changePending || !this.deps.events) return;
    this.changePending = true;
    queueMicrotask(() => {
      this.changePending = false;
      if (!this.sqlite.open) return;
      this.deps.events?.emit('wallet.changed', { balanceMinor: this.ledger.balance() });
    });
  }

  private files(): NonNullable<WalletDeps['files']> {
    if (!this.deps.files) throw new Error('wallet exports need the data dir');
    return this.deps.files;
  }

  private language(): 'en' | 'tr' {
    return this.deps.language?.() ?? 'en';
  }
}

const E164 = /^\+[1-9]\d{7,14}$/;

function normalisePhone(raw: string, defaultCountry: string): string {
  const parsed = parsePhone(raw, defaultCountry);
  if (!parsed.ok) throw phoneInvalid(parsed.problem);
  return parsed.e164;
}

function entry(fields: Partial<EntryFields> & Pick<EntryFields, 'type' | 'amount' | 'idempotency_key'>): EntryFields {
  return {
    channel_id: null,
    channel_name: null,
    phone: null,
    kind: null,
    card_id: null,
    refund_of: null,
    reference: null,
    note: null,
    ...fields,
  };
}
