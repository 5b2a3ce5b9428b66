import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const channels = sqliteTable(
  'channels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Turkish-folded name: uniqueness must treat `ISPARTA` and `ısparta` as the same name. */
    nameFold: text('name_fold').notNull(),
    phone: text('phone').notNull(),
    engine: text('engine', { enum: ['wwebjs', 'simulator'] }).notNull(),
    defaultCountry: text('default_country').notNull().default('TR'),
    /** Whether the user last asked for this channel to be connected, so a restart reconnects it. */
    wantConnected: integer('want_connected', { mode: 'boolean' }).notNull().default(false),
    /** The number of the account that last scanned, to warn about a mismatch with `phone`. */
    connectedPhone: text('connected_phone'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('channels_name_fold_unique').on(t.nameFold)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
