import type { ComponentType } from 'react';
import type { Channel } from '../../src-shared/api';
import { DetailTab } from './detail/DetailTab';
import { ContactsTab } from '../contacts/ContactsTab';
import { GroupsTab } from '../groups/GroupsTab';
import { WalletTab } from '../wallet/WalletPage';
import { BulkTab } from '../bulk/BulkTab';

export interface ChannelTabProps {
  channel: Channel;
  /** Path segments after the tab's key: `#/channels/3/contacts/42` gives the contacts tab `['42']`. */
  subPath: string[];
}

export interface ChannelTab {
  /** The URL segment: `#/channels/3/<key>`. */
  key: string;
  /** i18n key with its namespace, e.g. `channels:tabs.detail`. */
  labelKey: string;
  /**
   * Position among the tabs, in the seed's order: detail 10, visibility 20, wallet 30, bulk 40, groups 50,
   * contacts 60. Tabs are sorted by it, so where a line sits in this file does not matter.
   */
  order: number;
  Component: ComponentType<ChannelTabProps>;
}

/** The channel page's sections. A feature adds its tab with one line here. */
export const channelTabs: ChannelTab[] = [
  { key: 'detail', labelKey: 'channels:tabs.detail', order: 10, Component: DetailTab },
  { key: 'wallet', labelKey: 'wallet:tab', order: 30, Component: WalletTab },
  { key: 'bulk', labelKey: 'bulk:tab', order: 40, Component: BulkTab },
  { key: 'groups', labelKey: 'groups:tab', order: 50, Component: GroupsTab },
  { key: 'contacts', labelKey: 'contacts:tab', order: 60, Component: ContactsTab },
];
