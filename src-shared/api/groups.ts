import { z } from 'zod';
import { cleanName } from '../domain/text';
import type { Contact } from './contacts';
import { mutation, query } from './define';

export const GROUP_NAME_MAX = 80;
export const GROUP_DESCRIPTION_MAX = 500;
/** One call adds at most this many typed numbers; larger lists go through the file import, which streams. */
export const GROUP_PHONES_MAX = 1000;
export const GROUP_IDS_MAX = 10_000;

export interface CustomerGroup {
  id: number;
  channelId: number;
  name: string;
  description: string | null;
  memberCount: number;
  /** Members who asked not to be messaged; bulk sends to the group skip them. */
  optedOutCount: number;
  createdAt: number;
  /** The last time the group or its membership was changed here (ms since epoch). */
  updatedAt: number;
}

/** A member is the contact's card plus when it joined the group. */
export interface GroupMember extends Contact {
  addedAt: number;
}

export interface GroupMembersPage {
  items: GroupMember[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface AddToGroupResult {
  /** Contacts that became members with this call. */
  added: number;
  /** Contacts that were members already and were left as they were. */
  alreadyMember: number;
  /** Contact cards created for numbers the directory did not have yet. */
  created: number;
}

export interface GroupDeleted {
  deleted: true;
  /** Draft bulk messages that pointed at the group; they now show that their group was deleted. */
  draftsAffected: number;
}

const id = z.number().int().positive();

/** Trimmed, inner whitespace collapsed, 1..80 characters; uniqueness is checked Turkish-folded by the service. */
export const groupName = z
  .string()
  .transform(cleanName)
  .pipe(z.string().min(1, 'required').max(GROUP_NAME_MAX, `max_${GROUP_NAME_MAX}`));

/** Empty text means "no description". */
export const groupDescription = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().max(GROUP_DESCRIPTION_MAX))
  .transform((s) => (s === '' ? null : s));

export const groupPhoneEntry = z.union([
  z.string().max(40),
  z.object({ phone: z.string().max(40), name: z.string().max(200).optional() }).strict(),
]);
export type GroupPhoneEntry = z.input<typeof groupPhoneEntry>;

const searchText = z.string().max(200);
const cursor = z.string().max(200);

export const groupsProcedures = {
  'groups.list': query(z.object({ channelId: id }).strict()).returns<CustomerGroup[]>(),
  'groups.get': query(z.object({ id }).strict()).returns<CustomerGroup>(),
  'groups.create': mutation(
    z.object({ channelId: id, name: groupName, description: groupDescription.optional() }).strict(),
  ).returns<CustomerGroup>(),
  'groups.update': mutation(
    z.object({ id, name: groupName.optional(), description: groupDescription.nullable().optional() }).strict(),
  ).returns<CustomerGroup>(),
  'groups.delete': mutation(z.object({ id }).strict()).returns<GroupDeleted>(),
  /** Adds directory contacts by id and/or typed numbers (a new number gets a contact card); all or nothing. */
  'groups.addContacts': mutation(
    z
      .object({
        groupId: id,
        contactIds: z.array(id).max(GROUP_IDS_MAX).optional(),
        phones: z.array(groupPhoneEntry).max(GROUP_PHONES_MAX).optional(),
      })
      .strict()
      .refine((v) => (v.contactIds?.length ?? 0) + (v.phones?.length ?? 0) > 0, {
        message: 'Give contactIds or phones.',
        path: ['contactIds'],
      }),
  ).returns<AddToGroupResult>(),
  /** Adds every directory contact a search finds (an empty query: the whole directory). */
  'groups.addSearchResults': mutation(z.object({ groupId: id, query: searchText.default('') }).strict()).returns<
    AddToGroupResult
  >(),
  'groups.removeContacts': mutation(
    z.object({ groupId: id, contactIds: z.array(id).min(1).max(GROUP_IDS_MAX) }).strict(),
  ).returns<{ removed: number }>(),
  /** Newest members first, keyset paged; `query` searches like the directory does. */
  'groups.members': query(
    z
      .object({
        groupId: id,
        query: searchText.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        cursor: cursor.optional(),
      })
      .strict(),
  ).returns<GroupMembersPage>(),
  /** The groups a contact is in, for its profile card. */
  'groups.ofContact': query(z.object({ contactId: id }).strict()).returns<{ id: number; name: string }[]>(),
  'groups.export': mutation(
    z
      .object({
        groupId: id,
        query: searchText.optional(),
        format: z.enum(['csv', 'xlsx']),
        path: z.string().min(1).max(1024).optional(),
      })
      .strict(),
  ).returns<{ path: string; rows: number }>(),
};
