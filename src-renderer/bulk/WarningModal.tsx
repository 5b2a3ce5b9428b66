import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignWarning } from '../../src-shared/api/campaigns';
import { api } from '../api/client';
import { IconAlert } from '../components/icons';
import { notify } from '../components/notices';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';

/** The seed's warning about bulk sending over WhatsApp Web QR mode; accepted once per channel before the first send. */
export function WarningModal({
  warning,
  onClose,
  onAccepted,
}: {
  warning: CampaignWarning | null;
  onClose(): void;
  onAccepted(w: CampaignWarning): void;
}) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const { busy, error, run } = useAction();
  const accept = async () => {
    if (!warning) return;
    const done = await run(() => api.call('campaigns.acknowledgeWarning', { channelId: warning.channelId }));
    if (!done) return;
    notify({ tone: 'info', message: t('warning.acknowledged') });
    onAccepted(done);
  };
  return (
    <Modal opened={warning !== null} onClose={onClose} title={t('warning.title')} size="lg" data-testid="bulk-warning-modal">
      {warning && (
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlert size={20} />}>
            <Text size="sm" lh={1.6} data-testid="bulk-warning-text">
              {lang === 'tr' ? warning.text.tr : warning.text.en}
            </Text>
          </Alert>
          {error && (
            <Text size="sm" c="red">
              {errorText(error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button color="orange" loading={busy} onClick={() => void accept()} data-testid="bulk-warning-accept">
              {t('warning.accept')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
