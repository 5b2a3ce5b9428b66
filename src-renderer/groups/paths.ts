import { pathOf } from '../router/match';

/** `#/channels/3/groups` lists the groups; `#/channels/3/groups/7` opens group 7 (reloads and links keep it). */
export const groupsPath = (channelId: number) => pathOf('channels', channelId, 'groups');
export const groupPath = (channelId: number, groupId: number) => pathOf('channels', channelId, 'groups', groupId);
