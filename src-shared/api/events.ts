import type { ChannelConnection } from './channels';

/**
 * Push events from the main process to every open window or web client. Features add their events here
 * (`import.progress`, `campaign.progress`, `chat.message`) as they come.
 */
export interface EventMap {
  'whatsapp.state': { channelId: number; connection: ChannelConnection };
  'channels.changed': { channelId: number | null };
  'contacts.changed': { channelId: number };
  'import.progress': { jobId: string; channelId: number; processed: number; total: number | null; phase: string };
  'wallet.changed': { balanceMinor: number };
  'campaign.progress': { channelId: number; campaignId: number };
}

export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = [
  'whatsapp.state',
  'channels.changed',
  'contacts.changed',
  'import.progress',
  'wallet.changed',
  'campaign.progress',
];
