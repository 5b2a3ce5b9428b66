import type { ComponentType } from 'react';
import type { Channel } from '../../../src-shared/api';

export interface DetailSection {
  key: string;
  /** Position in the Detail tab's main column (the name/phone card is 10; the delete card always comes last). */
  order: number;
  Component: ComponentType<{ channel: Channel }>;
}

/**
 * More cards for the Detail tab, below the channel's name and number: the seed's chat redirection rule and
 * Zoho CRM integration each add one line here.
 */
export const detailSections: DetailSection[] = [];
