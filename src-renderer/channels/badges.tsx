import { Avatar, Badge, Box, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel, ConnectionState } from '../../src-shared/api';
import { IconFlask } from '../components/icons';
import { STATE_META } from './model';

/** Marks a channel that runs on the simulator; shown wherever the channel is, so nobody mistakes it for real. */
export function DemoBadge({ size = 'sm' }: { size?: BadgeProps['size'] }) {
  const { t } = useTranslation('channels');
  return (
    <Tooltip label={t('engine.demoTooltip')} withArrow multiline maw={260}>
      <Badge
        size={size}
        color="grape"
        variant="light"
        radius="sm"
        leftSection={<IconFlask size={12} />}
        data-testid="demo-badge"
      >
        {t('engine.demo')}
      </Badge>
    </Tooltip>
  );
}

/** The live connection state as a coloured pill with a dot that pulses while something is in progress. */
export function ConnectionBadge({
  state,
  size = 'md',
  testId = 'connection-state',
}: {
  state: ConnectionState;
  size?: BadgeProps['size'];
  testId?: string;
}) {
  const { t } = useTranslation('channels');
  const meta = STATE_META[state];
  return (
    <Badge
      size={size}
      color={meta.color}
      variant="light"
      radius="xl"
      leftSection={<StatusDot color={meta.color} pulse={meta.tone === 'busy' || meta.tone === 'attention'} />}
      data-testid={testId}
      data-state={state}
      style={{ textTransform: 'none', fontWeight: 600 }}
    >
      {t(`state.${state}`)}
    </Badge>
  );
}

export function StatusDot({ color, pulse = false, size = 8 }: { color: string; pulse?: boolean; size?: number }) {
  return (
    <Box
      component="span"
      className={pulse ? 'wa-dot wa-dot--pulse' : 'wa-dot'}
      w={size}
      h={size}
      style={{ background: `var(--mantine-color-${color}-6)`, color: `var(--mantine-color-${color}-6)` }}
    />
  );
}

const AVATAR_COLORS = ['teal', 'cyan', 'blue', 'indigo', 'violet', 'grape', 'pink', 'orange', 'lime'] as const;

/** Initials on a colour picked from the channel id, so each channel keeps its colour everywhere. */
export function ChannelAvatar({ channel, size = 44 }: { channel: Pick<Channel, 'id' | 'name'>; size?: number }) {
  const initials = channel.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toLocaleUpperCase())
    .join('');
  return (
    <Avatar size={size} radius="md" color={AVATAR_COLORS[channel.id % AVATAR_COLORS.length]} variant="light">
      {initials || '#'}
    </Avatar>
  );
}
