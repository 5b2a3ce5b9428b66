import type { attributesProcedures, contactsProcedures } from '../../src-shared/api/contacts';
import type { HandlerMap } from '../api/handler';

export const contactsHandlers: HandlerMap<keyof typeof contactsProcedures> = {
  'contacts.create': (ctx, input) => ctx.services.contacts.create(input),
  'contacts.get': (ctx, { id }) => ctx.services.contacts.get(id),
  'contacts.update': (ctx, input) => ctx.services.contacts.update(input),
  'contacts.delete': (ctx, { ids }) => ctx.services.contacts.delete(ids),
  'contacts.list': (ctx, input) => ctx.services.contacts.list(input),
  'contacts.search': (ctx, input) => ctx.services.contacts.search(input),
  'contacts.count': (ctx, { channelId }) => ctx.services.contacts.count(channelId),
  'contacts.export': (ctx, input) => ctx.services.imports.exportContacts(input),
  'contacts.sendMessage': (ctx, { contactId, text }) => ctx.services.contacts.sendMessage(contactId, text),
};

export const attributesHandlers: HandlerMap<keyof typeof attributesProcedures> = {
  'attributes.list': (ctx) => ctx.services.attributes.list(),
  'attributes.create': (ctx, input) => ctx.services.attributes.create(input),
  'attributes.update': (ctx, input) => ctx.services.attributes.update(input),
  'attributes.delete': (ctx, { id }) => ctx.services.attributes.delete(id),
};
