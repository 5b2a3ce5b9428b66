import { Alert, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconPlus } from '../components/icons';
import { navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { AddBalanceModal } from './AddBalanceModal';
import { CardsPanel } from './CardsPanel';
import { IconWallet } from './icons';
import { SettingsPanel } from './SettingsPanel';
import { StatementsPanel } from './StatementsPanel';
import { useMoney, useWallet } from './store';
import { TransactionsPanel } from './TransactionsPanel';

const SECTIONS = ['transactions', 'statements', 'cards', 'settings'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * The wallet, as the wallet page shows it and as a channel's Wallet tab shows it (there with the channel filter
 * preset): the balance and Add Balance, then transactions, statements, cards and settings.
 */
export function WalletView({ basePath, section, channelIds }: { basePath: (string | number)[]; section: string | undefined; channelIds: number[] }) {
  const { t } = useTranslation('wallet');
  const balance = useWallet((s) => s.balance);
  const { money } = useMoney();
  const [adding, setAdding] = useState(false);
  const active: Section = SECTIONS.find((s) => s === section) ?? 'transactions';

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="center" wrap="wrap">
          <Group gap="md" wrap="nowrap">
            <IconWallet size={36} />
            <div>
              <Text size="sm" c="dimmed">
                {t('balance.label')}
              </Text>
              <Title order={2} className="wa-nums" data-testid="wallet-page-balance">
                {balance ? money(balance.balanceMinor) : '…'}
              </Title>
            </div>
          </Group>
          <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)} data-testid="wallet-add-balance">
            {t('add.button')}
          </Button>
        </Group>
        {balance?.low && (
          <Alert color="red" variant="light" mt="md" icon={<IconAlert size={18} />} title={t('balance.low', { threshold: money(balance.lowBalanceThresholdMinor) })} data-testid="wallet-low-alert">
            {t('balance.lowHint')}
          </Alert>
        )}
        <Text size="sm" c="dimmed" mt="sm">
          {t('intro')}
        </Text>
      </Paper>
      <Tabs value={active} onChange={(v) => v && navigate(pathOf(...basePath, v))} keepMounted={false}>
        <Tabs.List>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`wallet-section-${s}`}>
              {t(`sections.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="transactions" pt="md">
          <TransactionsPanel defaultChannelIds={channelIds} />
        </Tabs.Panel>
        <Tabs.Panel value="statements" pt="md">
          <StatementsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="cards" pt="md">
          <CardsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <SettingsPanel />
        </Tabs.Panel>
      </Tabs>
      <AddBalanceModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
