import { ActionIcon, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerGroup } from '../../src-shared/api/groups';
import { IconPlus } from '../components/icons';
import { notify } from '../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../components/PageState';
import { ProfileIcon } from '../contacts/icons';
import { formatCount, formatDateTime } from '../contacts/util';
import { href } from '../router/hash';
import { DeleteGroupModal } from './DeleteGroupModal';
import { GroupActions } from './GroupActions';
import { GroupFormModal } from './GroupFormModal';
import { GroupsIcon } from './icons';
import { groupPath } from './paths';
import { useGroups } from './useGroups';

/** The channel's customer groups with member counts and last change; "+" creates one. */
export function GroupList({ channelId }: { channelId: number }) {
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { groups, error, reload } = useGroups(channelId);
  const [editing, setEditing] = useState<CustomerGroup | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<CustomerGroup | null>(null);

  const openForm = (group: CustomerGroup | null) => {
    setEditing(group);
    setFormOpen(true);
  };

  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)} data-testid="groups-new">
      {t('list.new')}
    </Button>
  );

  let body;
  if (groups === null && error) body = <ErrorState error={error} onRetry={() => void reload()} />;
  else if (groups === null) body = <LoadingState rows={3} testId="groups-loading" />;
  else if (groups.length === 0) {
    body = (
      <EmptyState icon={<GroupsIcon size={32} />} title={t('list.emptyTitle')} text={t('list.emptyText')} testId="groups-empty" action={newButton} />
    );
  } else {
    body = (
      <Paper withBorder radius="md">
        <Table highlightOnHover verticalSpacing="sm" data-testid="groups-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.name')}</Table.Th>
              <Table.Th>{t('list.members')}</Table.Th>
              <Table.Th>{t('list.lastChange')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('list.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.id} data-testid="group-row" data-group-id={g.id}>
                <Table.Td maw={420}>
                  <Anchor href={href(groupPath(channelId, g.id))} fw={600} data-testid="group-name">
                    {g.name}
                  </Anchor>
                  {g.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {g.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" data-testid="group-member-count">
                      {t('counts.members', { count: g.memberCount, formatted: formatCount(g.memberCount, lang) })}
                    </Text>
                    {g.optedOutCount > 0 && (
                      <Tooltip label={t('counts.optedOutHint')} withinPortal>
                        <Badge size="xs" color="orange" variant="light" data-testid="group-opted-out-count">
                          {t('counts.optedOut', { count: g.optedOutCount, formatted: formatCount(g.optedOutCount, lang) })}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" data-testid="group-updated">
                    {formatDateTime(g.updatedAt, lang)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label={t('list.open')} withinPortal>
                      <ActionIcon component="a" href={href(groupPath(channelId, g.id))} variant="subtle" color="blue" aria-label={t('list.open')}>
                        <ProfileIcon />
                      </ActionIcon>
                    </Tooltip>
                    <GroupActions onEdit={() => openForm(g)} onDelete={() => setDeleting(g)} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <Stack gap="sm" data-testid="groups-tab">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="groups-count">
          {groups && groups.length > 0 ? t('list.count', { count: groups.length, formatted: formatCount(groups.length, lang) }) : t('list.intro')}
        </Text>
        {groups !== null && groups.length > 0 && newButton}
      </Group>
      {body}
      <GroupFormModal
        channelId={channelId}
        group={editing}
        opened={formOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(g, created) => {
          notify({ tone: 'success', message: created ? t('form.created', { name: g.name }) : t('form.saved') });
          void reload();
        }}
      />
      <DeleteGroupModal group={deleting} onClose={() => setDeleting(null)} onDeleted={() => void reload()} />
    </Stack>
  );
}
