import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts';
import { api } from '../api/client';
import { useAction } from '../components/useAction';
import { useAttributes } from '../attributes/store';
import { attributeChanges } from './AttributeField';
import { ContactFields, contactFieldNames, type ContactDraft } from './ContactFields';
import { errorsByField } from './util';

const EMPTY: ContactDraft = { phone: '', name: '', email: '', attributes: {} };

interface Props {
  channelId: number;
  opened: boolean;
  onClose: () => void;
  onCreated: (contact: Contact) => void;
}

/** "New contact": the server normalises the phone (national numbers take the channel's country) and validates. */
export function NewContactModal({ channelId, opened, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const defs = useAttributes((s) => s.defs);
  const [draft, setDraft] = useState<ContactDraft>(EMPTY);
  const { busy, error, run, clearError } = useAction();

  const close = () => {
    setDraft(EMPTY);
    clearError();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const attributes = attributeChanges(defs, draft.attributes, {});
    const contact = await run(() =>
      api.call('contacts.create', {
        channelId,
        phone: draft.phone,
        name: draft.name.trim() === '' ? null : draft.name,
        email: draft.email.trim() === '' ? null : draft.email,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      }),
    );
    if (!contact) return;
    onCreated(contact);
    close();
  };

  const general = errorsByField(error, contactFieldNames(defs))[''];
  return (
    <Modal opened={opened} onClose={close} title={t('form.newTitle')} size="lg" data-testid="new-contact-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {general && <Alert color="red">{general.text(i18n.resolvedLanguage ?? 'en')}</Alert>}
          <ContactFields defs={defs} draft={draft} error={error} onChange={setDraft} autoFocusPhone />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="new-contact-save">
              {t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
