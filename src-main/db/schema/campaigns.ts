import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import type { LocalizedText } from '../../../src-shared/errors';
import { PAUSE_REASONS, type Pacing } from '../../../src-shared/api/campaigns';
import { channels } from './channels';

/**
 * Bulk messages ("campaigns"), their parts, recipients and send units. A campaign is persisted whole before anything
 * is sent; every recipient x part is a unit whose state moves pending -> sending -> sent | failed | invalid_number |
 * skipped | unknown, and the move to `sending` commits together with its wallet charge before WhatsApp is called.
 *
 * The per-state counts live on the campaign row and change in the same transaction as the units they count, so a
 * progress read is one row instead of a count over hundreds of thousands of units.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    /** Turkish-folded title and description, which the Past Sends filters match. */
    titleFold: text('title_fold').notNull(),
    descriptionFold: text('description_fold').notNull().default(''),
    status: text('status', { enum: ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] }).notNull(),
    pacing: text('pacing', { mode: 'json' }).$type<Pacing>().notNull(),
    scheduledAt: integer('scheduled_at'),
    /** When the campaign last asked to send: campaigns of a channel send one at a time in this order. */
    queuedAt: integer('queued_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    pauseReason: text('pause_reason', { enum: PAUSE_REASONS }),
    pauseDetail: text('pause_detail', { mode: 'json' }).$type<{ text: LocalizedText; neededMinor?: number }>(),
    /** When the recipients were last made from the groups and contacts. */
    recipientsAt: integer('recipients_at'),
    recipients: integer('recipients').notNull().default(0),
    optedOut: integer('opted_out').notNull().default(0),
    notices: text('notices', { mode: 'json' }).$type<LocalizedText[]>().notNull().default(sql`'[]'`),
    duplicatedFrom: integer('duplicated_from'),
    nPending: integer('n_pending').notNull().default(0),
    nSending: integer('n_sending').notNull().default(0),
    nSent: integer('n_sent').notNull().default(0),
    nFailed: integer('n_failed').notNull().default(0),
    nInvalid: integer('n_invalid').notNull().default(0),
    nSkipped: integer('n_skipped').notNull().default(0),
    nUnknown: integer('n_unknown').notNull().default(0),
    nDelivered: integer('n_delivered').notNull().default(0),
    nRead: integer('n_read').notNull().default(0),
    lastSentAt: integer('last_sent_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('campaigns_channel_created_idx').on(t.channelId, t.createdAt, t.id),
    index('campaigns_channel_status_queue_idx').on(t.channelId, t.status, t.queuedAt, t.id),
  ],
);

/** The groups and hand-picked contacts a campaign was addressed to; a deleted group stays listed by name. */
export const campaignAudience = sqliteTable(
  'campaign_audience',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['group', 'contact'] }).notNull(),
    /** The group or contact id; null once that group or contact was deleted. */
    refId: integer('ref_id'),
    label: text('label'),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('campaign_audience_campaign_idx').on(t.campaignId, t.kind), index('campaign_audience_ref_idx').on(t.kind, t.refId)],
);

export const campaignParts = sqliteTable(
  'campaign_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['text', 'random_text', 'image'] }).notNull(),
    text: text('text'),
    variants: text('variants', { mode: 'json' }).$type<string[]>(),
    /** The image's copy inside the data dir's files folder. */
    filePath: text('file_path'),
    fileName: text('file_name'),
    mime: text('mime'),
    size: integer('size'),
    caption: text('caption'),
  },
  (t) => [uniqueIndex('campaign_parts_position_unique').on(t.campaignId, t.position)],
);

export const campaignRecipients = sqliteTable(
  'campaign_recipients',
  {
    id: integer('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /**
     * The contact the recipient was made from. No foreign key: a contact deleted after the list was made is found
     * missing when its turn comes (and skipped), and not checking one per row keeps a 100k list fast to make.
     */
    contactId: integer('contact_id').notNull(),
    /** The number as it was when the list was made: what the units were planned for. */
    phone: text('phone').notNull(),
    /** When WhatsApp confirmed the number, before its first part went out. */
    checkedAt: integer('checked_at'),
  },
  (t) => [uniqueIndex('campaign_recipients_contact_unique').on(t.campaignId, t.contactId)],
);

export const campaignUnits = sqliteTable(
  'campaign_units',
  {
    /** AUTOINCREMENT: the id names the unit's wallet charge, so it must never be handed out twice. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /**
     * No foreign key: checking one per unit made campaign creation about 40% slower, and units go with their
     * campaign (cascade) or are deleted before their recipients when a draft's list is made again.
     */
    recipientId: integer('recipient_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['text', 'random_text', 'image'] }).notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed', 'invalid_number', 'skipped', 'unknown'] }).notNull(),
    /** A wallet charge exists under the unit's key (kept while the unit may still go out, refunded otherwise). */
    charged: integer('charged', { mode: 'boolean' }).notNull().default(false),
    refunded: integer('refunded', { mode: 'boolean' }).notNull().default(false),
    /** The text that went out (a caption), fixed when the unit moved to sending, so a resend is the same message. */
    body: text('body'),
    variant: integer('variant'),
    spins: text('spins', { mode: 'json' }).$type<number[]>(),
    messageId: text('message_id'),
    sendingAt: integer('sending_at'),
    sentAt: integer('sent_at'),
    delivery: text('delivery', { enum: ['sent', 'delivered', 'read', 'error'] }),
    failure: text('failure'),
    reconcileTries: integer('reconcile_tries').notNull().default(0),
  },
  (t) => [
    /** Within one state the entries follow the rowid, which is the sending order. */
    index('campaign_units_campaign_state_idx').on(t.campaignId, t.state),
    uniqueIndex('campaign_units_recipient_position_unique').on(t.recipientId, t.position),
    index('campaign_units_message_idx').on(t.messageId).where(sql`message_id IS NOT NULL`),
  ],
);

/** Messages a channel's campaigns put out per local day: what the daily cap counts. */
export const campaignDaily = sqliteTable(
  'campaign_daily',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    messages: integer('messages').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] })],
);

/** The QR-mode bulk-sending warning, acknowledged once per channel before its first campaign starts. */
export const campaignWarningAcks = sqliteTable('campaign_warning_acks', {
  channelId: integer('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  acknowledgedAt: integer('acknowledged_at').notNull(),
  actor: text('actor').notNull(),
});
