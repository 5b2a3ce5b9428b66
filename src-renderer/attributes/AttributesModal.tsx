import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttributesPanel } from './AttributesPanel';

export function AttributesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('attributes');
  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} size="xl" data-testid="attributes-modal">
      <AttributesPanel />
    </Modal>
  );
}
