import type { groupsProcedures } from '../../src-shared/api/groups';
import type { HandlerMap } from '../api/handler';

export const groupsHandlers: HandlerMap<keyof typeof groupsProcedures> = {
  'groups.list': (ctx, { channelId }) => ctx.services.groups.list(channelId),
  'groups.get': (ctx, { id }) => ctx.services.groups.get(id),
  'groups.create': (ctx, input) => ctx.services.groups.create(input),
  'groups.update': (ctx, input) => ctx.services.groups.update(input),
  'groups.delete': (ctx, { id }) => ctx.services.groups.delete(id),
  'groups.addContacts': (ctx, input) => ctx.services.groups.addContacts(input),
  'groups.addSearchResults': (ctx, input) => ctx.services.groups.addSearchResults(input),
  'groups.removeContacts': (ctx, input) => ctx.services.groups.removeContacts(input),
  'groups.members': (ctx, input) => ctx.services.groups.members(input),
  'groups.ofContact': (ctx, { contactId }) => ctx.services.groups.ofContact(contactId),
  /** The directory's export (worker thread, formula-safe cells) narrowed to the group's members. */
  'groups.export': (ctx, input) => {
    const group = ctx.services.groups.row(input.groupId);
    return ctx.services.imports.exportContacts({ ...input, channelId: group.channelId, sort: 'name' });
  },
};
