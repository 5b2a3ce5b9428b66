import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WalletExportFormat, WalletStatementDetail } from '../../src-shared/api/wallet';
import { CARD_BRAND_LABEL } from '../../src-shared/domain/card';
import { formatMoney } from '../../src-shared/domain/money';
import { api, toApiError, type ApiError } from '../api/client';
import { IconArrowLeft } from '../components/icons';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { useAction } from '../components/useAction';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useErrorText } from '../components/useErrorText';
import { formatDateTime } from '../contacts/util';
import { href } from '../router/hash';
import { pathOf } from '../router/match';
import { IconDownload, IconPrinter } from './icons';
import { monthName } from './StatementsPanel';
import { localeOf } from './store';
import classes from './wallet.module.css';

/** One monthly statement as a printable page: its top-ups, the card each was charged to, and the total. */
export function StatementView({ id }: { id: number }) {
  const { t, i18n } = useTranslation('wallet');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [detail, setDetail] = useState<WalletStatementDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const exporting = useAction();
  useDocumentTitle(detail ? t('statements.title', { period: detail.period }) : null);

  useEffect(() => {
    let live = true;
    api.call('wallet.statement', { id }).then(
      (v) => live && setDetail(v),
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const exportAs = async (format: WalletExportFormat) => {
    const done = await exporting.run(async () => {
      const file = await api.call('wallet.statements.export', { id, format });
      await api.download(file.path, file.fileName);
      return file;
    });
    if (done) notify({ tone: 'success', message: done.fileName });
  };

  const back = (
    <Anchor href={href(pathOf('wallet', 'statements'))} size="sm" c="dimmed" className={classes.noPrint}>
      <Group gap={6}>
        <IconArrowLeft size={14} />
        {t('statements.back')}
      </Group>
    </Anchor>
  );
  if (error) {
    return (
      <Stack>
        {back}
        <ErrorState error={error} title={error.code === 'not_found' ? t('statements.notFound') : undefined} />
      </Stack>
    );
  }
  if (!detail) return <LoadingState rows={2} />;
  const money = (minor: number) => formatMoney(minor, detail.currency, localeOf(lang));
  const lastDay = detail.periodEnd - 1;
  return (
    <Stack gap="lg" className={classes.statement} data-testid="wallet-statement">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="wallet-statement-title">
            {t('statements.title', { period: monthName(detail.periodStart, lang) })}
          </Title>
          <Text c="dimmed">
            {t('statements.subtitle', {
              from: new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long' }).format(detail.periodStart),
              to: new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long' }).format(lastDay),
            })}
          </Text>
        </div>
        <Group gap="xs" className={classes.noPrint}>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="wallet-statement-print">
            {t('statements.print')}
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting.busy} onClick={() => void exportAs('csv')} data-testid="wallet-statement-csv">
            CSV
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting.busy} onClick={() => void exportAs('xlsx')} data-testid="wallet-statement-xlsx">
            Excel
          </Button>
        </Group>
      </Group>
      {exporting.error && <Text c="red">{errorText(exporting.error)}</Text>}
      <Paper withBorder radius="md" p="md">
        <Table className={classes.statementTable} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statements.line.date')}</Table.Th>
              <Table.Th>{t('statements.line.card')}</Table.Th>
              <Table.Th>{t('statements.line.holder')}</Table.Th>
              <Table.Th ta="right">{t('statements.line.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.lines.map((l) => (
              <Table.Tr key={l.entryId} data-testid="wallet-statement-line">
                <Table.Td>{formatDateTime(l.at, lang)}</Table.Td>
                <Table.Td>{l.card ? `${CARD_BRAND_LABEL[l.card.brand]} •••• ${l.card.last4}` : ''}</Table.Td>
                <Table.Td>{l.card?.holder ?? ''}</Table.Td>
                <Table.Td ta="right">{money(l.amountMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>{t('statements.total')}</Table.Th>
              <Table.Th ta="right" data-testid="wallet-statement-total">
                {money(detail.totalMinor)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>
    </Stack>
  );
}
