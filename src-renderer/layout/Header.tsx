import { ActionIcon, Divider, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../channels/store';
import { IconSettings, LogoMark } from '../components/icons';
import { href } from '../router/hash';
import { ChannelSwitcher } from './ChannelSwitcher';
import { headerItems } from './header-items';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const current = useChannels((s) => (s.currentId === null ? null : (s.byId[s.currentId] ?? null)));
  const hasChannels = useChannels((s) => Object.keys(s.byId).length > 0);

  return (
    <Group h="100%" px="lg" justify="space-between" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <UnstyledButton component="a" href={href('/')} aria-label={t('header.home')} className="wa-brand" data-testid="brand">
          <Group gap={10} wrap="nowrap">
            <LogoMark size={30} />
            <Text fw={700} size="lg" className="wa-brand-name">
              {t('appName')}
            </Text>
          </Group>
        </UnstyledButton>
        {hasChannels && (
          <>
            <Divider orientation="vertical" my={14} />
            <ChannelSwitcher current={current} />
          </>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        {headerItems.map(({ key, Component }) => (
          <Component key={key} channel={current} />
        ))}
        <LanguageSwitch />
        <Tooltip label={t('header.settings')} withArrow>
          <ActionIcon
            component="a"
            href={href('/settings')}
            variant="subtle"
            color="gray"
            size="lg"
            radius="md"
            aria-label={t('header.settings')}
            data-testid="settings-link"
          >
            <IconSettings size={20} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
