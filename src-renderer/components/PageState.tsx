import { Alert, Button, Center, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors';
import { useErrorText } from './useErrorText';
import { IconAlert, IconRefresh } from './icons';

/** A placeholder of card-shaped skeletons while a page's data loads. */
export function LoadingState({ rows = 3, testId = 'loading' }: { rows?: number; testId?: string }) {
  return (
    <Stack gap="md" data-testid={testId} aria-busy>
      {Array.from({ length: rows }, (_, i) => (
        <Paper key={i} withBorder radius="md" p="lg">
          <Group gap="md" wrap="nowrap">
            <Skeleton height={40} circle />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton height={12} width="40%" radius="xl" />
              <Skeleton height={10} width="65%" radius="xl" />
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** What failed, in the user's language, and a way to try again. */
export function ErrorState({ error, onRetry, title }: { error: ApiError; onRetry?: () => void; title?: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      color="red"
      variant="light"
      radius="md"
      icon={<IconAlert size={20} />}
      title={title ?? t('states.loadFailed')}
      data-testid="error-state"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorText(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty page that says what belongs here and how to add the first one. */
export function EmptyState({
  icon,
  title,
  text,
  action,
  testId = 'empty-state',
}: {
  icon: ReactNode;
  title: ReactNode;
  text: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="lg" py={64} px="xl" data-testid={testId} className="wa-empty">
      <Center>
        <Stack align="center" gap="sm" maw={460} ta="center">
          <ThemeIcon size={72} radius={36} variant="light" color="teal">
            {icon}
          </ThemeIcon>
          <Title order={3} mt="xs">
            {title}
          </Title>
          <Text c="dimmed" size="sm" lh={1.6}>
            {text}
          </Text>
          {action && <Group mt="md">{action}</Group>}
        </Stack>
      </Center>
    </Paper>
  );
}
