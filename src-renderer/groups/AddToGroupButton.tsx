import { Alert, Button, Divider, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddToGroupResult } from '../../src-shared/api/groups';
import { api, toApiError, type ApiError } from '../api/client';
import { notify } from '../components/notices';
import { useErrorText } from '../components/useErrorText';
import { errorsByField, formatCount } from '../contacts/util';
import { GroupsIcon } from './icons';
import { useGroups } from './useGroups';

/** Exactly one of the two: the chosen contacts, or every result of a directory search (`''`: the whole directory). */
type Target = { contactIds: number[] } | { query: string };

interface Props {
  channelId: number;
  target: Target;
  /** The button's text; "Add to group" by default. */
  label?: string;
}

/**
 * "Add to group" for the directory: the selected contacts, or all results of the current search, join an existing
 * group or a new one named here.
 */
export function AddToGroupButton({ channelId, target, label }: Props) {
  const { t } = useTranslation('groups');
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="compact-sm" variant="light" leftSection={<GroupsIcon size={14} />} onClick={() => setOpened(true)} data-testid="add-to-group">
        {label ?? t('toGroup.button')}
      </Button>
      {opened && <AddToGroupModal channelId={channelId} target={target} onClose={() => setOpened(false)} />}
    </>
  );
}

function AddToGroupModal({ channelId, target, onClose }: { channelId: number; target: Target; onClose: () => void }) {
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const { groups } = useGroups(channelId);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const title =
    'contactIds' in target
      ? t('toGroup.title', { count: target.contactIds.length, formatted: formatCount(target.contactIds.length, lang) })
      : target.query === ''
        ? t('toGroup.titleAll')
        : t('toGroup.titleSearch', { query: target.query });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const group =
        newName.trim() !== ''
          ? await api.call('groups.create', { channelId, name: newName })
          : (groups ?? []).find((g) => String(g.id) === groupId);
      if (!group) return;
      const result: AddToGroupResult =
        'contactIds' in target
          ? await api.call('groups.addContacts', { groupId: group.id, contactIds: target.contactIds })
          : await api.call('groups.addSearchResults', { groupId: group.id, query: target.query });
      notify({
        tone: 'success',
        message: t('toGroup.done', {
          group: group.name,
          added: formatCount(result.added, lang),
          already: formatCount(result.alreadyMember, lang),
        }),
      });
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = errorsByField(error, ['name']);
  const options = (groups ?? []).map((g) => ({ value: String(g.id), label: g.name }));
  return (
    <Modal opened onClose={onClose} title={title} centered data-testid="add-to-group-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {errors[''] && <Alert color="red">{errorText(errors[''])}</Alert>}
          {groups !== null && groups.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('toGroup.noGroups')}
            </Text>
          ) : (
            <Select
              label={t('toGroup.group')}
              placeholder={t('toGroup.groupPlaceholder')}
              data={options}
              value={groupId}
              onChange={setGroupId}
              searchable
              disabled={newName.trim() !== ''}
              comboboxProps={{ withinPortal: true }}
              data-testid="add-to-group-select"
            />
          )}
          <Divider label={t('toGroup.orNew')} labelPosition="center" />
          <TextInput
            label={t('toGroup.newName')}
            placeholder={t('form.namePlaceholder')}
            value={newName}
            onChange={(e) => setNewName(e.currentTarget.value)}
            error={errorText(errors.name)}
            data-testid="add-to-group-new-name"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={groupId === null && newName.trim() === ''} data-testid="add-to-group-submit">
              {t('toGroup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
