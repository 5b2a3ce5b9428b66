import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Engine } from '../../src-shared/api';
import { toApiError } from '../api/errors';
import { IconChevronRight, IconFlask, IconMessages, IconPhone, IconPlus } from '../components/icons';
import { notify } from '../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../components/PageState';
import { href, navigate } from '../router/hash';
import { pathOf } from '../router/match';
import { ChannelAvatar, ConnectionBadge, DemoBadge } from './badges';
import { CreateChannelModal } from './CreateChannelModal';
import { sortChannels } from './model';
import { useChannels } from './store';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function ChannelListPage() {
  const { t, i18n } = useTranslation('channels');
  const { status, error, byId, load, connect } = useChannels();
  const [creating, setCreating] = useState<Engine | null>(null);
  const language = i18n.resolvedLanguage ?? 'en';
  const channels = useMemo(() => sortChannels(Object.values(byId), language), [byId, language]);

  useDocumentTitle(t('list.title'));

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  function onCreated(channel: Channel) {
    setCreating(null);
    notify({ tone: 'success', message: t('create.created', { name: channel.name }) });
    navigate(pathOf('channels', channel.id, 'detail'));
    // A new channel is created to be linked: show its QR code right away instead of one more click.
    connect(channel.id).catch((err: unknown) =>
      notify({ tone: 'error', title: t('connection.failed'), message: toApiError(err).text(language) }),
    );
  }

  let body;
  if (status === 'error' && error) body = <ErrorState error={error} onRetry={() => void load()} />;
  else if (status !== 'ready') body = <LoadingState rows={3} />;
  else if (channels.length === 0)
    body = (
      <EmptyState
        icon={<IconMessages size={36} />}
        title={t('list.emptyTitle')}
        text={t('list.emptyText')}
        testId="channels-empty"
        action={
          <>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating('wwebjs')} data-testid="empty-create-channel">
              {t('list.emptyCta')}
            </Button>
            <Button variant="light" color="grape" leftSection={<IconFlask size={16} />} onClick={() => setCreating('simulator')}>
              {t('list.emptyDemo')}
            </Button>
          </>
        }
      />
    );
  else
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" data-testid="channel-list">
        {channels.map((c) => (
          <ChannelCard key={c.id} channel={c} />
        ))}
      </SimpleGrid>
    );

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="sm" align="center">
            <Title order={2}>{t('list.title')}</Title>
            {status === 'ready' && channels.length > 0 && (
              <Badge variant="default" radius="sm" size="lg" fw={500} style={{ textTransform: 'none' }}>
                {t('list.count', { count: channels.length })}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" mt={4}>
            {t('list.subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating('wwebjs')} data-testid="create-channel-button">
          {t('list.newChannel')}
        </Button>
      </Group>
      {body}
      <CreateChannelModal
        opened={creating !== null}
        initialEngine={creating ?? 'wwebjs'}
        onClose={() => setCreating(null)}
        onCreated={onCreated}
      />
    </Stack>
  );
}

function ChannelCard({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  return (
    <UnstyledButton
      component="a"
      href={href(pathOf('channels', channel.id, 'detail'))}
      className="wa-card-link"
      data-testid="channel-card"
      data-channel-id={channel.id}
    >
      <Card withBorder radius="lg" padding="lg" h="100%">
        <Group wrap="nowrap" gap="md" align="flex-start">
          <ChannelAvatar channel={channel} />
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group gap={8} wrap="nowrap">
              <Text fw={600} size="md" truncate data-testid="channel-card-name">
                {channel.name}
              </Text>
              {channel.demo && <DemoBadge size="xs" />}
            </Group>
            <Group gap={6} c="dimmed" wrap="nowrap">
              <IconPhone size={14} />
              <Text size="sm" c="dimmed" className="wa-nums">
                {channel.phoneDisplay}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Group justify="space-between" mt="lg" pt="md" className="wa-card-footer">
          <ConnectionBadge state={channel.connection.state} size="sm" />
          <Group gap={2} c="teal.7">
            <Text size="sm" fw={600} c="teal.7">
              {t('list.open')}
            </Text>
            <IconChevronRight size={16} />
          </Group>
        </Group>
      </Card>
    </UnstyledButton>
  );
}
