import { useCallback, useEffect, useState } from 'react';
import type { CustomerGroup } from '../../src-shared/api/groups';
import { api, toApiError, type ApiError } from '../api/client';

/**
 * A channel's groups with their counts, kept fresh: any change to a group, and any change in the directory (a
 * deleted contact leaves its groups, an opt-out changes the counts), loads the list again.
 */
export function useGroups(channelId: number) {
  const [groups, setGroups] = useState<CustomerGroup[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      setGroups(await api.call('groups.list', { channelId }));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [channelId]);

  useEffect(() => {
    setGroups(null);
    void reload();
    const offGroups = api.on('groups.changed', (e) => {
      if (e.channelId === channelId) void reload();
    });
    const offContacts = api.on('contacts.changed', (e) => {
      if (e.channelId === channelId) void reload();
    });
    return () => {
      offGroups();
      offContacts();
    };
  }, [channelId, reload]);

  return { groups, error, reload };
}
