import { Button, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WalletStatement } from '../../src-shared/api/wallet';
import { formatMoney } from '../../src-shared/domain/money';
import { api, toApiError, type ApiError } from '../api/client';
import { ErrorState } from '../components/PageState';
import { SectionCard } from '../components/SectionCard';
import { formatDateTime } from '../contacts/util';
import { href } from '../router/hash';
import { pathOf } from '../router/match';
import { localeOf, useWallet } from './store';

/** The monthly statements, newest first; each opens as a printable page. */
export function StatementsPanel() {
  const { t, i18n } = useTranslation('wallet');
  const lang = i18n.resolvedLanguage ?? 'en';
  const version = useWallet((s) => s.version);
  const [list, setList] = useState<WalletStatement[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.call('wallet.statements').then(
      (v) => {
        if (!live) return;
        setList(v);
        setError(null);
      },
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  return (
    <SectionCard title={t('sections.statements')} description={t('statements.intro')} testId="wallet-statements">
      {error && <ErrorState error={error} />}
      {list !== null && list.length === 0 && (
        <Text c="dimmed" data-testid="wallet-statements-empty">
          {t('statements.empty')}
        </Text>
      )}
      {list !== null && list.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statements.period')}</Table.Th>
              <Table.Th ta="right">{t('statements.topUps')}</Table.Th>
              <Table.Th ta="right">{t('statements.total')}</Table.Th>
              <Table.Th>{t('statements.issued')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((s) => (
              <Table.Tr key={s.id} data-testid="wallet-statement-row" data-period={s.period}>
                <Table.Td fw={600}>{monthName(s.periodStart, lang)}</Table.Td>
                <Table.Td ta="right" className="wa-nums">
                  {s.topUps}
                </Table.Td>
                <Table.Td ta="right" className="wa-nums">
                  {formatMoney(s.totalMinor, s.currency, localeOf(lang))}
                </Table.Td>
                <Table.Td className="wa-nums">{formatDateTime(s.createdAt, lang)}</Table.Td>
                <Table.Td ta="right">
                  <Button component="a" href={href(pathOf('wallet', 'statements', s.id))} size="compact-sm" variant="light" data-testid="wallet-statement-open">
                    {t('statements.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}

export function monthName(periodStart: number, lang: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric' }).format(periodStart);
}
