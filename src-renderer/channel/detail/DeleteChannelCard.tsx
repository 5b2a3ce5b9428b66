import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../src-shared/api';
import { useAction } from '../../components/useAction';
import { IconTrash } from '../../components/icons';
import { notify } from '../../components/notices';
import { SectionCard } from '../../components/SectionCard';
import { useErrorText } from '../../components/useErrorText';
import { useChannels } from '../../channels/store';
import { navigate } from '../../router/hash';

export function DeleteChannelCard({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  const errorText = useErrorText();
  const remove = useChannels((s) => s.remove);
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useAction();

  async function confirm() {
    const deleted = await run(() => remove(channel.id, () => navigate('/')).then(() => true));
    if (deleted) notify({ tone: 'success', message: t('delete.deleted', { name: channel.name }) });
  }

  return (
    <SectionCard title={t('delete.title')} tone="danger">
      <Group justify="space-between" wrap="nowrap" gap="lg" mt={-8}>
        <Text size="sm" c="dimmed">
          {t('delete.text')}
        </Text>
        <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)} data-testid="delete-channel" style={{ flexShrink: 0 }}>
          {t('delete.button')}
        </Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('delete.confirmTitle', { name: channel.name })} centered radius="lg">
        <Text size="sm">{t('delete.confirmText')}</Text>
        {error && (
          <Alert color="red" variant="light" mt="md">
            {errorText(error)}
          </Alert>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="delete-channel-confirm">
            {t('delete.button')}
          </Button>
        </Group>
      </Modal>
    </SectionCard>
  );
}
