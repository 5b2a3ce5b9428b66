import { useTranslation } from 'react-i18next';
import type { CustomerGroup } from '../../src-shared/api/groups';
import { api } from '../api/client';
import { notify } from '../components/notices';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { formatCount } from '../contacts/util';

interface Props {
  group: CustomerGroup | null;
  onClose: () => void;
  onDeleted: (group: CustomerGroup) => void;
}

/** Asks first, saying plainly that the contacts stay; drafts that aimed at the group are reported after. */
export function DeleteGroupModal({ group, onClose, onDeleted }: Props) {
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const remove = async () => {
    if (!group) return;
    const result = await api.call('groups.delete', { id: group.id });
    notify({ tone: 'success', message: t('delete.done', { name: group.name }) });
    if (result.draftsAffected > 0) notify({ tone: 'info', message: t('delete.drafts', { count: result.draftsAffected }) });
    onDeleted(group);
  };
  return (
    <ConfirmModal
      opened={group !== null}
      title={t('delete.title')}
      message={group ? t('delete.text', { name: group.name, formatted: formatCount(group.memberCount, lang) }) : ''}
      confirmLabel={t('delete.confirm')}
      onConfirm={remove}
      onClose={onClose}
    />
  );
}
