import { Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalancePoint } from '../../src-shared/api/wallet';
import { api } from '../api/client';
import { formatDateTime } from '../contacts/util';
import { useMoney, useWallet } from './store';

const W = 600;
const H = 120;
const PAD = 6;

/** The balance across the chosen range as one inline SVG line (no chart library for one line). */
export function BalanceChart({ from, to }: { from: number; to: number }) {
  const { t, i18n } = useTranslation('wallet');
  const { money } = useMoney();
  const version = useWallet((s) => s.version);
  const [points, setPoints] = useState<BalancePoint[] | null>(null);

  useEffect(() => {
    let live = true;
    api.call('wallet.balanceSeries', { from, to, points: 60 }).then(
      (p) => live && setPoints(p),
      () => live && setPoints([]),
    );
    return () => {
      live = false;
    };
  }, [from, to, version]);

  const lang = i18n.resolvedLanguage ?? 'en';
  if (!points || points.length < 2) return null;
  const values = points.map((p) => p.balanceMinor);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const line = points
    .map((p, i) => `${((i / (points.length - 1)) * W).toFixed(1)},${(PAD + (1 - (p.balanceMinor - min) / span) * (H - 2 * PAD)).toFixed(1)}`)
    .join(' ');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <Paper withBorder radius="md" p="md" data-testid="wallet-chart">
      <Text size="sm" fw={600} mb={6}>
        {t('chart.title')}
      </Text>
      {max === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chart.empty')}
        </Text>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          width="100%"
          height={H}
          role="img"
          aria-label={t('chart.label', {
            from: formatDateTime(first.at, lang),
            to: formatDateTime(last.at, lang),
            start: money(first.balanceMinor),
            end: money(last.balanceMinor),
          })}
        >
          <polyline points={`0,${H} ${line} ${W},${H}`} fill="var(--mantine-color-teal-light)" stroke="none" />
          <polyline points={line} fill="none" stroke="var(--mantine-color-teal-6)" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        </svg>
      )}
      <Text size="xs" c="dimmed" mt={4} className="wa-nums">
        {formatDateTime(first.at, lang)}: {money(first.balanceMinor)} → {formatDateTime(last.at, lang)}: {money(last.balanceMinor)}
      </Text>
    </Paper>
  );
}
