import type { campaignsProcedures } from '../../src-shared/api/campaigns';
import type { HandlerMap } from '../api/handler';

export const campaignsHandlers: HandlerMap<keyof typeof campaignsProcedures> = {
  'campaigns.create': (ctx, input) => ctx.services.campaigns.create(input),
  'campaigns.update': (ctx, input) => ctx.services.campaigns.update(input),
  'campaigns.preview': (ctx, input) => ctx.services.campaigns.preview(input),
  'campaigns.start': (ctx, { id }) => ctx.services.campaigns.start(id),
  'campaigns.pause': (ctx, { id }) => ctx.services.campaigns.pause(id),
  'campaigns.resume': (ctx, { id }) => ctx.services.campaigns.resume(id),
  'campaigns.cancel': (ctx, { id }) => ctx.services.campaigns.cancel(id),
  'campaigns.duplicate': (ctx, { id }) => ctx.services.campaigns.duplicate(id),
  'campaigns.list': (ctx, input) => ctx.services.campaigns.list(input),
  'campaigns.get': (ctx, { id }) => ctx.services.campaigns.get(id),
  'campaigns.recipients': (ctx, input) => ctx.services.campaigns.recipients(input),
  'campaigns.export': (ctx, input) => ctx.services.campaigns.exportResults(input),
  'campaigns.warning': (ctx, { channelId }) => ctx.services.campaigns.warning(channelId),
  'campaigns.acknowledgeWarning': (ctx, { channelId }) => ctx.services.campaigns.acknowledgeWarning(channelId, ctx.actor),
  'campaigns.resolveUnknown': (ctx, input) => ctx.services.campaigns.resolveUnknown(input),
  'campaigns.settings': (ctx) => ctx.services.campaigns.settings(),
  'campaigns.settings.update': (ctx, input) => ctx.services.campaigns.updateSettings(input),
};
