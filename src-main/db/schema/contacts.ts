import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import type { AttributeValue } from '../../../src-shared/api/contacts';
import { channels } from './channels';

/**
 * One card per person a channel talks to, unique by E.164 within the channel.
 *
 * Custom attribute values live in one JSON object per contact rather than in a values table: a card, an export row
 * and a campaign placeholder all need every value of one contact at once, and the import writes one row per
 * contact instead of one per value on its bulk path. Search over text values goes through `contacts_fts`
 * (a migration-made FTS5 table keyed by `id`), so no per-value index is needed.
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    name: text('name'),
    pushName: text('push_name'),
    email: text('email'),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, AttributeValue>>().notNull().default({}),
    source: text('source', { enum: ['incoming', 'outgoing', 'manual', 'import'] }).notNull(),
    /** Turkish-folded display name (name, else push name, else phone): the name sort must put `Işıl` beside `isil`. */
    sortName: text('sort_name').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastMessageAt: integer('last_message_at'),
    optedOut: integer('opted_out', { mode: 'boolean' }).notNull().default(false),
    optedOutAt: integer('opted_out_at'),
    optOutReason: text('opt_out_reason'),
  },
  (t) => [
    uniqueIndex('contacts_channel_phone_unique').on(t.channelId, t.phone),
    index('contacts_channel_name_idx').on(t.channelId, t.sortName, t.id),
    index('contacts_channel_last_message_idx').on(t.channelId, t.lastMessageAt, t.id),
    index('contacts_channel_created_idx').on(t.channelId, t.createdAt, t.id),
  ],
);

/** "Visitor Profile Information": the custom fields every contact card can carry. */
export const contactAttributes = sqliteTable('contact_attributes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  label: text('label').notNull(),
  type: text('type', { enum: ['text', 'number', 'date', 'email', 'phone', 'choice'] }).notNull(),
  options: text('options', { mode: 'json' }).$type<string[]>(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
