import { ActionIcon, Badge, Checkbox, Group, Text, Tooltip } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupMember } from '../../src-shared/api/groups';
import { IconX } from '../components/icons';
import { ProfileIcon } from '../contacts/icons';
import { tableClasses } from '../contacts/KeysetTable';
import { formatDateTime } from '../contacts/util';

export interface MemberActions {
  toggle: (id: number) => void;
  profile: (id: number) => void;
  remove: (member: GroupMember) => void;
}

/** One member row's cells; memoised with stable actions, so scrolling renders only the rows coming into view. */
export const MemberCells = memo(function MemberCells({
  member,
  selected,
  actions,
  language,
}: {
  member: GroupMember;
  selected: boolean;
  actions: MemberActions;
  language: string;
}) {
  const { t } = useTranslation('groups');
  return (
    <>
      <Checkbox
        aria-label={t('view.selectOne', { name: member.displayName })}
        checked={selected}
        onChange={() => actions.toggle(member.id)}
        data-testid="member-select"
      />
      <Group gap={6} wrap="nowrap" className={tableClasses.cell}>
        <Text size="sm" fw={600} truncate data-testid="member-name">
          {member.displayName}
        </Text>
        {member.optedOut && (
          <Badge size="xs" color="orange" variant="light" title={t('counts.optedOutHint')} data-testid="member-opted-out">
            {t('view.optedOut')}
          </Badge>
        )}
      </Group>
      <Text size="sm" className={tableClasses.cell} data-testid="member-phone">
        {member.phoneDisplay}
      </Text>
      <Text size="sm" c="dimmed" truncate className={`${tableClasses.cell} ${tableClasses.optional}`}>
        {member.email ?? ''}
      </Text>
      <Text size="sm" c="dimmed" className={`${tableClasses.cell} ${tableClasses.optional}`}>
        {formatDateTime(member.addedAt, language)}
      </Text>
      <Group gap={4} wrap="nowrap" className={tableClasses.actions}>
        <Tooltip label={t('contacts:actions.profile')} withinPortal>
          <ActionIcon variant="subtle" color="blue" aria-label={t('contacts:actions.profile')} onClick={() => actions.profile(member.id)}>
            <ProfileIcon />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('view.remove')} withinPortal>
          <ActionIcon variant="subtle" color="red" aria-label={t('view.remove')} onClick={() => actions.remove(member)} data-testid="member-remove">
            <IconX size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </>
  );
});
