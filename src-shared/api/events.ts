import type { ChannelConnection } from './channels';
import type { ImportCounts } from './imports';
import type { CampaignProgress } from './campaigns';

/**
 * Push events from the main process to every open window or web client. Features add their events here
 * (`import.progress`, `campaign.progress`, `chat.message`) as they come.
 */
export interface EventMap {
  'whatsapp.state': { channelId: number; connection: ChannelConnection };
  'channels.changed': { channelId: number | null };
  'contacts.changed': { channelId: number };
  /** A group of the channel was created, changed, deleted, or its members changed. */
  'groups.changed': { channelId: number; groupId: number };
  /**
   * A preview or import job moving on. `processed` counts data rows read; `total` is known for spreadsheets only,
   * so progress bars use `fraction` (bytes read for CSV). `counts` are the running totals of an import.
   */
  'import.progress': {
    jobId: string;
    channelId: number;
    kind: 'preview' | 'import';
    phase: 'reading' | 'importing' | 'indexing' | 'done' | 'cancelled' | 'failed';
    processed: number;
    total: number | null;
    fraction: number;
    counts: ImportCounts | null;
  };
  'wallet.changed': { balanceMinor: number };
  /** A bulk message's status, counts per unit state, current wait and ETA changed (throttled while it sends). */
  'campaign.progress': CampaignProgress;
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = [
  'whatsapp.state',
  'channels.changed',
  'contacts.changed',
  'groups.changed',
  'import.progress',
  'wallet.changed',
  'campaign.progress',
];
