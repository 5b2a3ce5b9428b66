import { Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The bordered card every settings-like section uses: a title, a line of explanation, an optional aside. */
export function SectionCard({
  title,
  description,
  aside,
  children,
  tone,
  testId,
}: {
  title: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
  children?: ReactNode;
  tone?: 'danger';
  testId?: string;
}) {
  return (
    <Card withBorder radius="lg" padding="xl" className={tone === 'danger' ? 'wa-card-danger' : undefined} data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={children ? 'lg' : 0} gap="md">
        <div>
          <Title order={4} c={tone === 'danger' ? 'red.7' : undefined}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {aside}
      </Group>
      {children}
    </Card>
  );
}
