import { Anchor, Box, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, EmptyState } from '../components/PageState';
import { IconArrowLeft, IconMessages, IconPhone } from '../components/icons';
import { ChannelAvatar, DemoBadge } from '../channels/badges';
import { useChannels } from '../channels/store';
import { href, navigate } from '../router/hash';
import { pathOf, splitPath, type RouteParams } from '../router/match';
import { channelTabs } from './tabs';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function ChannelPage({ params }: { params: RouteParams }) {
  const { t } = useTranslation('channels');
  const id = Number(params.id);
  const [tabKey, ...subPath] = splitPath(params['*'] ?? '');
  const { status, error, load, refresh, setCurrent } = useChannels();
  // A deep link may name a channel made after the list was loaded (by the CLI, another window): ask for it once.
  const [lookedUp, setLookedUp] = useState<number | null>(null);
  const channel = useChannels((s) => (Number.isInteger(id) ? s.byId[id] : undefined));
  const tabs = useMemo(() => [...channelTabs].sort((a, b) => a.order - b.order), []);
  const active = tabs.find((tab) => tab.key === tabKey);

  useDocumentTitle(channel?.name ?? null);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  useEffect(() => {
    if (status !== 'ready' || channel || lookedUp === id || !Number.isInteger(id) || id <= 0) return;
    void refresh(id).finally(() => setLookedUp(id));
  }, [status, channel, lookedUp, id, refresh]);

  useEffect(() => {
    if (channel) setCurrent(channel.id);
  }, [channel, setCurrent]);

  useEffect(() => {
    if (channel && tabKey === undefined) navigate(pathOf('channels', channel.id, tabs[0]!.key), { replace: true });
  }, [channel, tabKey, tabs]);

  if (status === 'error' && error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!channel && (status !== 'ready' || (lookedUp !== id && Number.isInteger(id) && id > 0))) return <ChannelPageSkeleton />;
  if (!channel) {
    return (
      <EmptyState
        icon={<IconMessages size={36} />}
        title={t('page.notFoundTitle')}
        text={t('page.notFoundText')}
        testId="channel-not-found"
        action={
          <Button component="a" href={href('/')} leftSection={<IconArrowLeft size={16} />}>
            {t('page.allChannels')}
          </Button>
        }
      />
    );
  }

  return (
    <Stack gap="lg">
      <Anchor href={href('/')} size="sm" c="dimmed" className="wa-back-link">
        <Group gap={6}>
          <IconArrowLeft size={14} />
          {t('page.allChannels')}
        </Group>
      </Anchor>
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <ChannelAvatar channel={channel} size={52} />
        <Box style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} className="wa-truncate" data-testid="channel-title">
              {channel.name}
            </Title>
            {channel.demo && <DemoBadge size="md" />}
          </Group>
          <Group gap={6} mt={4} c="dimmed">
            <IconPhone size={15} />
            <Text c="dimmed" className="wa-nums" data-testid="channel-phone">
              {channel.phoneDisplay}
            </Text>
          </Group>
        </Box>
      </Group>
      <Tabs
        value={active?.key ?? tabKey ?? null}
        onChange={(key) => key && navigate(pathOf('channels', channel.id, key))}
        keepMounted={false}
        className="wa-tabs"
      >
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.key} value={tab.key} data-testid={`tab-${tab.key}`}>
              {t(tab.labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {active ? (
        <active.Component key={channel.id} channel={channel} subPath={subPath} />
      ) : (
        tabKey !== undefined && (
          <Paper withBorder radius="md" p="xl" ta="center" c="dimmed">
            {t('page.tabNotFound')}
          </Paper>
        )
      )}
    </Stack>
  );
}

function ChannelPageSkeleton() {
  return (
    <Stack gap="lg" data-testid="loading" aria-busy>
      <Skeleton height={12} width={120} radius="xl" />
      <Group gap="md">
        <Skeleton height={52} width={52} radius="md" />
        <Stack gap={8}>
          <Skeleton height={20} width={220} radius="xl" />
          <Skeleton height={12} width={160} radius="xl" />
        </Stack>
      </Group>
      <Skeleton height={36} radius="sm" />
      <Skeleton height={260} radius="md" />
    </Stack>
  );
}
