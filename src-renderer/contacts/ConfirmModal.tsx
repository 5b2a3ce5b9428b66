import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/client';
import { useErrorText } from '../components/useErrorText';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** A destructive action asks first; a failure keeps the dialog open with the reason. */
export function ConfirmModal({ opened, title, message, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(toApiError(err));
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered data-testid="confirm-modal">
      <Stack>
        <Text>{message}</Text>
        {error && (
          <Alert color="red" data-testid="confirm-error">
            {errorText(error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
