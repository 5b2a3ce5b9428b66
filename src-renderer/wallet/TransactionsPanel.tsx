import { Alert, Badge, Button, Group, MultiSelect, Paper, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WALLET_ENTRY_TYPES,
  type WalletEntry,
  type WalletEntryType,
  type WalletExportFormat,
  type WalletSort,
  type WalletTotals,
} from '../../src-shared/api/wallet';
import { formatPhone } from '../../src-shared/domain/phone';
import { api } from '../api/client';
import { useChannels } from '../channels/store';
import { notify } from '../components/notices';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { EmptyState } from '../components/PageState';
import { KeysetTable, tableClasses } from '../contacts/KeysetTable';
import { KeysetPager } from '../contacts/pager';
import { formatCount, formatDateTime } from '../contacts/util';
import { BalanceChart } from './BalanceChart';
import { chartRange, toWalletFilter, type FilterState } from './filters';
import { IconDownload, IconReceipt } from './icons';
import { useMoney, useWallet } from './store';
import classes from './wallet.module.css';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 46;
const TYPE_COLOR: Record<WalletEntryType, string> = { top_up: 'teal', message_charge: 'gray', refund: 'blue', adjustment: 'grape' };

/**
 * "Wallet Filters" and "Wallet Transactions": date range, types and channels; totals and a balance chart for the
 * range; the table (date, type, number, previous and current balance, amount), sortable by date or amount,
 * paged by keyset as it scrolls, and exportable as CSV or Excel.
 */
export function TransactionsPanel({ defaultChannelIds }: { defaultChannelIds: number[] }) {
  const { t, i18n } = useTranslation('wallet');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const { money } = useMoney();
  const version = useWallet((s) => s.version);
  const channels = useChannels((s) => s.byId);
  const [state, setState] = useState<FilterState>({ from: '', to: '', types: [], channelIds: defaultChannelIds });
  const [sort, setSort] = useState<WalletSort>('date_desc');
  const filter = useMemo(() => toWalletFilter(state), [state]);
  const filterKey = JSON.stringify(filter);
  const [totals, setTotals] = useState<WalletTotals | null>(null);
  const exporting = useAction();

  const pager = useMemo(
    () =>
      new KeysetPager<WalletEntry>(async (cursor) => {
        const page = await api.call('wallet.transactions', { ...(filter ?? {}), sort, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        return { items: page.rows, nextCursor: page.nextCursor };
      }),
    // Keyed by the filter's JSON: the object is rebuilt on every state change, the filter it describes is not.
    [filterKey, sort],
  );
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const seenVersion = useRef(version);

  useEffect(() => {
    if (filter) void pager.reset();
  }, [pager, filter]);

  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    void pager.refresh();
  }, [version, pager]);

  useEffect(() => {
    if (!filter) return;
    let live = true;
    api.call('wallet.totals', filter).then(
      (v) => live && setTotals(v),
      () => live && setTotals(null),
    );
    return () => {
      live = false;
    };
  }, [filterKey, version]);

  // Fixed per filter: the chart's "now" must not move on every render.
  const range = useMemo(() => chartRange(filter ?? {}, Date.now()), [filterKey]);

  const exportAs = async (format: WalletExportFormat) => {
    if (!filter) return;
    const done = await exporting.run(async () => {
      const file = await api.call('wallet.export', { ...filter, sort, format });
      await api.download(file.path, file.fileName);
      return file;
    });
    if (done) notify({ tone: 'success', message: t('export.done', { count: done.rows }) });
  };

  const channelOptions = Object.values(channels)
    .sort((a, b) => a.name.localeCompare(b.name, lang))
    .map((c) => ({ value: String(c.id), label: c.name }));
  for (const id of state.channelIds) {
    if (!channels[id]) channelOptions.push({ value: String(id), label: `#${id}` });
  }

  const sortButton = (column: 'date' | 'amount', text: string) => {
    const active = sort.startsWith(column);
    const desc = sort.endsWith('desc');
    return (
      <UnstyledButton
        className={classes.sort}
        aria-label={t('table.sortBy', { column: text })}
        onClick={() => setSort(active && desc ? `${column}_asc` : `${column}_desc`)}
        data-testid={`wallet-sort-${column}`}
        data-active={active ? (desc ? 'desc' : 'asc') : undefined}
      >
        {text} {active ? (desc ? '↓' : '↑') : ''}
      </UnstyledButton>
    );
  };

  const renderRow = useCallback(
    (e: WalletEntry) => (
      <>
        <span className={`${tableClasses.cell} wa-nums`}>{formatDateTime(e.at, lang)}</span>
        <span className={tableClasses.cell}>
          <Badge color={TYPE_COLOR[e.type]} variant="light" size="sm" data-testid="wallet-row-type">
            {t(`types.${e.type}`)}
          </Badge>
        </span>
        <span className={`${tableClasses.cell} ${tableClasses.optional}`} title={e.reference ?? undefined}>
          {e.channelName ?? (e.card ? `${e.card.brand.toUpperCase()} •••• ${e.card.last4}` : (e.note ?? ''))}
        </span>
        <span className={`${tableClasses.cell} wa-nums`}>{e.phone ? formatPhone(e.phone) : ''}</span>
        <span className={`${tableClasses.cell} ${tableClasses.optional} wa-nums ${classes.num}`}>{money(e.balanceBeforeMinor)}</span>
        <span className={`${tableClasses.cell} wa-nums ${classes.num}`}>{money(e.balanceAfterMinor)}</span>
        <span className={`${tableClasses.cell} wa-nums ${classes.num} ${e.amountMinor < 0 ? classes.negative : classes.positive}`} data-testid="wallet-row-amount">
          {e.amountMinor > 0 ? '+' : ''}
          {money(e.amountMinor)}
        </span>
      </>
    ),
    [lang, money, t],
  );
  const rowAttributes = useCallback((e: WalletEntry) => ({ 'data-testid': 'wallet-row', 'data-type': e.type, 'data-id': e.id }), []);

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            type="date"
            label={t('filters.from')}
            value={state.from}
            onChange={(e) => setState({ ...state, from: e.currentTarget.value })}
            data-testid="wallet-filter-from"
          />
          <TextInput
            type="date"
            label={t('filters.to')}
            value={state.to}
            onChange={(e) => setState({ ...state, to: e.currentTarget.value })}
            error={filter === null ? t('filters.invalidRange') : undefined}
            data-testid="wallet-filter-to"
          />
          <MultiSelect
            label={t('filters.types')}
            placeholder={state.types.length === 0 ? t('filters.typesPlaceholder') : undefined}
            data={WALLET_ENTRY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
            value={state.types}
            onChange={(v) => setState({ ...state, types: v as WalletEntryType[] })}
            clearable
            miw={220}
            data-testid="wallet-filter-types"
          />
          <MultiSelect
            label={t('filters.channels')}
            placeholder={state.channelIds.length === 0 ? t('filters.channelsPlaceholder') : undefined}
            data={channelOptions}
            value={state.channelIds.map(String)}
            onChange={(v) => setState({ ...state, channelIds: v.map(Number).slice(0, 20) })}
            clearable
            searchable
            miw={220}
            data-testid="wallet-filter-channels"
          />
          <Button variant="subtle" onClick={() => setState({ from: '', to: '', types: [], channelIds: [] })} data-testid="wallet-filter-clear">
            {t('filters.clear')}
          </Button>
        </Group>
      </Paper>

      {totals && (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} data-testid="wallet-totals">
          <Total label={t('totals.topUps')} value={money(totals.topUpsMinor)} testId="wallet-total-topups" />
          <Total label={t('totals.charges')} value={money(totals.chargesMinor)} testId="wallet-total-charges" />
          <Total label={t('totals.refunds')} value={money(totals.refundsMinor)} testId="wallet-total-refunds" />
          <Total label={t('totals.adjustments')} value={money(totals.adjustmentsMinor)} testId="wallet-total-adjustments" />
          <Total
            label={t('totals.net')}
            value={money(totals.netMinor)}
            hint={t('totals.entries', { count: totals.entries, formatted: formatCount(totals.entries, lang) })}
            testId="wallet-total-net"
          />
        </SimpleGrid>
      )}

      <BalanceChart from={range.from} to={range.to} />

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {totals ? t('totals.entries', { count: totals.entries, formatted: formatCount(totals.entries, lang) }) : ''}
        </Text>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportAs('csv')} loading={exporting.busy} disabled={!filter} data-testid="wallet-export-csv">
            {t('export.csv')}
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportAs('xlsx')} loading={exporting.busy} disabled={!filter} data-testid="wallet-export-xlsx">
            {t('export.xlsx')}
          </Button>
        </Group>
      </Group>
      {exporting.error && (
        <Alert color="red" data-testid="wallet-export-error">
          {errorText(exporting.error)}
        </Alert>
      )}

      <KeysetTable
        pager={pager}
        snapshot={snapshot}
        rowHeight={ROW_HEIGHT}
        gridClassName={classes.grid}
        height="max(320px, calc(100vh - 520px))"
        selected={NONE}
        testId="wallet-table"
        loadingText={t('table.loadingMore')}
        empty={<EmptyState icon={<IconReceipt size={32} />} title={t('table.empty')} text="" testId="wallet-table-empty" />}
        header={
          <>
            {sortButton('date', t('table.date'))}
            <span>{t('table.type')}</span>
            <span className={tableClasses.optional}>{t('table.channel')}</span>
            <span>{t('table.number')}</span>
            <span className={`${tableClasses.optional} ${classes.num}`}>{t('table.previous')}</span>
            <span className={classes.num}>{t('table.current')}</span>
            <span className={classes.num}>{sortButton('amount', t('table.amount'))}</span>
          </>
        }
        renderRow={renderRow}
        rowAttributes={rowAttributes}
      />
    </Stack>
  );
}

const NONE: ReadonlySet<number> = new Set();

function Total({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} className="wa-nums" data-testid={`${testId}-value`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
