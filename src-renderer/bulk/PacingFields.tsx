import { Anchor, Button, Group, Modal, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { BulkSettingsForm } from './BulkSettingsCard';
import { DEMO_PACING, type PacingDraft } from './draft';

interface Props {
  pacing: PacingDraft;
  onChange(p: PacingDraft): void;
  demo: boolean;
  /** The cap in force today for this number (from the preview). */
  warmupCap: number | null;
  errorFor(field: string): string | undefined;
}

/** Delays, the longer pause, the daily cap and the send window, starting from the safe defaults. */
export function PacingFields({ pacing, onChange, demo, warmupCap, errorFor }: Props) {
  const { t } = useTranslation('bulk');
  const set = (patch: Partial<PacingDraft>) => onChange({ ...pacing, ...patch });
  const numberField = (key: keyof PacingDraft, label: string, extra: { description?: string; placeholder?: string } = {}) => (
    <TextInput
      label={label}
      inputMode="numeric"
      value={pacing[key] as string}
      onChange={(e) => set({ [key]: e.currentTarget.value.replace(/[^\d]/g, '') } as Partial<PacingDraft>)}
      error={errorFor(`pacing.${key}`)}
      data-testid={`pacing-${key}`}
      {...extra}
    />
  );
  return (
    <>
      <Text size="xs" c="dimmed">
        {t('form.pacingHint')} {demo ? t('form.demoPacing') : ''}
      </Text>
      {demo && (
        <Button variant="light" size="xs" onClick={() => onChange({ ...DEMO_PACING })} data-testid="pacing-demo" style={{ alignSelf: 'flex-start' }}>
          {t('form.demoPacingButton')}
        </Button>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {numberField('delayMinSec', t('form.delayMin'))}
        {numberField('delayMaxSec', t('form.delayMax'))}
        {numberField('pauseEvery', t('form.pauseEvery'))}
        {numberField('dailyCap', t('form.dailyCap'), {
          description: warmupCap === null ? undefined : demo && pacing.dailyCap === '' ? t('form.dailyCapDemo') : t('form.dailyCapHint', { cap: warmupCap }),
        })}
        {numberField('pauseMinSec', t('form.pauseMin'))}
        {numberField('pauseMaxSec', t('form.pauseMax'))}
      </SimpleGrid>
      <Switch
        label={pacing.windowOn ? t('form.window') : t('form.anyTime')}
        checked={pacing.windowOn}
        onChange={(e) => set({ windowOn: e.currentTarget.checked })}
        data-testid="pacing-window"
      />
      {pacing.windowOn && (
        <Group gap="sm">
          <TextInput type="time" label={t('form.windowStart')} value={pacing.start} onChange={(e) => set({ start: e.currentTarget.value })} error={errorFor('pacing.window.start')} />
          <TextInput type="time" label={t('form.windowEnd')} value={pacing.end} onChange={(e) => set({ end: e.currentTarget.value })} error={errorFor('pacing.window.end')} />
        </Group>
      )}
      <ZoneNote />
    </>
  );
}

/**
 * Which zone the window and the cap are counted in, with the app-wide settings in a dialog: leaving for the
 * Settings page would lose the half-written campaign.
 */
function ZoneNote() {
  const { t } = useTranslation('bulk');
  const [zone, setZone] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void api.call('campaigns.settings', {}).then((s) => setZone(s.timeZone), () => undefined);
  }, []);
  if (zone === null) return null;
  return (
    <>
      <Text size="xs" c="dimmed" data-testid="pacing-zone">
        {t('form.zoneNote', { zone })}{' '}
        <Anchor component="button" type="button" size="xs" onClick={() => setOpen(true)} data-testid="pacing-zone-change">
          {t('form.zoneChange')}
        </Anchor>
      </Text>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('settings.title')} size="lg">
        <Text size="sm" c="dimmed" mb="md">
          {t('settings.text')}
        </Text>
        <BulkSettingsForm
          onSaved={(s) => {
            setZone(s.timeZone);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
