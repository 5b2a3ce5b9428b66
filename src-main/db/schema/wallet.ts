import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index, primaryKey, check, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The wallet: one prepaid balance for the business, in INTEGER minor units of one currency.
 *
 * `wallet_entries` is an append-only ledger. Hand-written triggers (migration `wallet_triggers`) reject UPDATE and
 * DELETE, refuse an entry whose `balance_before` is not the `balance_after` of the entry before it (so the balance
 * is the last entry's `balance_after`, which by induction is the sum of all amounts), and keep `wallet_day_totals`.
 * A future table rebuild of these tables must drop and recreate those triggers in the same migration; the
 * migration test checks that they exist after the last step.
 *
 * `channel_id` has no foreign key on purpose: `ON DELETE SET NULL` would be an UPDATE the append-only trigger
 * rejects (so deleting a channel would fail), and `CASCADE` would delete money history. Channel ids come from an
 * AUTOINCREMENT key and are never reused, so a dangling id still means the one channel; `channel_name` keeps what
 * the channel was called when the entry was written, for when it is gone.
 */
export const walletEntries = sqliteTable(
  'wallet_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Never earlier than the entry before it, so date order and ledger order agree. */
    at: integer('at').notNull(),
    type: text('type', { enum: ['top_up', 'message_charge', 'refund', 'adjustment'] }).notNull(),
    amount: integer('amount').notNull(),
    balanceBefore: integer('balance_before').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    channelId: integer('channel_id'),
    channelName: text('channel_name'),
    phone: text('phone'),
    /** The outgoing message kind a charge was priced by. */
    kind: text('kind', { enum: ['text', 'image'] }),
    cardId: integer('card_id').references(() => walletCards.id),
    refundOf: integer('refund_of').references((): AnySQLiteColumn => walletEntries.id),
    reference: text('reference'),
    note: text('note'),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    uniqueIndex('wallet_entries_idempotency_key_unique').on(t.idempotencyKey),
    /** A charge is refunded at most once. */
    uniqueIndex('wallet_entries_refund_of_unique').on(t.refundOf).where(sql`${t.refundOf} IS NOT NULL`),
    /** Keyset pages by date (rowid breaks ties), unfiltered and per type, per channel and type. */
    index('wallet_entries_at_idx').on(t.at),
    index('wallet_entries_type_at_idx').on(t.type, t.at),
    index('wallet_entries_channel_type_at_idx').on(t.channelId, t.type, t.at),
    check(
      'wallet_entries_integers',
      sql`typeof(${t.at}) = 'integer' AND typeof(${t.amount}) = 'integer' AND typeof(${t.balanceBefore}) = 'integer' AND typeof(${t.balanceAfter}) = 'integer'`,
    ),
    check(
      'wallet_entries_balance',
      sql`${t.balanceBefore} >= 0 AND ${t.balanceAfter} >= 0 AND ${t.balanceAfter} <= 9007199254740991 AND ${t.balanceAfter} = ${t.balanceBefore} + ${t.amount}`,
    ),
    check(
      'wallet_entries_type',
      sql`(${t.type} = 'top_up' AND ${t.amount} > 0 AND ${t.cardId} IS NOT NULL)
        OR (${t.type} = 'message_charge' AND ${t.amount} <= 0 AND ${t.kind} IS NOT NULL)
        OR (${t.type} = 'refund' AND ${t.amount} > 0 AND ${t.refundOf} IS NOT NULL)
        OR (${t.type} = 'adjustment' AND ${t.amount} <> 0)`,
    ),
  ],
);

/**
 * Per UTC day, type and channel (0 = none): how many entries and their sum. Written only by the insert trigger on
 * `wallet_entries`, in the same statement, so it cannot drift; totals over long ranges read days from here and
 * only the partial days at the edges from the ledger.
 */
export const walletDayTotals = sqliteTable(
  'wallet_day_totals',
  {
    day: integer('day').notNull(),
    type: text('type').notNull(),
    channelKey: integer('channel_key').notNull(),
    entries: integer('entries').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.type, t.channelKey] })],
);

/**
 * Saved cards: brand, last four digits, expiry and holder only; the number and CVC never reach the database.
 * Removing a card hides it (`removed_at`) instead of deleting it, so statements still name the card a top-up used.
 */
export const walletCards = sqliteTable(
  'wallet_cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    holder: text('holder').notNull(),
    brand: text('brand').notNull(),
    last4: text('last4').notNull(),
    expiryMonth: integer('expiry_month').notNull(),
    expiryYear: integer('expiry_year').notNull(),
    createdAt: integer('created_at').notNull(),
    removedAt: integer('removed_at'),
  },
  (t) => [
    check('wallet_cards_last4', sql`length(${t.last4}) = 4 AND ${t.last4} NOT GLOB '*[^0-9]*'`),
    check('wallet_cards_expiry', sql`${t.expiryMonth} BETWEEN 1 AND 12 AND ${t.expiryYear} BETWEEN 2000 AND 2199`),
  ],
);

/** The one row of wallet settings (`id` = 1); money columns in minor units of `currency`. */
export const walletSettings = sqliteTable(
  'wallet_settings',
  {
    id: integer('id').primaryKey(),
    /** Null until chosen or until the first entry fixes the locale's default. */
    currency: text('currency'),
    priceText: integer('price_text').notNull(),
    priceImage: integer('price_image').notNull(),
    lowBalanceThreshold: integer('low_balance_threshold').notNull(),
    topUpMin: integer('top_up_min').notNull(),
    topUpMax: integer('top_up_max').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    check('wallet_settings_single', sql`${t.id} = 1`),
    check(
      'wallet_settings_money',
      sql`typeof(${t.priceText}) = 'integer' AND typeof(${t.priceImage}) = 'integer' AND typeof(${t.lowBalanceThreshold}) = 'integer'
        AND typeof(${t.topUpMin}) = 'integer' AND typeof(${t.topUpMax}) = 'integer'
        AND ${t.priceText} >= 0 AND ${t.priceImage} >= 0 AND ${t.lowBalanceThreshold} >= 0 AND ${t.topUpMin} > 0 AND ${t.topUpMax} >= ${t.topUpMin}`,
    ),
  ],
);

/** A month's bill: its top-ups (lines) and total. Append-only like the ledger (triggers). */
export const walletStatements = sqliteTable(
  'wallet_statements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `YYYY-MM` in the app's local time. */
    period: text('period').notNull(),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    currency: text('currency').notNull(),
    total: integer('total').notNull(),
    topUps: integer('top_ups').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('wallet_statements_period_unique').on(t.period),
    check('wallet_statements_total', sql`typeof(${t.total}) = 'integer' AND ${t.total} > 0`),
  ],
);

export const walletStatementLines = sqliteTable(
  'wallet_statement_lines',
  {
    statementId: integer('statement_id')
      .notNull()
      .references(() => walletStatements.id),
    entryId: integer('entry_id')
      .notNull()
      .references(() => walletEntries.id),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.entryId] }),
    /** A top-up is billed once. */
    uniqueIndex('wallet_statement_lines_entry_unique').on(t.entryId),
  ],
);
