import type { ComponentType } from 'react';
import { ChannelPage } from '../channel/ChannelPage';
import { ChannelListPage } from '../channels/ChannelListPage';
import { SettingsPage } from '../settings/SettingsPage';
import { WalletPage } from '../wallet/WalletPage';
import type { RouteParams } from './match';

export interface PageDef {
  key: string;
  /** `/settings`, `/channels/:id/*` (see matchPattern); the first page whose pattern matches is shown. */
  pattern: string;
  Component: ComponentType<{ params: RouteParams }>;
}

/** Top-level screens. A feature with a screen of its own (not a channel tab) adds one line here. */
export const pages: PageDef[] = [
  { key: 'channels', pattern: '/', Component: ChannelListPage },
  { key: 'channel', pattern: '/channels/:id/*', Component: ChannelPage },
  { key: 'settings', pattern: '/settings', Component: SettingsPage },
  { key: 'wallet', pattern: '/wallet/*', Component: WalletPage },
];
