import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, InputOf } from '../../../src-shared/api';
import { fieldErrors } from '../../api/errors';
import { useAction } from '../../components/useAction';
import { IconFlask, IconQrCode } from '../../components/icons';
import { notify } from '../../components/notices';
import { SectionCard } from '../../components/SectionCard';
import { useErrorText } from '../../components/useErrorText';
import { DemoBadge } from '../../channels/badges';
import { CountrySelect } from '../../channels/CountrySelect';
import { phonePreview } from '../../channels/phone-hint';
import { useChannels } from '../../channels/store';
import { FormError } from '../../components/FormError';

const FIELDS = ['name', 'phone', 'defaultCountry'] as const;

interface Draft {
  name: string;
  phone: string;
  defaultCountry: string;
}

const draftOf = (c: Channel): Draft => ({ name: c.name, phone: c.phoneDisplay, defaultCountry: c.defaultCountry });

/** The seed's "Channel Name" and "Phone Number": edited in place, saved together, errors under their fields. */
export function ChannelSettingsCard({ channel }: { channel: Channel }) {
  const { t } = useTranslation('channels');
  const errorText = useErrorText();
  const update = useChannels((s) => s.update);
  const [draft, setDraft] = useState<Draft>(() => draftOf(channel));
  const { busy, error, run, clearError } = useAction();

  const saved = draftOf(channel);
  const dirty = draft.name !== saved.name || draft.phone !== saved.phone || draft.defaultCountry !== saved.defaultCountry;

  // Edits made elsewhere (another window, the CLI) show up here unless the user is in the middle of their own;
  // only a newer saved channel resets the form, never a keystroke.
  const savedAt = channel.updatedAt;
  useEffect(() => {
    if (!dirty) setDraft(draftOf(channel));
  }, [savedAt]);

  const errors = fieldErrors(error, FIELDS);
  const preview = draft.phone !== saved.phone && draft.phone.trim() ? phonePreview(draft.phone, draft.defaultCountry) : null;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty) return;
    const patch: InputOf<'channels.update'> = { id: channel.id };
    if (draft.name !== saved.name) patch.name = draft.name;
    if (draft.phone !== saved.phone) patch.phone = draft.phone;
    if (draft.defaultCountry !== saved.defaultCountry) patch.defaultCountry = draft.defaultCountry;
    const next = await run(() => update(patch));
    if (!next) return;
    setDraft(draftOf(next));
    notify({ tone: 'success', message: t('detail.saved') });
  }

  return (
    <SectionCard title={t('detail.settingsTitle')} description={t('detail.settingsText')} testId="channel-settings">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={errors['']} />
          <TextInput
            label={t('create.name')}
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errorText(errors.name)}
            maxLength={60}
            required
            data-testid="detail-name-input"
          />
          <TextInput
            label={t('create.phone')}
            description={preview ? t('create.willSave', { phone: preview }) : t('create.phoneHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={draft.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
            error={errorText(errors.phone)}
            type="tel"
            maxLength={40}
            required
            data-testid="detail-phone-input"
          />
          <CountrySelect
            label={t('create.country')}
            description={t('create.countryHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={draft.defaultCountry}
            onChange={(v) => v && set({ defaultCountry: v })}
            error={errorText(errors.defaultCountry)}
          />
          <div>
            <Text size="sm" fw={500} mb={6}>
              {t('detail.engine')}
            </Text>
            <Group gap="xs" data-testid="detail-engine">
              {channel.demo ? <IconFlask size={16} /> : <IconQrCode size={16} />}
              <Text size="sm">{t(`engine.${channel.engine}`)}</Text>
              {channel.demo && <DemoBadge size="xs" />}
            </Group>
          </div>
          <Group justify="flex-end" gap="sm" pt="xs">
            {dirty && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => {
                  setDraft(saved);
                  clearError();
                }}
              >
                {t('common:actions.reset')}
              </Button>
            )}
            <Button type="submit" disabled={!dirty} loading={busy} data-testid="detail-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
