import type { ChannelTabProps } from '../channel/tabs';
import { CampaignForm } from './CampaignForm';
import { CampaignList } from './CampaignList';
import { CampaignView } from './CampaignView';

/** "Bulk Message Sending": Past Sends, the Create Bulk Message form, and one bulk message (`#/channels/3/bulk/12`). */
export function BulkTab({ channel, subPath }: ChannelTabProps) {
  const [first, second] = subPath;
  if (first === 'new') return <CampaignForm channel={channel} campaignId={null} />;
  if (first !== undefined && /^\d+$/.test(first)) {
    const id = Number(first);
    if (second === 'edit') return <CampaignForm key={`edit-${id}`} channel={channel} campaignId={id} />;
    return <CampaignView key={id} channel={channel} campaignId={id} />;
  }
  return <CampaignList channel={channel} />;
}
