import { useCallback, useEffect, useState } from 'react';
import type { CampaignDetail } from '../../src-shared/api/campaigns';
import { api, toApiError, type ApiError } from '../api/client';

/** Re-reading the whole campaign at most this often while progress events stream in. */
const REFRESH_MS = 1000;

/**
 * One campaign, kept live: progress events update the counts, status and wait at once, and the full detail is read
 * again (throttled) so the ETA, pause sentence and notices follow.
 */
export function useCampaign(id: number) {
  const [campaign, setCampaign] = useState<CampaignDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);

  const reload = useCallback(async () => {
    try {
      setCampaign(await api.call('campaigns.get', { id }));
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [id]);

  useEffect(() => {
    void reload();
    let timer: number | null = null;
    const off = api.on('campaign.progress', (e) => {
      if (e.campaignId !== id) return;
      setCampaign((c) => (c ? { ...c, status: e.status, pauseReason: e.pauseReason, counts: e.counts, wait: e.wait, etaAt: e.etaAt } : c));
      setVersion((v) => v + 1);
      timer ??= window.setTimeout(() => {
        timer = null;
        void reload();
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [id, reload]);

  return { campaign, error, reload, setCampaign, version };
}
