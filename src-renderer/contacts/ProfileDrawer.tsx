import { Alert, Badge, Button, Center, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts';
import { api, toApiError, type ApiError } from '../api/client';
import { IconTrash } from '../components/icons';
import { useAttributes } from '../attributes/store';
import { useAction } from '../components/useAction';
import { attributeChanges, draftOf } from './AttributeField';
import { ContactFields, contactFieldNames, type ContactDraft } from './ContactFields';
import { WhatsAppIcon } from './icons';
import { useErrorText } from '../components/useErrorText';
import { errorsByField, formatDateTime } from './util';

interface Props {
  contactId: number | null;
  onClose: () => void;
  onSaved: (contact: Contact) => void;
  onDelete: (contact: Contact) => void;
  onMessage: (contact: Contact) => void;
}

function toDraft(contact: Contact, defs: Parameters<typeof draftOf>[0]): ContactDraft {
  return {
    phone: contact.phoneDisplay,
    name: contact.name ?? '',
    email: contact.email ?? '',
    attributes: draftOf(defs, contact.attributes),
  };
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** The profile card: everything known about one contact, editable, with the server's errors under each field. */
export function ProfileDrawer({ contactId, onClose, onSaved, onDelete, onMessage }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const defs = useAttributes((s) => s.defs);
  const [contact, setContact] = useState<Contact | null>(null);
  const [groups, setGroups] = useState<{ id: number; name: string }[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState<ContactDraft | null>(null);
  const [optedOut, setOptedOut] = useState(false);
  const { busy: saving, error: saveError, run, clearError } = useAction();
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => {
    setContact(null);
    setGroups(null);
    setLoadError(null);
    clearError();
    setSavedAt(null);
    if (contactId === null) return;
    let live = true;
    api.call('contacts.get', { id: contactId }).then(
      (c) => {
        if (!live) return;
        setContact(c);
        setOptedOut(c.optedOut);
      },
      (err) => live && setLoadError(toApiError(err)),
    );
    // Group membership is extra information on the card; the card stays usable if it cannot be read.
    api.call('groups.ofContact', { contactId }).then(
      (g) => live && setGroups(g),
      () => live && setGroups(null),
    );
    return () => {
      live = false;
    };
  }, [contactId]);

  useEffect(() => {
    if (contact) setDraft(toDraft(contact, defs));
  }, [contact, defs]);

  const dirty =
    contact !== null &&
    draft !== null &&
    (JSON.stringify(draft) !== JSON.stringify(toDraft(contact, defs)) || optedOut !== contact.optedOut);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!contact || !draft) return;
    const before = toDraft(contact, defs);
    const attributes = attributeChanges(defs, draft.attributes, contact.attributes);
    const updated = await run(() =>
      api.call('contacts.update', {
        id: contact.id,
        ...(draft.phone !== before.phone ? { phone: draft.phone } : {}),
        ...(draft.name !== before.name ? { name: draft.name.trim() === '' ? null : draft.name } : {}),
        ...(draft.email !== before.email ? { email: draft.email.trim() === '' ? null : draft.email } : {}),
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
        ...(optedOut !== contact.optedOut ? { optedOut } : {}),
      }),
    );
    if (!updated) return;
    setContact(updated);
    setSavedAt(updated.updatedAt);
    onSaved(updated);
  };

  const general = errorsByField(saveError, contactFieldNames(defs))[''];
  let body: ReactNode;
  if (loadError) {
    body = <Alert color="red">{errorText(loadError)}</Alert>;
  } else if (!contact || !draft) {
    body = (
      <Center h={200}>
        <Loader />
      </Center>
    );
  } else {
    body = (
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} data-testid="profile-name">
              {contact.displayName}
            </Title>
            <Text c="dimmed" data-testid="profile-phone">
              {contact.phoneDisplay}
            </Text>
          </div>
          {contact.optedOut && (
            <Badge color="orange" data-testid="profile-opted-out">
              {t('optedOut')}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t('fields.pushName')}>{contact.pushName ?? '—'}</Fact>
          <Fact label={t('fields.source')}>{t(`source.${contact.source}`)}</Fact>
          <Fact label={t('fields.created')}>{formatDateTime(contact.createdAt, lang)}</Fact>
          <Fact label={t('fields.lastMessage')}>
            {contact.lastMessageAt === null ? t('never') : formatDateTime(contact.lastMessageAt, lang)}
          </Fact>
          <Fact label={t('fields.groups')} testId="profile-groups">
            {groups === null ? '—' : groups.length === 0 ? t('profile.noGroups') : groups.map((g) => g.name).join(', ')}
          </Fact>
          <Fact label={t('fields.optOut')}>
            {contact.optedOut
              ? t('profile.optedOutSince', { when: formatDateTime(contact.optedOutAt, lang) }) +
                (contact.optOutReason ? ` (${contact.optOutReason})` : '')
              : t('profile.subscribed')}
          </Fact>
        </SimpleGrid>
        <Divider label={t('profile.edit')} labelPosition="left" />
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack>
            {general && <Alert color="red">{general.text(lang)}</Alert>}
            <ContactFields defs={defs} draft={draft} error={saveError} onChange={setDraft} />
            <Switch
              label={t('profile.optOutSwitch')}
              checked={optedOut}
              onChange={(e) => setOptedOut(e.currentTarget.checked)}
              data-testid="profile-optout"
            />
            {defs.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('profile.noAttributes')}
              </Text>
            )}
            <Group justify="space-between">
              <Text size="sm" c="teal" data-testid="profile-saved">
                {savedAt !== null && !dirty ? t('profile.saved') : ''}
              </Text>
              <Button type="submit" loading={saving} disabled={!dirty} data-testid="profile-save">
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Divider />
        <Group justify="space-between">
          <Button
            variant="light"
            color="green"
            leftSection={<WhatsAppIcon />}
            onClick={() => onMessage(contact)}
            data-testid="profile-message"
          >
            {t('actions.message')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => onDelete(contact)}
            data-testid="profile-delete"
          >
            {t('actions.delete')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Drawer
      opened={contactId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('profile.title')}
      data-testid="profile-drawer"
    >
      {body}
    </Drawer>
  );
}
