import { z } from 'zod';
import type { CardBrand } from '../domain/card';
import { cleanName } from '../domain/text';
import { CURRENCIES, type Currency } from '../domain/money';
import { mutation, query } from './define';

export const WALLET_ENTRY_TYPES = ['top_up', 'message_charge', 'refund', 'adjustment'] as const;
export type WalletEntryType = (typeof WALLET_ENTRY_TYPES)[number];

/** The outgoing message kinds that have a price. */
export const MESSAGE_KINDS = ['text', 'image'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const WALLET_SORTS = ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const;
export type WalletSort = (typeof WALLET_SORTS)[number];

export const WALLET_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type WalletExportFormat = (typeof WALLET_EXPORT_FORMATS)[number];

/** Single amounts (a price, a top-up, an adjustment) stay below this many minor units. */
export const WALLET_AMOUNT_MAX = 1_000_000_000_000;
export const WALLET_PAGE_MAX = 500;
export const WALLET_FILTER_CHANNELS_MAX = 20;
export const WALLET_SERIES_POINTS_MAX = 200;

export interface WalletBalance {
  balanceMinor: number;
  currency: Currency;
  lowBalanceThresholdMinor: number;
  /** The balance is below the owner's threshold: the header button warns. */
  low: boolean;
}

export interface WalletSettings {
  currency: Currency;
  /** Entries exist, so the currency can no longer change. */
  currencyLocked: boolean;
  prices: Record<MessageKind, number>;
  lowBalanceThresholdMinor: number;
  topUpMinMinor: number;
  topUpMaxMinor: number;
}

export interface SavedCard {
  id: number;
  holder: string;
  brand: CardBrand;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  /** Past its expiry month at the time of the call: it stays listed but cannot top up. */
  expired: boolean;
  createdAt: number;
}

export interface WalletEntryCard {
  id: number;
  brand: CardBrand;
  last4: string;
}

export interface WalletEntry {
  id: number;
  at: number;
  type: WalletEntryType;
  /** Signed: charges are negative, top-ups and refunds positive. */
  amountMinor: number;
  balanceBeforeMinor: number;
  balanceAfterMinor: number;
  channelId: number | null;
  /** The channel's current name, or the one it had when the entry was written if it has been deleted since. */
  channelName: string | null;
  /** E.164 number the entry concerns (the recipient of a charged message). */
  phone: string | null;
  kind: MessageKind | null;
  card: WalletEntryCard | null;
  /** For a refund: the charge it gives back. */
  refundOf: number | null;
  /** What the entry is for, e.g. `campaign:12`, `message:ABCD`, `statement:2026-01`. */
  reference: string | null;
  note: string | null;
  idempotencyKey: string;
}

/** The result of a ledger write. `replayed`: the key was used before, this is that first result; nothing was written. */
export interface WalletWriteResult {
  entry: WalletEntry;
  replayed: boolean;
  balanceMinor: number;
}

export interface WalletPage {
  rows: WalletEntry[];
  nextCursor: string | null;
}

export interface WalletTotals {
  entries: number;
  topUpsMinor: number;
  /** Negative (charges take money out). */
  chargesMinor: number;
  refundsMinor: number;
  adjustmentsMinor: number;
  netMinor: number;
}

export interface BalancePoint {
  at: number;
  balanceMinor: number;
}

export interface WalletStatement {
  id: number;
  /** `YYYY-MM`, the billed month in the app's local time. */
  period: string;
  periodStart: number;
  /** Exclusive: the first moment of the next month. */
  periodEnd: number;
  currency: Currency;
  totalMinor: number;
  topUps: number;
  createdAt: number;
}

export interface WalletStatementLine {
  entryId: number;
  at: number;
  amountMinor: number;
  card: (WalletEntryCard & { holder: string; expiryMonth: number; expiryYear: number }) | null;
}

export interface WalletStatementDetail extends WalletStatement {
  lines: WalletStatementLine[];
}

const id = z.number().int().positive();
const timestamp = z.number().int().min(0).max(8_640_000_000_000_000);
const minor = z.number().int().min(0).max(WALLET_AMOUNT_MAX);
const positiveMinor = z.number().int().min(1).max(WALLET_AMOUNT_MAX);
/** A caller-made key naming one intended operation; a retry with the same key never applies it twice. */
export const idempotencyKey = z.string().trim().min(1).max(200);
const reference = z
  .string()
  .transform(cleanName)
  .pipe(z.string().max(200))
  .transform((s) => (s === '' ? null : s));

/** Date range (`from` inclusive, `to` exclusive, ms since epoch), entry types and channels; all optional. */
export const walletFilterShape = {
  from: timestamp.optional(),
  to: timestamp.optional(),
  types: z.array(z.enum(WALLET_ENTRY_TYPES)).min(1).max(WALLET_ENTRY_TYPES.length).optional(),
  channelIds: z.array(id).min(1).max(WALLET_FILTER_CHANNELS_MAX).optional(),
};
export type WalletFilter = {
  from?: number;
  to?: number;
  types?: WalletEntryType[];
  channelIds?: number[];
};

function rangeInOrder(v: { from?: number; to?: number }, ctx: z.RefinementCtx): void {
  if (v.from !== undefined && v.to !== undefined && v.to <= v.from) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'The end of the range must be after its start.' });
  }
}

const empty = z.object({}).strict().default({});

export const walletProcedures = {
  'wallet.balance': query(empty).returns<WalletBalance>(),
  'wallet.settings': query(empty).returns<WalletSettings>(),
  /** The currency can change only while the wallet has no entries. */
  'wallet.settings.update': mutation(
    z
      .object({
        currency: z.enum(CURRENCIES).optional(),
        lowBalanceThresholdMinor: minor.optional(),
        topUpMinMinor: positiveMinor.optional(),
        topUpMaxMinor: positiveMinor.optional(),
      })
      .strict(),
  ).returns<WalletSettings>(),
  /** New prices apply to charges from now on; past entries keep what they cost. */
  'wallet.prices.set': mutation(z.object({ text: minor.optional(), image: minor.optional() }).strict()).returns<WalletSettings>(),

  'wallet.cards.list': query(empty).returns<SavedCard[]>(),
  /**
   * Checks the number (digits, brand, length, Luhn), the expiry (`MM/YY`, not past) and the CVC's shape, then keeps
   * the holder, brand, last four digits and expiry. The number and the CVC are never stored or sent anywhere.
   */
  'wallet.cards.add': mutation(
    z
      .object({
        holder: z.string().transform(cleanName).pipe(z.string().min(2).max(80)),
        number: z.string().max(40),
        expiry: z.string().max(10),
        cvc: z.string().max(8),
      })
      .strict(),
  ).returns<SavedCard>(),
  'wallet.cards.remove': mutation(z.object({ id }).strict()).returns<{ removed: true }>(),

  'wallet.topUp': mutation(
    z.object({ cardId: id, amountMinor: positiveMinor, idempotencyKey }).strict(),
  ).returns<WalletWriteResult>(),
  /** Takes the current price of `kind` for one message to `phone`; refused with `insufficient_balance` if it does not fit. */
  'wallet.charge': mutation(
    z
      .object({
        idempotencyKey,
        channelId: id,
        phone: z.string().max(40),
        kind: z.enum(MESSAGE_KINDS),
        reference: reference.optional(),
      })
      .strict(),
  ).returns<WalletWriteResult>(),
  /** Gives back a charge (all of it unless `amountMinor` says less), once. Name the charge by its key or entry id. */
  'wallet.refund': mutation(
    z
      .object({
        idempotencyKey,
        chargeKey: idempotencyKey.optional(),
        entryId: id.optional(),
        amountMinor: positiveMinor.optional(),
        reason: z.string().transform(cleanName).pipe(z.string().min(1).max(300)),
      })
      .strict()
      .refine((v) => (v.chargeKey === undefined) !== (v.entryId === undefined), {
        message: 'Name the charge by exactly one of chargeKey or entryId.',
        path: ['chargeKey'],
      }),
  ).returns<WalletWriteResult>(),
  /** The owner's correction: a signed amount with a reason; cannot take the balance below zero. */
  'wallet.adjust': mutation(
    z
      .object({
        idempotencyKey,
        amountMinor: z.number().int().min(-WALLET_AMOUNT_MAX).max(WALLET_AMOUNT_MAX).refine((n) => n !== 0, 'not_zero'),
        reason: z.string().transform(cleanName).pipe(z.string().min(1).max(300)),
      })
      .strict(),
  ).returns<WalletWriteResult>(),

  /** Keyset-paged entries of the filter; newest first unless `sort` says otherwise. */
  'wallet.transactions': query(
    z
      .object({
        ...walletFilterShape,
        limit: z.number().int().min(1).max(WALLET_PAGE_MAX).default(50),
        cursor: z.string().max(300).optional(),
        sort: z.enum(WALLET_SORTS).default('date_desc'),
      })
      .strict()
      .superRefine(rangeInOrder),
  ).returns<WalletPage>(),
  'wallet.totals': query(z.object(walletFilterShape).strict().superRefine(rangeInOrder)).returns<WalletTotals>(),
  /** The balance at the end of each of `points` equal steps across the range (for the chart), plus its start. */
  'wallet.balanceSeries': query(
    z
      .object({ from: timestamp, to: timestamp, points: z.number().int().min(2).max(WALLET_SERIES_POINTS_MAX).default(60) })
      .strict()
      .superRefine(rangeInOrder),
  ).returns<BalancePoint[]>(),
  /** Writes the filtered entries in table order to the data dir's `exports` folder; cells are formula-safe. */
  'wallet.export': mutation(
    z
      .object({ ...walletFilterShape, sort: z.enum(WALLET_SORTS).default('date_desc'), format: z.enum(WALLET_EXPORT_FORMATS) })
      .strict()
      .superRefine(rangeInOrder),
  ).returns<{ path: string; rows: number; fileName: string }>(),

  /** Monthly bills, newest first. */
  'wallet.statements': query(empty).returns<WalletStatement[]>(),
  'wallet.statement': query(z.object({ id }).strict()).returns<WalletStatementDetail>(),
  'wallet.statements.export': mutation(
    z.object({ id, format: z.enum(WALLET_EXPORT_FORMATS) }).strict(),
  ).returns<{ path: string; rows: number; fileName: string }>(),
};

export type { CardBrand, Currency };
