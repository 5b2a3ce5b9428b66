import { Grid, Stack } from '@mantine/core';
import type { ChannelTabProps } from '../tabs';
import { ChannelSettingsCard } from './ChannelSettingsCard';
import { ConnectionPanel } from './ConnectionPanel';
import { DeleteChannelCard } from './DeleteChannelCard';
import { detailSections } from './sections';

const sections = [...detailSections].sort((a, b) => a.order - b.order);

export function DetailTab({ channel }: ChannelTabProps) {
  return (
    <Grid gutter="lg" align="flex-start">
      <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
        <Stack gap="lg">
          <ChannelSettingsCard channel={channel} />
          {sections.map(({ key, Component }) => (
            <Component key={key} channel={channel} />
          ))}
          <DeleteChannelCard channel={channel} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
        <ConnectionPanel channel={channel} />
      </Grid.Col>
    </Grid>
  );
}
