import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api/channels';
import type { CustomerGroup, GroupMember } from '../../src-shared/api/groups';
import type { ImportResult } from '../../src-shared/api/imports';
import { api, toApiError, type ApiError } from '../api/client';
import { IconArrowLeft, IconPlus } from '../components/icons';
import { notify } from '../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../components/PageState';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { UploadIcon } from '../contacts/icons';
import { ImportWizard } from '../contacts/import/ImportWizard';
import { EmptyList, KeysetTable, StaleNotice, tableClasses } from '../contacts/KeysetTable';
import { ExportMenu, SearchBox, SelectionBar } from '../contacts/ListToolbar';
import { KeysetPager } from '../contacts/pager';
import { useKeysetList } from '../contacts/useKeysetList';
import { useListExport } from '../contacts/useListExport';
import { formatCount, formatDateTime } from '../contacts/util';
import { href, navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { AddMembersModal } from './AddMembersModal';
import { DeleteGroupModal } from './DeleteGroupModal';
import { GroupActions } from './GroupActions';
import { GroupFormModal } from './GroupFormModal';
import { MemberCells, type MemberActions } from './MemberCells';
import { GroupsIcon } from './icons';
import { groupsPath } from './paths';
import classes from './groups.module.css';

const ROW_HEIGHT = 52;
const PAGE_SIZE = 100;

type PendingRemove = { ids: number[]; label: string } | null;

const rowAttributes = (member: GroupMember) => ({
  'data-testid': 'member-row',
  'data-contact-id': member.id,
  'data-opted-out': member.optedOut,
});

/** One group: its members (searchable, removable, exportable) and the three ways to add contacts. */
export function GroupView({ channel, groupId }: { channel: Channel; groupId: number }) {
  const channelId = channel.id;
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const [group, setGroup] = useState<CustomerGroup | null>(null);
  const [groupError, setGroupError] = useState<ApiError | null>(null);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 150);
  const [pendingRemove, setPendingRemove] = useState<PendingRemove>(null);
  const [addOpen, setAddOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [deleting, setDeleting] = useState<CustomerGroup | null>(null);
  const { exporting, exportList } = useListExport();

  const pager = useMemo(
    () =>
      new KeysetPager<GroupMember>((cursor) =>
        api.call('groups.members', { groupId, limit: PAGE_SIZE, ...(query !== '' ? { query } : {}), ...(cursor ? { cursor } : {}) }),
      ),
    [groupId, query],
  );
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const list = useKeysetList(pager);
  const { selected, toggle, markOwnChange, changedElsewhere } = list;

  const loadGroup = useCallback(() => {
    api.call('groups.get', { id: groupId }).then(
      (g) => {
        setGroup(g);
        setGroupError(null);
      },
      (err) => setGroupError(toApiError(err)),
    );
  }, [groupId]);

  useEffect(() => {
    setGroup(null);
    loadGroup();
  }, [loadGroup]);

  useEffect(() => {
    void pager.reset();
  }, [pager]);

  useEffect(() => {
    const onChange = () => {
      loadGroup();
      changedElsewhere();
    };
    const offGroups = api.on('groups.changed', (e) => {
      if (e.groupId === groupId) onChange();
    });
    const offContacts = api.on('contacts.changed', (e) => {
      if (e.channelId === channelId) onChange();
    });
    return () => {
      offGroups();
      offContacts();
    };
  }, [groupId, channelId, changedElsewhere, loadGroup]);

  const changedHere = () => {
    markOwnChange();
    loadGroup();
    void pager.reset();
  };

  const removeIds = async (ids: number[]) => {
    const { removed } = await list.removeRows(
      ids,
      async (chunk) => (await api.call('groups.removeContacts', { groupId, contactIds: chunk })).removed,
    );
    loadGroup();
    notify({ tone: 'success', message: t('view.removed', { count: removed }) });
  };

  const imported = (result: ImportResult) => {
    if (result.group) {
      notify({
        tone: 'success',
        message: t('view.imported', {
          added: formatCount(result.group.added, lang),
          already: formatCount(result.group.alreadyMember, lang),
        }),
      });
    }
    changedHere();
  };

  // Stable across renders, so memoised rows do not re-render when the view does; they read the latest state via refs.
  const latest = useRef({ t, groupName: group?.name ?? '' });
  latest.current = { t, groupName: group?.name ?? '' };
  const memberActions = useMemo<MemberActions>(
    () => ({
      toggle,
      profile: (id) => navigate(pathOf('channels', channelId, 'contacts', id)),
      remove: (member) =>
        setPendingRemove({
          ids: [member.id],
          label: latest.current.t('view.removeOne', { name: member.displayName, group: latest.current.groupName }),
        }),
    }),
    [channelId, toggle],
  );
  const renderRow = useCallback(
    (member: GroupMember, isSelected: boolean) => <MemberCells member={member} selected={isSelected} actions={memberActions} language={lang} />,
    [memberActions, lang],
  );

  if (group === null) {
    if (groupError?.code === 'not_found') {
      return (
        <EmptyState
          icon={<GroupsIcon size={32} />}
          title={t('view.notFound')}
          text=""
          testId="group-not-found"
          action={
            <Button variant="light" component="a" href={href(groupsPath(channelId))}>
              {t('view.back')}
            </Button>
          }
        />
      );
    }
    return groupError ? <ErrorState error={groupError} onRetry={loadGroup} /> : <LoadingState rows={2} testId="group-loading" />;
  }

  return (
    <Stack gap="sm" data-testid="group-view" data-group-id={group.id}>
      <Anchor href={href(groupsPath(channelId))} size="sm" data-testid="group-back">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('view.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3} data-testid="group-title">
              {group.name}
            </Title>
            <GroupActions onEdit={() => setEditOpen(true)} onDelete={() => setDeleting(group)} />
          </Group>
          {group.description && (
            <Text size="sm" c="dimmed" data-testid="group-description">
              {group.description}
            </Text>
          )}
          <Group gap="xs">
            <Text size="sm" data-testid="group-member-count">
              {t('counts.members', { count: group.memberCount, formatted: formatCount(group.memberCount, lang) })}
            </Text>
            {group.optedOutCount > 0 && (
              <Tooltip label={t('counts.optedOutHint')} withinPortal>
                <Badge size="sm" color="orange" variant="light" data-testid="group-opted-out-count">
                  {t('counts.optedOut', { count: group.optedOutCount, formatted: formatCount(group.optedOutCount, lang) })}
                </Badge>
              </Tooltip>
            )}
            <Text size="sm" c="dimmed">
              · {t('list.lastChange')}: {formatDateTime(group.updatedAt, lang)}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <ExportMenu
            label={t('view.export')}
            scope={query === '' ? t('view.exportAll') : t('view.exportResults')}
            loading={exporting !== null}
            disabled={group.memberCount === 0}
            onExport={(format) =>
              void exportList(format, {
                produce: (f) => api.call('groups.export', { groupId, format: f, ...(query !== '' ? { query } : {}) }),
                baseName: fileSafe(group.name),
                doneText: (rows) => t('view.exported', { count: rows }),
              })
            }
            testId="group-export"
          />
          <Button variant="light" leftSection={<UploadIcon />} onClick={() => setImportOpen(true)} data-testid="group-upload">
            {t('view.upload')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)} data-testid="group-add">
            {t('view.addContacts')}
          </Button>
        </Group>
      </Group>

      <Group justify="space-between" mih={30} wrap="wrap">
        <SearchBox
          value={search}
          onChange={setSearch}
          placeholder={t('view.searchPlaceholder')}
          label={t('view.searchLabel')}
          clearLabel={t('view.clear')}
          testId="group-search"
        />
        {query !== '' && (
          <Text size="sm" c="dimmed" data-testid="group-results">
            {snapshot.done ? t('view.results', { count: snapshot.rowCount, formatted: formatCount(snapshot.rowCount, lang) }) : t('view.searching')}
          </Text>
        )}
        {selected.size > 0 && (
          <SelectionBar
            countText={t('view.selected', { count: selected.size, formatted: formatCount(selected.size, lang) })}
            clearLabel={t('view.clearSelection')}
            onClear={list.clearSelection}
            removeLabel={t('view.removeSelected')}
            onRemove={() =>
              setPendingRemove({
                ids: [...selected],
                label: t('view.removeMany', { formatted: formatCount(selected.size, lang), group: group.name }),
              })
            }
            testId="group-selection"
            removeTestId="group-remove-selected"
          />
        )}
      </Group>

      {list.stale && (
        <StaleNotice
          text={t('view.stale')}
          actionLabel={t('view.refresh')}
          onRefresh={list.showLatest}
          testId="group-stale"
        />
      )}

      <KeysetTable
        empty={
          <EmptyList
            query={query}
            testId="group"
            searchTitle={t('view.emptySearchTitle')}
            searchText={t('view.emptySearchText', { query })}
            icon={<GroupsIcon size={32} />}
            title={t('view.emptyTitle')}
            text={t('view.emptyText')}
            uploadLabel={t('view.upload')}
            onUpload={() => setImportOpen(true)}
            addLabel={t('view.addContacts')}
            onAdd={() => setAddOpen(true)}
          />
        }
        pager={pager}
        snapshot={snapshot}
        rowHeight={ROW_HEIGHT}
        gridClassName={classes.grid}
        height="max(320px, calc(100vh - 400px))"
        selected={selected}
        testId="group"
        loadingText={t('view.loadingMore')}
        header={
          <>
            <Checkbox
              aria-label={t('view.selectAll')}
              checked={list.allSelected}
              indeterminate={list.someSelected}
              onChange={list.toggleAll}
              data-testid="group-select-all"
            />
            <span>{t('view.name')}</span>
            <span>{t('view.phone')}</span>
            <span className={tableClasses.optional}>{t('view.email')}</span>
            <span className={tableClasses.optional}>{t('view.added')}</span>
            <span className={tableClasses.actions}>{t('list.actions')}</span>
          </>
        }
        rowAttributes={rowAttributes}
        renderRow={renderRow}
      />

      <ConfirmModal
        opened={pendingRemove !== null}
        title={t('view.removeTitle')}
        message={pendingRemove?.label ?? ''}
        confirmLabel={t('view.removeConfirm')}
        onConfirm={() => removeIds(pendingRemove?.ids ?? [])}
        onClose={() => setPendingRemove(null)}
      />
      <AddMembersModal channel={channel} group={group} opened={addOpen} onClose={() => setAddOpen(false)} onAdded={changedHere} />
      <ImportWizard channel={channel} groupId={group.id} opened={importOpen} onClose={() => setImportOpen(false)} onImported={imported} />
      <GroupFormModal
        channelId={channelId}
        group={group}
        opened={editOpen}
        onClose={() => setEditOpen(false)}
        onSaved={(g) => {
          markOwnChange();
          setGroup(g);
          notify({ tone: 'success', message: t('form.saved') });
        }}
      />
      <DeleteGroupModal group={deleting} onClose={() => setDeleting(null)} onDeleted={() => navigate(groupsPath(channelId))} />
    </Stack>
  );
}

/** A download name without characters file systems refuse (control characters included). */
function fileSafe(name: string): string {
  const safe = [...name].map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return safe.slice(0, 80) || 'group';
}
