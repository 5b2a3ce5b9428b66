import { pathOf } from '../router/match';

/** `#/channels/3/bulk` lists past sends; `/bulk/new` creates one; `/bulk/12` opens it; `/bulk/12/edit` edits a draft. */
export const bulkPath = (channelId: number) => pathOf('channels', channelId, 'bulk');
export const newCampaignPath = (channelId: number) => pathOf('channels', channelId, 'bulk', 'new');
export const campaignPath = (channelId: number, id: number) => pathOf('channels', channelId, 'bulk', id);
export const editCampaignPath = (channelId: number, id: number) => pathOf('channels', channelId, 'bulk', id, 'edit');
