import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Contact, ContactSort } from '../../src-shared/api/contacts';
import { api } from '../api/client';
import { KeysetPager } from './pager';

/** Rows per request: a few screens' worth, so fast scrolling rarely outruns the next page. */
export const PAGE_SIZE = 200;

/**
 * The directory as keyset pages: the whole list in the chosen order, or the search result (which the server
 * orders newest first) when there is a query. A new query or order starts from the top.
 */
export function useDirectory(channelId: number, query: string, sort: ContactSort) {
  const pager = useMemo(
    () =>
      new KeysetPager<Contact>((cursor) =>
        query === ''
          ? api.call('contacts.list', { channelId, sort, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
          : api.call('contacts.search', { channelId, query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      ),
    [channelId, query, sort],
  );
  useEffect(() => {
    void pager.reset();
  }, [pager]);
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  return { pager, snapshot };
}
