import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelTabProps } from '../channel/tabs';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { splitPath, type RouteParams } from '../router/match';
import { StatementView } from './StatementView';
import { WalletView } from './WalletView';

/** `#/wallet[/section]`, reached from the balance button; `#/wallet/statements/<id>` is a printable statement. */
export function WalletPage({ params }: { params: RouteParams }) {
  const { t } = useTranslation('wallet');
  const [section, id] = splitPath(params['*'] ?? '');
  useDocumentTitle(t('title'));
  if (section === 'statements' && id !== undefined && /^\d+$/.test(id)) return <StatementView id={Number(id)} />;
  return (
    <Stack gap="lg">
      <Title order={2}>{t('title')}</Title>
      <WalletView basePath={['wallet']} section={section} channelIds={[]} />
    </Stack>
  );
}

/** The channel's Wallet tab: the same wallet, its table filtered to this channel to start with. */
export function WalletTab({ channel, subPath }: ChannelTabProps) {
  return <WalletView key={channel.id} basePath={['channels', channel.id, 'wallet']} section={subPath[0]} channelIds={[channel.id]} />;
}
