import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { channels } from './channels';
import { contacts } from './contacts';

/**
 * Customer groups: the audiences bulk messages go to. Member and opted-out counts are counted through indexes
 * when asked for rather than kept in columns by triggers: a trigger that names another table makes SQLite refuse
 * the drop-and-rename table rebuilds drizzle-kit generates, and a cascade from a deleted contact would bypass any
 * count kept by the service.
 */
export const customerGroups = sqliteTable(
  'customer_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Turkish-folded name: `ISPARTA`, `Isparta` and `ısparta` are one name within a channel. */
    nameFold: text('name_fold').notNull(),
    description: text('description'),
    createdAt: integer('created_at').notNull(),
    /** The last change to the group or its membership made through the app. */
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('customer_groups_channel_name_fold_unique').on(t.channelId, t.nameFold)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => customerGroups.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.contactId] }),
    /** The member list pages newest first by (added_at, contact_id). */
    index('group_members_group_added_idx').on(t.groupId, t.addedAt, t.contactId),
    /** A deleted contact leaves its groups, and its card lists them, without a scan of every membership. */
    index('group_members_contact_idx').on(t.contactId, t.groupId),
  ],
);
