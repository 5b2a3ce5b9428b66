import { Button, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../components/icons';
import type { HeaderItemProps } from '../layout/header-items';
import { href } from '../router/hash';
import { IconWallet } from './icons';
import { startWalletSync, useMoney, useWallet } from './store';

/** The WhatsApp balance at the top right of every screen; it turns red below the owner's threshold. */
export function BalanceButton(_props: HeaderItemProps) {
  const { t } = useTranslation('wallet');
  const balance = useWallet((s) => s.balance);
  const { money } = useMoney();
  useEffect(() => startWalletSync(), []);

  const amount = balance ? money(balance.balanceMinor) : '…';
  const label = balance?.low ? t('balance.low', { threshold: money(balance.lowBalanceThresholdMinor) }) : t('balance.open');
  return (
    <Tooltip label={label} withArrow>
      <Button
        component="a"
        href={href('/wallet')}
        variant={balance?.low ? 'light' : 'subtle'}
        color={balance?.low ? 'red' : 'teal'}
        radius="md"
        leftSection={balance?.low ? <IconAlert size={16} /> : <IconWallet size={16} />}
        aria-label={t('balance.button', { amount })}
        data-testid="wallet-balance-button"
        data-low={balance?.low ? 'true' : 'false'}
        className="wa-nums"
      >
        <span data-testid="wallet-balance">{amount}</span>
      </Button>
    </Tooltip>
  );
}
