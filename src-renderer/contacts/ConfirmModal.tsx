import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../components/useAction';
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
  const { busy, error, run, clearError } = useAction();

  const close = () => {
    if (busy) return;
    clearError();
    onClose();
  };

  const confirm = async () => {
    const done = await run(async () => {
      await onConfirm();
      return true;
    });
    if (done) onClose();
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
