import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Menu,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SORTS, type Contact, type ContactSort, type ExportFormat } from '../../src-shared/api/contacts';
import { api, toApiError } from '../api/client';
import { IconChevronDown, IconPlus, IconSettings, IconTrash, IconX } from '../components/icons';
import { notify } from '../components/notices';
import { EmptyState, ErrorState } from '../components/PageState';
import { useErrorText } from '../components/useErrorText';
import type { ChannelTabProps } from '../channel/tabs';
import { navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { AttributesModal } from '../attributes/AttributesModal';
import { useAttributes } from '../attributes/store';
import { AddToGroupButton } from '../groups/AddToGroupButton';
import { ConfirmModal } from './ConfirmModal';
import { ProfileIcon, SearchIcon, UploadIcon, DownloadIcon, WhatsAppIcon } from './icons';
import { ImportWizard } from './import/ImportWizard';
import { NewContactModal } from './NewContactModal';
import { ProfileDrawer } from './ProfileDrawer';
import { SendMessageModal } from './SendMessageModal';
import { useDirectory } from './useDirectory';
import { formatCount, formatDateTime } from './util';
import classes from './contacts.module.css';

const ROW_HEIGHT = 56;
/** Start fetching the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 60;
const DELETE_CHUNK = 10_000;
/** A change this window made itself announces itself as an event too; it is already on screen. */
const OWN_CHANGE_GRACE_MS = 2_000;

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
  const errorText = useErrorText();
  const loadAttributes = useAttributes((s) => s.load);

  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 150);
  const [sort, setSort] = useState<ContactSort>('name');
  const { pager, snapshot } = useDirectory(channelId, query, sort);
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [messageTo, setMessageTo] = useState<Contact | null>(null);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete>(null);
  const [newOpen, setNewOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [attributesOpen, setAttributesOpen] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [stale, setStale] = useState(false);
  const ownChangeAt = useRef(0);

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

  useEffect(() => {
    setSelected(new Set());
    setStale(false);
  }, [pager]);

  useEffect(
    () =>
      api.on('contacts.changed', (e) => {
        if (e.channelId !== channelId) return;
        refreshCount();
        if (Date.now() - ownChangeAt.current < OWN_CHANGE_GRACE_MS) return;
        // Near the top the new state simply replaces the rows; deeper down, jumping would lose the user's place.
        if (pager.loadedPageCount() <= 1) void pager.refresh();
        else setStale(true);
      }),
    [channelId, pager, refreshCount],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  const rowCount = snapshot.rowCount + (snapshot.done ? 0 : 1);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (!snapshot.done && !snapshot.error && lastIndex >= snapshot.rowCount - PREFETCH_ROWS) void pager.loadNext();
    pager.ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, snapshot.rowCount, snapshot.done, snapshot.error, pager]);

  const markOwnChange = () => {
    ownChangeAt.current = Date.now();
  };

  const deleteIds = async (ids: number[]) => {
    markOwnChange();
    let deleted = 0;
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      deleted += (await api.call('contacts.delete', { ids: ids.slice(i, i + DELETE_CHUNK) })).deleted;
    }
    const gone = new Set(ids);
    pager.remove(gone);
    setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    if (profileId !== null && gone.has(profileId)) setProfileId(null);
    refreshCount();
    notify({ tone: 'success', message: t('delete.done', { count: deleted }) });
  };

  const exportList = async (format: ExportFormat) => {
    setExporting(format);
    try {
      const result = await api.call('contacts.export', {
        channelId,
        format,
        sort,
        ...(query !== '' ? { query } : {}),
      });
      const day = new Date().toISOString().slice(0, 10);
      await api.download(result.path, `contacts-${day}.${format}`);
      notify({ tone: 'success', message: t('export.done', { count: result.rows }) });
    } catch (err) {
      notify({ tone: 'error', message: errorText(toApiError(err)) });
    } finally {
      setExporting(null);
    }
  };

  const loaded = pager.loadedRows();
  const allSelected = loaded.length > 0 && loaded.every((c) => selected.has(c.id));
  const someSelected = selected.size > 0 && !allSelected;
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const empty = snapshot.done && snapshot.rowCount === 0;
  const firstLoad = snapshot.rowCount === 0 && !snapshot.done;
  const sortOptions = CONTACT_SORTS.map((value) => ({ value, label: t(`sort.${value}`) }));

  return (
    <Stack gap="sm" data-testid="contacts-tab">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap" style={{ flex: 1, minWidth: 320 }}>
          <TextInput
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            leftSection={<SearchIcon />}
            rightSection={
              search !== '' ? (
                <ActionIcon variant="subtle" color="gray" onClick={() => setSearch('')} aria-label={t('search.clear')}>
                  <IconX size={14} />
                </ActionIcon>
              ) : null
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: 1, maxWidth: 420 }}
            data-testid="contacts-search"
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
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                leftSection={<DownloadIcon />}
                rightSection={<IconChevronDown size={14} />}
                loading={exporting !== null}
                disabled={empty}
                data-testid="contacts-export"
              >
                {t('toolbar.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{query === '' ? t('export.all') : t('export.results')}</Menu.Label>
              <Menu.Item onClick={() => void exportList('csv')} data-testid="contacts-export-csv">
                CSV (.csv)
              </Menu.Item>
              <Menu.Item onClick={() => void exportList('xlsx')} data-testid="contacts-export-xlsx">
                Excel (.xlsx)
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
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
          {query !== ''
            ? snapshot.done
              ? t('count.results', { count: snapshot.rowCount, formatted: formatCount(snapshot.rowCount, lang) })
              : t('count.searching')
            : total !== null
              ? t('count.total', { count: total, formatted: formatCount(total, lang) })
              : ''}
        </Text>
        {selected.size === 0 && query !== '' && snapshot.done && snapshot.rowCount > 0 && (
          <AddToGroupButton channelId={channelId} target={{ query }} label={t('groups:toGroup.allResults')} />
        )}
        {selected.size > 0 && (
          <Group gap="xs" data-testid="contacts-selection">
            <Text size="sm" fw={600}>
              {t('selection.count', { count: selected.size, formatted: formatCount(selected.size, lang) })}
            </Text>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
              {t('selection.clear')}
            </Button>
            <AddToGroupButton channelId={channelId} target={{ contactIds: [...selected] }} />
            <Button
              size="compact-sm"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() =>
                setPendingDelete({
                  ids: [...selected],
                  label: t('delete.many', { count: selected.size, formatted: formatCount(selected.size, lang) }),
                })
              }
              data-testid="contacts-bulk-delete"
            >
              {t('selection.delete')}
            </Button>
          </Group>
        )}
      </Group>

      {stale && (
        <Alert color="blue" variant="light" py={8} data-testid="contacts-stale">
          <Group justify="space-between">
            <Text size="sm">{t('stale.text')}</Text>
            <Button size="compact-sm" variant="light" onClick={() => void pager.reset().then(() => setStale(false))}>
              {t('stale.refresh')}
            </Button>
          </Group>
        </Alert>
      )}

      {snapshot.error !== null && snapshot.rowCount === 0 ? (
        <ErrorState error={toApiError(snapshot.error)} onRetry={() => void pager.reset()} />
      ) : empty ? (
        query !== '' ? (
          <EmptyState
            icon={<SearchIcon size={32} />}
            title={t('empty.searchTitle')}
            text={t('empty.searchText', { query })}
            testId="contacts-empty-search"
          />
        ) : (
          <EmptyState
            icon={<ProfileIcon size={32} />}
            title={t('empty.title')}
            text={t('empty.text')}
            testId="contacts-empty"
            action={
              <>
                <Button variant="light" leftSection={<UploadIcon />} onClick={() => setImportOpen(true)}>
                  {t('toolbar.import')}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setNewOpen(true)}>
                  {t('toolbar.new')}
                </Button>
              </>
            }
          />
        )
      ) : (
        <Paper withBorder radius="md" className={classes.table}>
          <div className={`${classes.row} ${classes.head}`} role="row">
            <Checkbox
              aria-label={t('selection.all')}
              checked={allSelected}
              indeterminate={someSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(loaded.map((c) => c.id)))}
              data-testid="contacts-select-all"
            />
            <span>{t('fields.name')}</span>
            <span>{t('fields.phone')}</span>
            <span className={classes.optional}>{t('fields.email')}</span>
            <span className={classes.optional}>{t('fields.lastMessage')}</span>
            <span className={classes.optional}>{t('fields.created')}</span>
            <span className={classes.actions}>{t('fields.actions')}</span>
          </div>
          <div ref={scrollRef} className={classes.scroll} data-testid="contacts-scroll">
            {firstLoad ? (
              <Stack gap={0}>
                {Array.from({ length: 8 }, (_, i) => (
                  <div key={i} className={classes.row} style={{ height: ROW_HEIGHT }}>
                    <Skeleton h={16} w={16} />
                    <Skeleton h={12} w="70%" />
                    <Skeleton h={12} w="60%" />
                  </div>
                ))}
              </Stack>
            ) : (
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((item) => {
                  const contact = pager.row(item.index);
                  const style = { height: item.size, transform: `translateY(${item.start}px)` };
                  if (!contact) {
                    return (
                      <div key={item.key} className={`${classes.row} ${classes.virtual}`} style={style}>
                        {item.index >= snapshot.rowCount && snapshot.error !== null ? (
                          <Group gap="xs" className={classes.span}>
                            <Text size="sm" c="red">
                              {errorText(toApiError(snapshot.error))}
                            </Text>
                            <Button size="compact-xs" variant="light" onClick={() => void pager.loadNext()}>
                              {t('common:actions.retry')}
                            </Button>
                          </Group>
                        ) : (
                          <Group gap="xs" className={classes.span} data-testid="contacts-loading-row">
                            <Loader size="xs" />
                            <Text size="sm" c="dimmed">
                              {t('loadingMore')}
                            </Text>
                          </Group>
                        )}
                      </div>
                    );
                  }
                  return (
                    <div
                      key={contact.id}
                      className={`${classes.row} ${classes.virtual} ${selected.has(contact.id) ? classes.selected : ''}`}
                      style={style}
                      data-testid="contact-row"
                      data-contact-id={contact.id}
                    >
                      <Checkbox
                        aria-label={t('selection.one', { name: contact.displayName })}
                        checked={selected.has(contact.id)}
                        onChange={() => toggle(contact.id)}
                        data-testid="contact-select"
                      />
                      <div className={classes.cell}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={600} truncate data-testid="contact-name">
                            {contact.displayName}
                          </Text>
                          {contact.optedOut && (
                            <Badge size="xs" color="orange" variant="light">
                              {t('optedOut')}
                            </Badge>
                          )}
                        </Group>
                        {contact.pushName && contact.pushName !== contact.displayName && (
                          <Text size="xs" c="dimmed" truncate>
                            ~{contact.pushName}
                          </Text>
                        )}
                      </div>
                      <Text size="sm" className={classes.cell} data-testid="contact-phone">
                        {contact.phoneDisplay}
                      </Text>
                      <Text size="sm" c="dimmed" truncate className={`${classes.cell} ${classes.optional}`}>
                        {contact.email ?? ''}
                      </Text>
                      <Text size="sm" c="dimmed" className={`${classes.cell} ${classes.optional}`}>
                        {contact.lastMessageAt === null ? '—' : formatDateTime(contact.lastMessageAt, lang)}
                      </Text>
                      <Text size="sm" c="dimmed" className={`${classes.cell} ${classes.optional}`}>
                        {formatDateTime(contact.createdAt, lang)}
                      </Text>
                      <Group gap={4} wrap="nowrap" className={classes.actions}>
                        <Tooltip label={t('actions.message')} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="green"
                            aria-label={t('actions.message')}
                            onClick={() => setMessageTo(contact)}
                            data-testid="contact-message"
                          >
                            <WhatsAppIcon />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('actions.profile')} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="blue"
                            aria-label={t('actions.profile')}
                            onClick={() => setProfileId(contact.id)}
                            data-testid="contact-profile"
                          >
                            <ProfileIcon />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('actions.delete')} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('actions.delete')}
                            onClick={() => setPendingDelete({ ids: [contact.id], label: t('delete.one', { name: contact.displayName }) })}
                            data-testid="contact-delete"
                          >
                            <IconTrash size={18} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        </Paper>
      )}

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
