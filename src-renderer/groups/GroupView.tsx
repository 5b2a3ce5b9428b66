import {
  ActionIcon,
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
import type { ExportFormat } from '../../src-shared/api/contacts';
import type { CustomerGroup, GroupMember } from '../../src-shared/api/groups';
import type { ImportResult } from '../../src-shared/api/imports';
import { api, toApiError, type ApiError } from '../api/client';
import { IconArrowLeft, IconPlus, IconTrash } from '../components/icons';
import { notify } from '../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../components/PageState';
import { useErrorText } from '../components/useErrorText';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { SearchIcon, UploadIcon } from '../contacts/icons';
import { ImportWizard } from '../contacts/import/ImportWizard';
import { KeysetTable, StaleNotice, tableClasses } from '../contacts/KeysetTable';
import { ExportMenu, SearchBox } from '../contacts/ListToolbar';
import { KeysetPager } from '../contacts/pager';
import { formatCount, formatDateTime } from '../contacts/util';
import { href, navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { AddMembersModal } from './AddMembersModal';
import { DeleteGroupModal } from './DeleteGroupModal';
import { GroupFormModal } from './GroupFormModal';
import { MemberCells, type MemberActions } from './MemberCells';
import { EditIcon, GroupsIcon } from './icons';
import { groupsPath } from './paths';
import classes from './groups.module.css';

const ROW_HEIGHT = 52;
const PAGE_SIZE = 100;
const REMOVE_CHUNK = 10_000;
/** A change this window made announces itself as an event too; the screen already shows it. */
const OWN_CHANGE_GRACE_MS = 2_000;

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
  const errorText = useErrorText();
  const [group, setGroup] = useState<CustomerGroup | null>(null);
  const [groupError, setGroupError] = useState<ApiError | null>(null);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 150);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [pendingRemove, setPendingRemove] = useState<PendingRemove>(null);
  const [addOpen, setAddOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [deleting, setDeleting] = useState<CustomerGroup | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [stale, setStale] = useState(false);
  const ownChangeAt = useRef(0);

  const pager = useMemo(
    () =>
      new KeysetPager<GroupMember>((cursor) =>
        api.call('groups.members', { groupId, limit: PAGE_SIZE, ...(query !== '' ? { query } : {}), ...(cursor ? { cursor } : {}) }),
      ),
    [groupId, query],
  );
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);

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
    setSelected(new Set());
    setStale(false);
    void pager.reset();
  }, [pager]);

  useEffect(() => {
    const onChange = () => {
      loadGroup();
      if (Date.now() - ownChangeAt.current < OWN_CHANGE_GRACE_MS) return;
      // Near the top the new state simply replaces the rows; deeper down, jumping would lose the user's place.
      if (pager.loadedPageCount() <= 1) void pager.refresh();
      else setStale(true);
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
  }, [groupId, channelId, pager, loadGroup]);

  const markOwnChange = () => {
    ownChangeAt.current = Date.now();
  };

  const changedHere = () => {
    markOwnChange();
    loadGroup();
    void pager.reset();
  };

  const removeIds = async (ids: number[]) => {
    markOwnChange();
    let removed = 0;
    for (let i = 0; i < ids.length; i += REMOVE_CHUNK) {
      removed += (await api.call('groups.removeContacts', { groupId, contactIds: ids.slice(i, i + REMOVE_CHUNK) })).removed;
    }
    const gone = new Set(ids);
    pager.remove(gone);
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    loadGroup();
    notify({ tone: 'success', message: t('view.removed', { count: removed }) });
  };

  const exportMembers = async (format: ExportFormat) => {
    if (!group) return;
    setExporting(format);
    try {
      const result = await api.call('groups.export', { groupId, format, ...(query !== '' ? { query } : {}) });
      const day = new Date().toISOString().slice(0, 10);
      await api.download(result.path, `${fileSafe(group.name)}-${day}.${format}`);
      notify({ tone: 'success', message: t('view.exported', { count: result.rows }) });
    } catch (err) {
      notify({ tone: 'error', message: errorText(toApiError(err)) });
    } finally {
      setExporting(null);
    }
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
      toggle: (id) =>
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        }),
      profile: (id) => navigate(pathOf('channels', channelId, 'contacts', id)),
      remove: (member) =>
        setPendingRemove({
          ids: [member.id],
          label: latest.current.t('view.removeOne', { name: member.displayName, group: latest.current.groupName }),
        }),
    }),
    [channelId],
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

  const loaded = pager.loadedRows();
  const allSelected = loaded.length > 0 && loaded.every((m) => selected.has(m.id));
  const someSelected = selected.size > 0 && !allSelected;

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
            <Tooltip label={t('list.edit')} withinPortal>
              <ActionIcon variant="subtle" color="gray" aria-label={t('list.edit')} onClick={() => setEditOpen(true)} data-testid="group-edit">
                <EditIcon />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('list.delete')} withinPortal>
              <ActionIcon variant="subtle" color="red" aria-label={t('list.delete')} onClick={() => setDeleting(group)} data-testid="group-delete">
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
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
            onExport={(format) => void exportMembers(format)}
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
          <Group gap="xs" data-testid="group-selection">
            <Text size="sm" fw={600}>
              {t('view.selected', { count: selected.size, formatted: formatCount(selected.size, lang) })}
            </Text>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
              {t('view.clearSelection')}
            </Button>
            <Button
              size="compact-sm"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() =>
                setPendingRemove({
                  ids: [...selected],
                  label: t('view.removeMany', { formatted: formatCount(selected.size, lang), group: group.name }),
                })
              }
              data-testid="group-remove-selected"
            >
              {t('view.removeSelected')}
            </Button>
          </Group>
        )}
      </Group>

      {stale && (
        <StaleNotice
          text={t('view.stale')}
          actionLabel={t('view.refresh')}
          onRefresh={() => void pager.reset().then(() => setStale(false))}
          testId="group-stale"
        />
      )}

      <KeysetTable
        empty={
          query !== '' ? (
            <EmptyState
              icon={<SearchIcon size={32} />}
              title={t('view.emptySearchTitle')}
              text={t('view.emptySearchText', { query })}
              testId="group-empty-search"
            />
          ) : (
            <EmptyState
              icon={<GroupsIcon size={32} />}
              title={t('view.emptyTitle')}
              text={t('view.emptyText')}
              testId="group-empty"
              action={
                <>
                  <Button variant="light" leftSection={<UploadIcon />} onClick={() => setImportOpen(true)}>
                    {t('view.upload')}
                  </Button>
                  <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)}>
                    {t('view.addContacts')}
                  </Button>
                </>
              }
            />
          )
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
              checked={allSelected}
              indeterminate={someSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(loaded.map((m) => m.id)))}
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
