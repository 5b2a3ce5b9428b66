import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, type CustomerGroup } from '../../src-shared/api/groups';
import { api, toApiError, type ApiError } from '../api/client';
import { useErrorText } from '../components/useErrorText';
import { errorsByField } from '../contacts/util';
import { FormError } from '../components/FormError';

interface Props {
  channelId: number;
  /** The group to edit; null creates a new one. */
  group: CustomerGroup | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (group: CustomerGroup, created: boolean) => void;
}

/** Creates a group ("+") or renames and describes one; the server trims the name and checks it is free. */
export function GroupFormModal({ channelId, group, opened, onClose, onSaved }: Props) {
  const { t } = useTranslation('groups');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={group ? t('form.editTitle') : t('form.newTitle')}
      centered
      data-testid="group-form-modal"
    >
      {/* Mounted per opening: the fields start from the group as it was when the dialog opened, and a refresh of
          the group while the user types does not overwrite what they typed. */}
      {opened && <GroupForm channelId={channelId} group={group} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function GroupForm({ channelId, group, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('groups');
  const errorText = useErrorText();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = group
        ? await api.call('groups.update', { id: group.id, name, description })
        : await api.call('groups.create', { channelId, name, ...(description.trim() !== '' ? { description } : {}) });
      onSaved(saved, group === null);
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = errorsByField(error, ['name', 'description']);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormError error={errors['']} testId="group-form-error" />
        <TextInput
          label={t('form.name')}
          placeholder={t('form.namePlaceholder')}
          description={t('form.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={GROUP_NAME_MAX + 20}
          error={errorText(errors.name)}
          required
          data-autofocus
          data-testid="group-name-input"
        />
        <Textarea
          label={t('form.description')}
          placeholder={t('form.descriptionPlaceholder')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={GROUP_DESCRIPTION_MAX}
          autosize
          minRows={2}
          maxRows={5}
          error={errorText(errors.description)}
          data-testid="group-description-input"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="group-form-submit">
            {group ? t('form.save') : t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
