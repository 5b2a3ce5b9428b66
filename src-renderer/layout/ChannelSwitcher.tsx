import { Button, Group, Menu, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api';
import { ConnectionBadge, DemoBadge, StatusDot } from '../channels/badges';
import { STATE_META, sortChannels } from '../channels/model';
import { useChannels } from '../channels/store';
import { IconChevronDown, IconMessages } from '../components/icons';
import { navigate } from '../router/hash';
import { pathOf } from '../router/match';

/** The current channel with its live connection state; opens a menu to jump to any other channel. */
export function ChannelSwitcher({ current }: { current: Channel | null }) {
  const { t, i18n } = useTranslation('channels');
  const byId = useChannels((s) => s.byId);
  const channels = useMemo(() => sortChannels(Object.values(byId), i18n.resolvedLanguage ?? 'en'), [byId, i18n.resolvedLanguage]);

  return (
    <Group gap="sm" wrap="nowrap">
      <Menu position="bottom-start" width={320} shadow="lg" radius="md" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="dark"
            rightSection={<IconChevronDown size={14} />}
            aria-label={t('switcher.label')}
            data-testid="channel-switcher"
            px="sm"
          >
            <Text fw={600} size="sm" truncate maw={220}>
              {current ? current.name : t('switcher.none')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('switcher.label')}</Menu.Label>
          {channels.map((c) => (
            <Menu.Item
              key={c.id}
              onClick={() => navigate(pathOf('channels', c.id, 'detail'))}
              leftSection={<StatusDot color={STATE_META[c.connection.state].color} />}
              rightSection={c.demo ? <DemoBadge size="xs" /> : null}
              bg={current?.id === c.id ? 'var(--mantine-color-teal-light)' : undefined}
            >
              <Text size="sm" truncate maw={200}>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed" className="wa-nums">
                {c.phoneDisplay}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconMessages size={16} />} onClick={() => navigate('/')}>
            {t('switcher.all')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {current && (
        <Group gap={6} wrap="nowrap" visibleFrom="xs">
          <ConnectionBadge state={current.connection.state} size="md" testId="header-connection-state" />
          {current.demo && <DemoBadge size="sm" />}
        </Group>
      )}
    </Group>
  );
}
