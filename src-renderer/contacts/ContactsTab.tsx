import { Checkbox, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SORTS, type Contact, type ContactSort } from '../../src-shared/api/contacts';
import { api } from '../api/client';
import { IconPlus, IconSettings } from '../components/icons';
import { notify } from '../components/notices';
import type { ChannelTabProps } from '../channel/tabs';
import { navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { AttributesModal } from '../attributes/AttributesModal';
import { useAttributes } from '../attributes/store';
import { AddToGroupButton } from '../groups/AddToGroupButton';
import { ConfirmModal } from './ConfirmModal';
import { ContactCells, type RowActions } from './ContactCells';
import { EmptyList, KeysetTable, StaleNotice, tableClasses } from './KeysetTable';
import { ExportMenu, SearchBox, SelectionBar } from './ListToolbar';
import classes from './contacts.module.css';
import { ProfileIcon, UploadIcon } from './icons';
import { ImportWizard } from './import/ImportWizard';
import { NewContactModal } from './NewContactModal';
import { ProfileDrawer } from './ProfileDrawer';
import { SendMessageModal } from './SendMessageModal';
import { useDirectory } from './useDirectory';
import { useKeysetList } from './useKeysetList';
import { useListExport } from './useListExport';
import { formatCount } from './util';

const ROW_HEIGHT = 56;
const rowAttributes = (contact: Contact) => ({ 'data-testid': 'contact-row', 'data-contact-id': contact.id });

type PendingDelete = { ids: number[]; label: string } | null;

/** "All Contacts": the channel's directory, searchable, sortable, exportable, importable, virtualised. */
export function ContactsTab({ channel, subPath }: ChannelTabProps) {
  const channelId = channel.id;
  // The open profile card lives in the URL (`#/channels/3/contacts/42`), so it survives a reload and can be linked.
  const profileId = subPath[0] !== undefined && /^\d+$/.test(subPath[0]) ? Number(subPath[0]) : null;
  const setProfileId = (id: number | null) =>
    navigate(id === null ? pathOf('channels', channelId, 'contacts') : pathOf('channels', channelId, 'contacts', id));
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const loadAttributes = useAttributes((s) => s.load);

  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 150);
  const [sort, setSort] = useState<ContactSort>('name');
  const { pager, snapshot } = useDirectory(channelId, query, sort);
  const list = useKeysetList(pager);
  const { selected, toggle, markOwnChange, changedElsewhere } = list;
  const [total, setTotal] = useState<number | null>(null);
  const [messageTo, setMessageTo] = useState<Contact | null>(null);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [attributesOpen, setAttributesOpen] = useState(false);
  const { exporting, exportList } = useListExport();

  const refreshCount = useCallback(() => {
    api.call('contacts.count', { channelId }).then(
      (r) => setTotal(r.total),
      () => setTotal(null),
    );
  }, [channelId]);

  useEffect(() => {
    void loadAttributes();
    refreshCount();
  }, [loadAttributes, refreshCount]);

  useEffect(
    () =>
      api.on('contacts.changed', (e) => {
        if (e.channelId !== channelId) return;
        refreshCount();
        changedElsewhere();
      }),
    [channelId, changedElsewhere, refreshCount],
  );

  const deleteIds = async (ids: number[]) => {
    const { removed, gone } = await list.removeRows(ids, async (chunk) => (await api.call('contacts.delete', { ids: chunk })).deleted);
    if (profileId !== null && gone.has(profileId)) setProfileId(null);
    refreshCount();
    notify({ tone: 'success', message: t('delete.done', { count: removed }) });
  };

  // Stable across renders, so memoised rows do not re-render when the tab does; they read the latest state via refs.
  const latest = useRef({ channelId, t });
  latest.current = { channelId, t };
  const rowActions = useMemo<RowActions>(
    () => ({
      toggle,
      message: (contact) => setMessageTo(contact),
      profile: (id) => navigate(pathOf('channels', latest.current.channelId, 'contacts', id)),
      remove: (contact) =>
        setPendingDelete({ ids: [contact.id], label: latest.current.t('delete.one', { name: contact.displayName }) }),
    }),
    [toggle],
  );

  const empty = snapshot.done && snapshot.rowCount === 0;
  /** The whole directory's size; for a search, the results so far (pages come as the user scrolls). */
  const countText = () => {
    const found = { count: snapshot.rowCount, formatted: formatCount(snapshot.rowCount, lang) };
    if (query === '') return total === null ? '' : t('count.total', { count: total, formatted: formatCount(total, lang) });
    if (snapshot.done) return t('count.results', found);
    return snapshot.rowCount > 0 ? t('count.resultsMore', found) : t('count.searching');
  };
  const renderRow = useCallback(
    (contact: Contact, isSelected: boolean) => (
      <ContactCells contact={contact} selected={isSelected} actions={rowActions} language={lang} />
    ),
    [rowActions, lang],
  );
  const sortOptions = CONTACT_SORTS.map((value) => ({ value, label: t(`sort.${value}`) }));

  return (
    <Stack gap="sm" data-testid="contacts-tab">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap" style={{ flex: 1, minWidth: 320 }}>
          <SearchBox
            value={search}
            onChange={setSearch}
            placeholder={t('search.placeholder')}
            label={t('search.label')}
            clearLabel={t('search.clear')}
            testId="contacts-search"
          />
          <Tooltip label={t('sort.searchOrder')} disabled={query === ''}>
            <Select
              aria-label={t('sort.label')}
              data={sortOptions}
              value={sort}
              onChange={(v) => v && setSort(v as ContactSort)}
              allowDeselect={false}
              disabled={query !== ''}
              w={190}
              leftSection={<Text size="xs" c="dimmed">{t('sort.short')}</Text>}
              leftSectionWidth={50}
              data-testid="contacts-sort"
            />
          </Tooltip>
        </Group>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconSettings size={16} />} onClick={() => setAttributesOpen(true)} data-testid="contacts-attributes">
            {t('toolbar.attributes')}
          </Button>
          <ExportMenu
            label={t('toolbar.export')}
            scope={query === '' ? t('export.all') : t('export.results')}
            loading={exporting !== null}
            disabled={empty}
            onExport={(format) =>
              void exportList(format, {
                produce: (f) => api.call('contacts.export', { channelId, format: f, sort, ...(query !== '' ? { query } : {}) }),
                baseName: 'contacts',
                doneText: (rows) => t('export.done', { count: rows }),
              })
            }
            testId="contacts-export"
          />
          <Button variant="light" leftSection={<UploadIcon />} onClick={() => setImportOpen(true)} data-testid="contacts-import">
            {t('toolbar.import')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setNewOpen(true)} data-testid="contacts-new">
            {t('toolbar.new')}
          </Button>
        </Group>
      </Group>

      <Group justify="space-between" mih={30}>
        <Text size="sm" c="dimmed" data-testid="contacts-count">
          {countText()}
        </Text>
        {selected.size === 0 && query !== '' && snapshot.done && snapshot.rowCount > 0 && (
          <AddToGroupButton channelId={channelId} target={{ query }} label={t('groups:toGroup.allResults')} />
        )}
        {selected.size > 0 && (
          <SelectionBar
            countText={t('selection.count', { count: selected.size, formatted: formatCount(selected.size, lang) })}
            clearLabel={t('selection.clear')}
            onClear={list.clearSelection}
            removeLabel={t('selection.delete')}
            onRemove={() =>
              setPendingDelete({
                ids: [...selected],
                label: t('delete.many', { count: selected.size, formatted: formatCount(selected.size, lang) }),
              })
            }
            testId="contacts-selection"
            removeTestId="contacts-bulk-delete"
          >
            <AddToGroupButton channelId={channelId} target={{ contactIds: [...selected] }} />
          </SelectionBar>
        )}
      </Group>

      {list.stale && (
        <StaleNotice
          text={t('stale.text')}
          actionLabel={t('stale.refresh')}
          onRefresh={list.showLatest}
          testId="contacts-stale"
        />
      )}

      <KeysetTable
        pager={pager}
        snapshot={snapshot}
        rowHeight={ROW_HEIGHT}
        gridClassName={classes.grid}
        height="max(360px, calc(100vh - 330px))"
        selected={selected}
        testId="contacts"
        loadingText={t('loadingMore')}
        renderRow={renderRow}
        rowAttributes={rowAttributes}
        header={
          <>
            <Checkbox
              aria-label={t('selection.all')}
              checked={list.allSelected}
              indeterminate={list.someSelected}
              onChange={list.toggleAll}
              data-testid="contacts-select-all"
            />
            <span>{t('fields.name')}</span>
            <span>{t('fields.phone')}</span>
            <span className={tableClasses.optional}>{t('fields.email')}</span>
            <span className={tableClasses.optional}>{t('fields.lastMessage')}</span>
            <span className={tableClasses.optional}>{t('fields.created')}</span>
            <span className={tableClasses.actions}>{t('fields.actions')}</span>
          </>
        }
        empty={
          <EmptyList
            query={query}
            testId="contacts"
            searchTitle={t('empty.searchTitle')}
            searchText={t('empty.searchText', { query })}
            icon={<ProfileIcon size={32} />}
            title={t('empty.title')}
            text={t('empty.text')}
            uploadLabel={t('toolbar.import')}
            onUpload={() => setImportOpen(true)}
            addLabel={t('toolbar.new')}
            onAdd={() => setNewOpen(true)}
          />
        }
      />

      <ConfirmModal
        opened={pendingDelete !== null}
        title={t('delete.title')}
        message={pendingDelete?.label ?? ''}
        confirmLabel={t('delete.confirm')}
        onConfirm={() => deleteIds(pendingDelete?.ids ?? [])}
        onClose={() => setPendingDelete(null)}
      />
      <NewContactModal
        channelId={channelId}
        opened={newOpen}
        onClose={() => setNewOpen(false)}
        onCreated={(c) => {
          markOwnChange();
          notify({ tone: 'success', message: t('form.created', { name: c.displayName }) });
          refreshCount();
          void pager.refresh();
        }}
      />
      <ProfileDrawer
        contactId={profileId}
        onClose={() => setProfileId(null)}
        onSaved={(c) => {
          markOwnChange();
          pager.replace(c);
        }}
        onDelete={(c) => setPendingDelete({ ids: [c.id], label: t('delete.one', { name: c.displayName }) })}
        onMessage={(c) => setMessageTo(c)}
      />
      <SendMessageModal contact={messageTo} onClose={() => setMessageTo(null)} />
      <AttributesModal opened={attributesOpen} onClose={() => setAttributesOpen(false)} />
      <ImportWizard
        channel={channel}
        opened={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => {
          refreshCount();
          void pager.reset();
        }}
      />
    </Stack>
  );
}
