import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts';
import { api } from '../api/client';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';

interface Props {
  contact: Contact | null;
  onClose: () => void;
}

/**
 * "Start a conversation" (the WhatsApp logo on a row). Until the inbox exists this is a compose-and-send box; the
 * server refuses with a readable reason when the channel is not connected or the contact opted out.
 */
export function SendMessageModal({ contact, onClose }: Props) {
  const { t } = useTranslation('contacts');
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const { busy, error, run, clearError } = useAction();
  const [sent, setSent] = useState(false);

  const close = () => {
    setText('');
    clearError();
    setSent(false);
    onClose();
  };

  const send = async () => {
    if (!contact) return;
    if (await run(() => api.call('contacts.sendMessage', { contactId: contact.id, text }))) {
      setSent(true);
      setText('');
    }
  };

  return (
    <Modal
      opened={contact !== null}
      onClose={close}
      title={contact ? t('send.title', { name: contact.displayName }) : ''}
      data-testid="send-modal"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {contact?.phoneDisplay}
        </Text>
        {contact?.optedOut && <Alert color="yellow">{t('send.optedOut')}</Alert>}
        <Textarea
          label={t('send.message')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={4096}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setSent(false);
          }}
          data-testid="send-text"
        />
        {error && (
          <Alert color="red" data-testid="send-error">
            {errorText(error)}
          </Alert>
        )}
        {sent && (
          <Alert color="green" data-testid="send-ok">
            {t('send.sent')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.close')}
          </Button>
          <Button onClick={() => void send()} loading={busy} disabled={text.trim() === ''} data-testid="send-submit">
            {t('send.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
