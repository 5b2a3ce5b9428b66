import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api/channels';
import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignSummary, type CampaignWarning } from '../../src-shared/api/campaigns';
import { api, toApiError, type ApiError } from '../api/client';
import { IconAlert, IconMessages, IconPlus } from '../components/icons';
import { EmptyState, ErrorState, LoadingState } from '../components/PageState';
import { SearchIcon } from '../contacts/icons';
import { formatCount, formatDateTime } from '../contacts/util';
import { href } from '../router/hash';
import { progressOf, STATUS_COLOR } from './model';
import { campaignPath, newCampaignPath } from './paths';

const PAGE_SIZE = 30;

interface Filters {
  title: string;
  description: string;
  status: CampaignStatus | '';
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { title: '', description: '', status: '', from: '', to: '' };

/** Local `YYYY-MM-DD` to the start of that day, and the end day to the start of the day after (exclusive). */
const dayStart = (d: string) => new Date(`${d}T00:00:00`).getTime();

/** Past Sends: newest first, filtered by title, description, status and creation date, kept live by progress events. */
export function CampaignList({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [debounced] = useDebouncedValue(filters, 200);
  const [items, setItems] = useState<CampaignSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [warning, setWarning] = useState<CampaignWarning | null>(null);

  useEffect(() => {
    void api.call('campaigns.warning', { channelId: channel.id }).then(setWarning, () => undefined);
  }, [channel.id]);

  const input = useCallback(
    (after?: string) => ({
      channelId: channel.id,
      limit: PAGE_SIZE,
      ...(debounced.title.trim() ? { title: debounced.title.trim() } : {}),
      ...(debounced.description.trim() ? { description: debounced.description.trim() } : {}),
      ...(debounced.status ? { status: debounced.status } : {}),
      ...(debounced.from ? { from: dayStart(debounced.from) } : {}),
      ...(debounced.to ? { to: dayStart(debounced.to) + 86_400_000 } : {}),
      ...(after ? { cursor: after } : {}),
    }),
    [channel.id, debounced],
  );

  const load = useCallback(async () => {
    try {
      const page = await api.call('campaigns.list', input());
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, [input]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      api.on('campaign.progress', (e) => {
        if (e.channelId !== channel.id) return;
        setItems((list) => {
          if (!list?.some((c) => c.id === e.campaignId)) {
            void load();
            return list;
          }
          return list.map((c) => (c.id === e.campaignId ? { ...c, status: e.status, pauseReason: e.pauseReason, counts: e.counts } : c));
        });
      }),
    [channel.id, load],
  );

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.call('campaigns.list', input(cursor));
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoadingMore(false);
    }
  };

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const newButton = (testId: string) => (
    <Button component="a" href={href(newCampaignPath(channel.id))} leftSection={<IconPlus size={16} />} data-testid={testId}>
      {t('list.new')}
    </Button>
  );

  let body;
  if (items === null && error) body = <ErrorState error={error} onRetry={() => void load()} />;
  else if (items === null) body = <LoadingState rows={3} testId="bulk-loading" />;
  else if (items.length === 0 && !filtered) {
    body = <EmptyState icon={<IconMessages size={32} />} title={t('list.emptyTitle')} text={t('list.emptyText')} action={newButton('bulk-empty-new')} testId="bulk-empty" />;
  } else if (items.length === 0) {
    body = (
      <Paper withBorder radius="md" p="xl" data-testid="bulk-no-match">
        <Text c="dimmed" ta="center">
          {t('list.noMatch')}
        </Text>
      </Paper>
    );
  } else {
    body = (
      <Paper withBorder radius="md">
        <Table highlightOnHover verticalSpacing="sm" data-testid="bulk-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.colTitle')}</Table.Th>
              <Table.Th>{t('list.colStatus')}</Table.Th>
              <Table.Th>{t('list.colProgress')}</Table.Th>
              <Table.Th>{t('list.colCreated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => {
              const { sendable, percent } = progressOf(c.counts);
              const sent = c.counts.sent;
              const notSent = c.counts.failed + c.counts.invalid_number;
              return (
                <Table.Tr key={c.id} data-testid="bulk-row" data-campaign-id={c.id} data-status={c.status}>
                  <Table.Td maw={420}>
                    <Anchor href={href(campaignPath(channel.id, c.id))} fw={600} data-testid="bulk-row-title">
                      {c.title}
                    </Anchor>
                    {c.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {c.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[c.status]} variant="light" data-testid="bulk-row-status">
                      {t(`status.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td miw={180}>
                    <Stack gap={4}>
                      <Progress value={percent} size="sm" />
                      <Text size="xs" c="dimmed" className="wa-nums">
                        {t('list.progress', { sent: formatCount(sent, lang), total: formatCount(sendable, lang) })}
                        {notSent > 0 && (
                          <Text span size="xs" c="orange" data-testid="bulk-row-not-sent">
                            {' · '}
                            {t('list.notSent', { count: formatCount(notSent, lang) })}
                          </Text>
                        )}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td className="wa-nums">
                    <Text size="sm">{formatDateTime(c.createdAt, lang)}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {cursor && (
          <Group justify="center" p="sm">
            <Button variant="subtle" loading={loadingMore} onClick={() => void more()} data-testid="bulk-more">
              {t('list.more')}
            </Button>
          </Group>
        )}
      </Paper>
    );
  }

  return (
    <Stack gap="md" data-testid="bulk-tab">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('list.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('list.intro')}
          </Text>
        </div>
        {newButton('bulk-new')}
      </Group>
      {warning && !warning.acknowledgedAt && (
        <Alert color="orange" variant="light" icon={<IconAlert size={18} />} title={t('list.warningTitle')} data-testid="bulk-list-warning">
          {lang === 'tr' ? warning.text.tr : warning.text.en}
        </Alert>
      )}
      <Paper withBorder radius="md" p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('list.filterTitle')}
            leftSection={<SearchIcon size={14} />}
            value={filters.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            data-testid="bulk-filter-title"
          />
          <TextInput
            label={t('list.filterDescription')}
            value={filters.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            data-testid="bulk-filter-description"
          />
          <Select
            label={t('list.filterStatus')}
            placeholder={t('list.anyStatus')}
            clearable
            data={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={filters.status || null}
            onChange={(v) => set({ status: (v ?? '') as CampaignStatus | '' })}
            data-testid="bulk-filter-status"
            w={180}
          />
          <TextInput type="date" label={t('list.filterFrom')} value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} data-testid="bulk-filter-from" />
          <TextInput type="date" label={t('list.filterTo')} value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} data-testid="bulk-filter-to" />
          {filtered && (
            <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)} data-testid="bulk-filter-clear">
              {t('list.clear')}
            </Button>
          )}
        </Group>
      </Paper>
      {error && items !== null && <ErrorState error={error} onRetry={() => void load()} />}
      {body}
    </Stack>
  );
}
