import type { ChannelTabProps } from '../channel/tabs';
import { GroupList } from './GroupList';
import { GroupView } from './GroupView';

/** "Customer Groups": the channel's groups, or one group when the URL names it (`#/channels/3/groups/7`). */
export function GroupsTab({ channel, subPath }: ChannelTabProps) {
  const groupId = subPath[0] !== undefined && /^\d+$/.test(subPath[0]) ? Number(subPath[0]) : null;
  return groupId === null ? <GroupList channelId={channel.id} /> : <GroupView key={groupId} channel={channel} groupId={groupId} />;
}
