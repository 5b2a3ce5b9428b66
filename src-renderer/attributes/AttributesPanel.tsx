import { ActionIcon, Alert, Badge, Button, Group, Modal, Select, Stack, Table, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_KEY_RE, ATTRIBUTE_TYPES, type AttributeDef, type AttributeType } from '../../src-shared/api/contacts';
import { foldText } from '../../src-shared/domain/text';
import { api } from '../api/client';
import { IconPlus, IconTrash } from '../components/icons';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { useErrorText } from '../components/useErrorText';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { useAction } from '../components/useAction';
import { errorsByField } from '../contacts/util';
import { useAttributes } from './store';

/** A machine key from a label the way a Turkish user writes it: `Doğum Tarihi` -> `dogum_tarihi`. */
export function keyFromLabel(label: string): string {
  const key = foldText(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const lead = /^[a-z]/.test(key) ? key : key === '' ? '' : `f_${key}`;
  return lead.slice(0, 40).replace(/_+$/, '');
}

interface EditorProps {
  /** null: a new attribute. */
  def: AttributeDef | null;
  opened: boolean;
  onClose: () => void;
}

function AttributeEditor({ def, opened, onClose }: EditorProps) {
  const { t, i18n } = useTranslation('attributes');
  const lang = i18n.resolvedLanguage ?? 'en';
  const load = useAttributes((s) => s.load);
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<AttributeType>('text');
  const [options, setOptions] = useState<string[]>([]);
  const { busy, error, run, clearError } = useAction();

  useEffect(() => {
    if (!opened) return;
    setLabel(def?.label ?? '');
    setKey(def?.key ?? '');
    setKeyEdited(def !== null);
    setType(def?.type ?? 'text');
    setOptions(def?.options ?? []);
    clearError();
  }, [opened, def, clearError]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() =>
      def
        ? api.call('attributes.update', { id: def.id, label, ...(def.type === 'choice' ? { options } : {}) })
        : api.call('attributes.create', { key, label, type, ...(type === 'choice' ? { options } : {}) }),
    );
    if (!saved) return;
    await load();
    notify({ tone: 'success', message: def ? t('saved', { label }) : t('created', { label }) });
    onClose();
  };

  const byField = errorsByField(error, ['key', 'label', 'type', 'options']);
  const msg = (f: string) => byField[f]?.text(lang);
  const keyInvalid = key !== '' && !ATTRIBUTE_KEY_RE.test(key);
  return (
    <Modal opened={opened} onClose={onClose} title={def ? t('editTitle') : t('newTitle')} data-testid="attribute-editor">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {byField[''] && <Alert color="red">{msg('')}</Alert>}
          <TextInput
            label={t('fields.label')}
            required
            autoFocus
            value={label}
            onChange={(e) => {
              const next = e.currentTarget.value;
              setLabel(next);
              if (!keyEdited) setKey(keyFromLabel(next));
            }}
            error={msg('label')}
            data-testid="attribute-label"
          />
          <TextInput
            label={t('fields.key')}
            description={def ? t('keyFixed') : t('keyHint', { mapping: `attr:${key || 'city'}`, placeholder: `{{${key || 'city'}}}` })}
            required
            disabled={def !== null}
            value={key}
            onChange={(e) => {
              setKey(e.currentTarget.value);
              setKeyEdited(true);
            }}
            error={msg('key') ?? (keyInvalid ? t('keyInvalid') : undefined)}
            ff="monospace"
            data-testid="attribute-key"
          />
          <Select
            label={t('fields.type')}
            description={def ? t('typeFixed') : undefined}
            data={ATTRIBUTE_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
            value={type}
            onChange={(v) => v && setType(v as AttributeType)}
            allowDeselect={false}
            disabled={def !== null}
            error={msg('type')}
            comboboxProps={{ withinPortal: true }}
            data-testid="attribute-type"
          />
          {type === 'choice' && (
            <TagsInput
              label={t('fields.options')}
              description={t('optionsHint')}
              value={options}
              onChange={setOptions}
              error={msg('options')}
              clearable
              data-testid="attribute-options"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={keyInvalid} data-testid="attribute-save">
              {def ? t('common:actions.save') : t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * "Visitor Profile Information": the custom fields every contact card has. Used on the settings page and from the
 * directory, so the user can add a field in the middle of mapping an import.
 */
export function AttributesPanel() {
  const { t } = useTranslation('attributes');
  const errorText = useErrorText();
  const { defs, loaded, error, load } = useAttributes();
  const [editing, setEditing] = useState<AttributeDef | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<AttributeDef | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (def: AttributeDef) => {
    try {
      const result = await api.call('attributes.delete', { id: def.id });
      notify({ tone: 'success', message: t('deleted', { label: def.label, count: result.valuesRemoved }) });
    } finally {
      await load();
    }
  };

  return (
    <Stack data-testid="attributes-panel">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={520}>
          {t('intro', { example: '{{city}}' })}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)} data-testid="attribute-new">
          {t('new')}
        </Button>
      </Group>
      {!loaded ? (
        <LoadingState rows={2} />
      ) : error && defs.length === 0 ? (
        <ErrorState error={error} onRetry={() => void load()} />
      ) : defs.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl" data-testid="attributes-empty">
          {t('empty')}
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="attributes-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.label')}</Table.Th>
              <Table.Th>{t('fields.key')}</Table.Th>
              <Table.Th>{t('fields.type')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {defs.map((def) => (
              <Table.Tr key={def.id} data-testid="attribute-row" data-key={def.key}>
                <Table.Td fw={600}>{def.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" c="dimmed">
                    {def.key}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {t(`types.${def.type}`)}
                  </Badge>
                  {def.options && (
                    <Text size="xs" c="dimmed" mt={2} lineClamp={1}>
                      {def.options.join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(def)} data-testid="attribute-edit">
                      {def.type === 'choice' ? t('edit') : t('rename')}
                    </Button>
                    <Tooltip label={t('common:actions.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common:actions.delete')}
                        onClick={() => setDeleting(def)}
                        data-testid="attribute-delete"
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {error && defs.length > 0 && <Alert color="red">{errorText(error)}</Alert>}
      <AttributeEditor def={editing ?? null} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('deleteTitle')}
        message={deleting ? t('deleteText', { label: deleting.label }) : ''}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve())}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
