import type { ComponentType } from 'react';
import type { Channel } from '../../src-shared/api';
import { BalanceButton } from '../wallet/BalanceButton';

export interface HeaderItemProps {
  /** The channel the user works in (the open channel page, or the one opened last); null when there is none. */
  channel: Channel | null;
}

export interface HeaderItem {
  key: string;
  Component: ComponentType<HeaderItemProps>;
}

/**
 * Buttons in the header's right-hand area, left of the language switch, e.g. the wallet's balance button.
 * A feature adds one line here.
 */
export const headerItems: HeaderItem[] = [{ key: 'wallet-balance', Component: BalanceButton }];
