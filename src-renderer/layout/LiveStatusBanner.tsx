import { Group, Loader, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LiveStatus } from '../api/client';

/** Only shown while the event stream is down for more than a moment, so brief reconnects do not flicker. */
const SHOW_AFTER_MS = 1_500;

export function LiveStatusBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<LiveStatus>('open');
  const [visible, setVisible] = useState(false);

  useEffect(() => api.onLiveStatus(setStatus), []);
  useEffect(() => {
    if (status === 'open') {
      setVisible(false);
      return;
    }
    const timer = window.setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [status]);

  if (!visible) return null;
  return (
    <Paper radius={0} px="lg" py={6} bg="yellow.0" className="wa-live-banner" data-testid="live-status">
      <Group gap="xs" justify="center">
        <Loader size={12} color="yellow.8" />
        <Text size="sm" c="yellow.9">
          {t('live.closed')}
        </Text>
      </Group>
    </Paper>
  );
}
