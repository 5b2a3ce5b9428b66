import { Badge, Group, Paper, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientResult, UnitState } from '../../src-shared/api/campaigns';
import { api } from '../api/client';
import { KeysetTable, tableClasses } from '../contacts/KeysetTable';
import { ExportMenu } from '../contacts/ListToolbar';
import { KeysetPager } from '../contacts/pager';
import { formatDateTime } from '../contacts/util';
import { notify } from '../components/notices';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { UNIT_COLOR } from './model';
import classes from './bulk.module.css';

type Row = RecipientResult & { id: number };

const ROW_HEIGHT = 56;
const PAGE_SIZE = 100;
const FILTERS: (UnitState | 'all')[] = ['all', 'sent', 'failed', 'invalid_number', 'skipped', 'unknown', 'pending'];

const rowAttributes = (r: Row) => ({ 'data-testid': 'result-row', 'data-recipient-id': r.id });

/** Per-recipient results: each part's state and delivery, when it went, the variant used and why one did not. */
export function ResultsTable({ campaignId, version }: { campaignId: number; version: number }) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [filter, setFilter] = useState<UnitState | 'all'>('all');
  const exporting = useAction();
  const pager = useMemo(
    () =>
      new KeysetPager<Row>(async (cursor) => {
        const page = await api.call('campaigns.recipients', {
          campaignId,
          limit: PAGE_SIZE,
          ...(filter !== 'all' ? { state: filter } : {}),
          ...(cursor ? { cursor } : {}),
        });
        return { items: page.items.map((r) => ({ ...r, id: r.recipientId })), nextCursor: page.nextCursor };
      }),
    [campaignId, filter],
  );
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const seen = useRef(version);

  useEffect(() => {
    void pager.reset();
  }, [pager]);

  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    // Only the first page follows live progress; deeper pages would jump under the reader.
    if (pager.loadedPageCount() <= 1) void pager.refresh();
  }, [version, pager]);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    const done = await exporting.run(async () => {
      const file = await api.call('campaigns.export', { campaignId, format });
      await api.download(file.path, file.fileName);
      return file;
    });
    if (done) notify({ tone: 'success', message: t('view.exported', { count: done.rows }) });
  };

  const renderRow = useCallback(
    (r: Row) => {
      const sentAt = r.parts.map((p) => p.sentAt).filter((x): x is number => x !== null);
      // One reason per recipient, not one per part: a number not on WhatsApp fails every part the same way.
      const details = [
        ...new Set(
          r.parts.flatMap((p) => [
            ...(p.variant !== null ? [t('preview.variant', { n: p.variant + 1 })] : []),
            ...(p.failureText ? [p.failureText[lang === 'tr' ? 'tr' : 'en']] : []),
          ]),
        ),
      ];
      return (
        <>
          <span className={tableClasses.cell}>
            <Text size="sm" fw={500} truncate>
              {r.name ?? r.phoneDisplay}
            </Text>
            <Text size="xs" c="dimmed" className="wa-nums" data-testid="result-phone">
              {r.phoneDisplay}
            </Text>
          </span>
          <span className={tableClasses.cell}>
            <Group gap={4} wrap="nowrap">
              {r.parts.map((p) => (
                <Tooltip key={p.unitId} label={p.body ?? ''} disabled={!p.body} withinPortal multiline maw={320}>
                  <Badge
                    size="sm"
                    variant="light"
                    color={UNIT_COLOR[p.state]}
                    data-testid="result-part"
                    data-state={p.state}
                    data-delivery={p.delivery ?? ''}
                  >
                    {p.position + 1}: {p.state === 'sent' && p.delivery ? t(`delivery.${p.delivery}`) : t(`units.${p.state}`)}
                  </Badge>
                </Tooltip>
              ))}
            </Group>
          </span>
          <span className={`${tableClasses.cell} ${tableClasses.optional}`}>
            <Text size="sm" className="wa-nums" data-testid="result-time">
              {sentAt.length ? formatDateTime(Math.max(...sentAt), lang) : ''}
            </Text>
          </span>
          <span className={`${tableClasses.cell} ${tableClasses.optional}`} title={details.join(' · ')} data-testid="result-detail">
            <Text size="xs" c="dimmed" truncate>
              {details.join(' · ')}
            </Text>
          </span>
        </>
      );
    },
    [t, lang],
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={5}>{t('view.results')}</Title>
        <ExportMenu
          onExport={(f) => void exportAs(f)}
          loading={exporting.busy}
          disabled={false}
          label={t('view.export')}
          scope={t('view.results')}
          testId="bulk-export"
        />
      </Group>
      {exporting.error && (
        <Text size="sm" c="red" data-testid="bulk-export-error">
          {errorText(exporting.error)}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        value={filter}
        onChange={(v) => setFilter(v as UnitState | 'all')}
        data={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('view.allStates') : t(`units.${f}`) }))}
        data-testid="results-filter"
      />
      <Paper withBorder radius="md" className={tableClasses.table}>
        <KeysetTable<Row>
          pager={pager}
          snapshot={snapshot}
          rowHeight={ROW_HEIGHT}
          gridClassName={classes.resultsGrid}
          height="max(320px, calc(100vh - 480px))"
          header={
            <>
              <span>{t('view.colRecipient')}</span>
              <span>{t('view.colParts')}</span>
              <span className={tableClasses.optional}>{t('view.colTime')}</span>
              <span className={tableClasses.optional}>{t('view.colDetail')}</span>
            </>
          }
          renderRow={renderRow}
          rowAttributes={rowAttributes}
          selected={new Set()}
          testId="results"
          loadingText="…"
          empty={
            <Text c="dimmed" ta="center" p="lg" data-testid="results-empty">
              {t('view.noResults')}
            </Text>
          }
        />
      </Paper>
    </Stack>
  );
}
