import { z } from 'zod';
import { mutation, query } from './define';

export const CONTACT_SOURCES = ['incoming', 'outgoing', 'manual', 'import'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'email', 'phone', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * A stored attribute value: `number` attributes hold a number; every other type a string in its canonical form
 * (date `yyyy-mm-dd`, phone E.164, email lower-cased, choice one of the options).
 */
export type AttributeValue = string | number;

export interface Contact {
  id: number;
  channelId: number;
  /** E.164, unique within the channel. */
  phone: string;
  /** The same number as people read it, e.g. `+90 532 123 45 67`. */
  phoneDisplay: string;
  name: string | null;
  /** The name the person set in WhatsApp (push name), as last seen on a message. */
  pushName: string | null;
  /** What lists show: the name, else the WhatsApp name, else the formatted phone. */
  displayName: string;
  email: string | null;
  /** Custom attribute values keyed by attribute key; keys without a value are absent. */
  attributes: Record<string, AttributeValue>;
  source: ContactSource;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number | null;
  optedOut: boolean;
  optedOutAt: number | null;
  /** Why: `reply:STOP` for a STOP/DUR/IPTAL reply, or the text the operator entered. */
  optOutReason: string | null;
}

export interface AttributeDef {
  id: number;
  /** Stable machine name (`city`, `birth_date`); used in imports (`attr:city`) and placeholders (`{{city}}`). */
  key: string;
  /** What the user sees; renaming it keeps the values. */
  label: string;
  type: AttributeType;
  /** The allowed values of a `choice` attribute, in display order; null for other types. */
  options: string[] | null;
  createdAt: number;
  updatedAt: number;
}

export interface ContactPage {
  items: Contact[];
  /** Pass back as `cursor` for the next page; null when this was the last page. */
  nextCursor: string | null;
}

export const CONTACT_SORTS = ['name', 'last_message', 'created'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ATTRIBUTE_KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_PAGE = 500;

const id = z.number().int().positive();
const channelId = id;
const optionalText = (max: number) => z.string().max(max).nullable().optional();
/** Values arrive typed loosely (a form sends strings, a script numbers); the attribute's type decides. */
const attributeInput = z.union([z.string().max(1000), z.number().finite(), z.null()]);
const attributesInput = z.record(z.string().regex(ATTRIBUTE_KEY_RE, 'attribute_key'), attributeInput);
const cursor = z.string().max(200).optional();
const limit = z.number().int().min(1).max(MAX_PAGE).default(50);
const attributeKey = z.string().regex(ATTRIBUTE_KEY_RE, 'attribute_key');
const attributeLabel = z.string().transform((s) => s.replace(/\s+/g, ' ').trim()).pipe(z.string().min(1).max(60));
const choiceOptions = z.array(z.string().trim().min(1).max(100)).min(1).max(200);

export const contactsProcedures = {
  'contacts.create': mutation(
    z
      .object({
        channelId,
        phone: z.string().min(1).max(40),
        name: optionalText(200),
        email: optionalText(254),
        attributes: attributesInput.optional(),
      })
      .strict(),
  ).returns<Contact>(),
  'contacts.get': query(z.object({ id }).strict()).returns<Contact>(),
  /** Fields left out stay as they are; `null` clears a field; an attribute set to `null` is removed. */
  'contacts.update': mutation(
    z
      .object({
        id,
        phone: z.string().min(1).max(40).optional(),
        name: optionalText(200),
        email: optionalText(254),
        attributes: attributesInput.optional(),
        optedOut: z.boolean().optional(),
        optOutReason: optionalText(200),
      })
      .strict(),
  ).returns<Contact>(),
  'contacts.delete': mutation(z.object({ ids: z.array(id).min(1).max(10_000) }).strict()).returns<{ deleted: number }>(),
  /** Keyset-paginated; `name` ascending, `last_message` and `created` newest first. */
  'contacts.list': query(
    z.object({ channelId, sort: z.enum(CONTACT_SORTS).default('name'), limit, cursor }).strict(),
  ).returns<ContactPage>(),
  /**
   * One box: any part of the name or WhatsApp name, phone digits in any written form (`532 123`, `0532`,
   * `+90532`), email, text attribute values; Turkish-aware. Newest contacts first.
   */
  'contacts.search': query(
    z.object({ channelId, query: z.string().max(200), limit, cursor }).strict(),
  ).returns<ContactPage>(),
  /** How many contacts the channel has (counts the whole channel; not for every keystroke). */
  'contacts.count': query(z.object({ channelId }).strict()).returns<{ total: number }>(),
  /**
   * Writes the list (or the search result when `query` is given) in list order. `path` omitted: a file in the
   * data dir's `exports` folder. Cells that a spreadsheet would run as a formula are neutralised.
   */
  'contacts.export': mutation(
    z
      .object({
        channelId,
        query: z.string().max(200).optional(),
        sort: z.enum(CONTACT_SORTS).default('name'),
        format: z.enum(EXPORT_FORMATS),
        path: z.string().min(1).max(1024).optional(),
      })
      .strict(),
  ).returns<{ path: string; rows: number }>(),
  /** Sends a text to the contact through the channel's WhatsApp (until the inbox exists). */
  'contacts.sendMessage': mutation(
    z.object({ contactId: id, text: z.string().trim().min(1).max(4096) }).strict(),
  ).returns<{ messageId: string; at: number }>(),
};

export const attributesProcedures = {
  'attributes.list': query(z.object({}).strict().default({})).returns<AttributeDef[]>(),
  'attributes.create': mutation(
    z
      .object({
        key: attributeKey,
        label: attributeLabel,
        type: z.enum(ATTRIBUTE_TYPES),
        /** Required for `choice`, refused for other types. */
        options: choiceOptions.optional(),
      })
      .strict(),
  ).returns<AttributeDef>(),
  /** The key and the type never change (values are stored under the key and were validated for the type). */
  'attributes.update': mutation(
    z.object({ id, label: attributeLabel.optional(), options: choiceOptions.optional() }).strict(),
  ).returns<AttributeDef>(),
  /** Deletes the definition and every contact's value for it. */
  'attributes.delete': mutation(z.object({ id }).strict()).returns<{ deleted: true; valuesRemoved: number }>(),
};
