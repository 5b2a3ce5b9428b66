import { Group, Radio, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Engine } from '../../src-shared/api';
import { IconFlask, IconQrCode } from '../components/icons';

const ENGINE_OPTIONS: { value: Engine; icon: typeof IconQrCode; color: string }[] = [
  { value: 'wwebjs', icon: IconQrCode, color: 'teal' },
  { value: 'simulator', icon: IconFlask, color: 'grape' },
];

/** Real WhatsApp or the simulator, as two cards that explain what each means. */
export function EngineChoice({ value, onChange }: { value: Engine; onChange: (engine: Engine) => void }) {
  const { t } = useTranslation('channels');
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as Engine)} label={t('create.engine')}>
      <Stack gap="xs" mt={6}>
        {ENGINE_OPTIONS.map(({ value: engine, icon: Icon, color }) => (
          <Radio.Card
            key={engine}
            value={engine}
            radius="md"
            p="sm"
            className="wa-radio-card"
            data-testid={`engine-${engine}`}
          >
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <ThemeIcon variant="light" color={color} radius="md" size={34}>
                <Icon size={18} />
              </ThemeIcon>
              <div>
                <Text fw={600} size="sm">
                  {t(`engine.${engine}`)}
                </Text>
                <Text c="dimmed" size="xs" mt={2}>
                  {t(`engine.${engine}Hint`)}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}
