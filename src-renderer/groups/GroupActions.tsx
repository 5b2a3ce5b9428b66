import { ActionIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconTrash } from '../components/icons';
import { EditIcon } from './icons';

/** A group's edit and delete buttons, the same in the group list's rows and on the group's own page. */
export function GroupActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation('groups');
  return (
    <>
      <Tooltip label={t('list.edit')} withinPortal>
        <ActionIcon variant="subtle" color="gray" aria-label={t('list.edit')} onClick={onEdit} data-testid="group-edit">
          <EditIcon />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('list.delete')} withinPortal>
        <ActionIcon variant="subtle" color="red" aria-label={t('list.delete')} onClick={onDelete} data-testid="group-delete">
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
    </>
  );
}
