import type { channelsProcedures } from '../../src-shared/api/channels';
import type { HandlerMap } from '../api/handler';

export const channelsHandlers: HandlerMap<keyof typeof channelsProcedures> = {
  'channels.list': (ctx) => ctx.services.channels.list(),
  'channels.get': (ctx, { id }) => ctx.services.channels.get(id),
  'channels.create': (ctx, input) => ctx.services.channels.create(input),
  'channels.update': (ctx, input) => ctx.services.channels.update(input),
  'channels.delete': async (ctx, { id }) => {
    await ctx.services.channels.delete(id);
    return { deleted: true as const };
  },
  'channels.connect': (ctx, { id }) => ctx.services.channels.connect(id),
  'channels.disconnect': (ctx, { id }) => ctx.services.channels.disconnect(id),
  'channels.logout': (ctx, { id }) => ctx.services.channels.logout(id),
};
