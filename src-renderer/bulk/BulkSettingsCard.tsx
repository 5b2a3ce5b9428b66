import { Badge, Button, Group, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPT_OUT_KEYWORD_MAX_CHARS, OPT_OUT_KEYWORDS_MAX, type CampaignSettings } from '../../src-shared/api/campaigns';
import { cleanName } from '../../src-shared/domain/text';
import { api } from '../api/client';
import { fieldErrors, toApiError, type ApiError } from '../api/errors';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { SectionCard } from '../components/SectionCard';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { FormError } from '../components/FormError';

/** The select's value for "the computer's own zone" (no zone chosen: the server follows the computer). */
const OWN_ZONE = '';

/**
 * Bulk sending settings: the zone send windows and daily caps are counted in, and the business's own opt-out
 * replies beside the built-in ones. The campaign engine reads both on every step, so a change applies at once.
 */
export function BulkSettingsCard() {
  const { t } = useTranslation('bulk');
  return (
    <SectionCard title={t('settings.title')} description={t('settings.text')} testId="bulk-settings">
      <BulkSettingsForm />
    </SectionCard>
  );
}

/** The fields alone, for the Settings page's card and for the campaign form's pacing area (in a dialog). */
export function BulkSettingsForm({ onSaved }: { onSaved?(settings: CampaignSettings): void }) {
  const { t } = useTranslation('bulk');
  const errorText = useErrorText();
  const [saved, setSaved] = useState<CampaignSettings | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [zone, setZone] = useState(OWN_ZONE);
  const [keywords, setKeywords] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error, ['timeZone', 'optOutKeywords']);

  const load = () => {
    setLoadError(null);
    api.call('campaigns.settings', {}).then(show, (err) => setLoadError(toApiError(err)));
  };
  const show = (s: CampaignSettings) => {
    setSaved(s);
    setZone(s.timeZoneIsDefault ? OWN_ZONE : s.timeZone);
    setKeywords(s.optOutKeywords);
  };
  useEffect(load, []);

  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  if (loadError) return <ErrorState error={loadError} onRetry={load} />;
  if (!saved) return <LoadingState rows={2} />;

  const ownZoneLabel = t('settings.ownZone', {
    zone: saved.timeZoneIsDefault ? saved.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const zoneOptions = [{ value: OWN_ZONE, label: ownZoneLabel }, ...zones.map((z) => ({ value: z, label: z }))];
  const savedZone = saved.timeZoneIsDefault ? OWN_ZONE : saved.timeZone;
  const dirty = zone !== savedZone || keywords.join('\n') !== saved.optOutKeywords.join('\n');
  const tooLong = keywords.find((k) => cleanName(k).length > OPT_OUT_KEYWORD_MAX_CHARS);
  // Caught here so the message can name the word; the server checks the same limits for scripts and the CLI.
  const keywordProblem = tooLong
    ? t('settings.wordTooLong', { word: shorten(cleanName(tooLong)), max: OPT_OUT_KEYWORD_MAX_CHARS })
    : keywords.length > OPT_OUT_KEYWORDS_MAX
      ? t('settings.tooManyWords', { max: OPT_OUT_KEYWORDS_MAX })
      : undefined;

  async function save() {
    const next = await run(() => api.call('campaigns.settings.update', { timeZone: zone === OWN_ZONE ? null : zone, optOutKeywords: keywords }));
    if (next) {
      show(next);
      notify({ tone: 'success', message: t('settings.saved') });
      onSaved?.(next);
    }
  }

  return (
    <Stack gap="md">
      <FormError error={errors['']} />
      <Select
        label={t('settings.zone')}
        description={t('settings.zoneHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        data={zoneOptions}
        value={zone}
        onChange={(v) => setZone(v ?? OWN_ZONE)}
        allowDeselect={false}
        searchable
        nothingFoundMessage={t('settings.noZone')}
        error={errorText(errors.timeZone)}
        data-testid="bulk-settings-zone"
      />
      <div>
        <Text size="sm" fw={500}>
          {t('settings.builtIn')}
        </Text>
        <Group gap={6} mt={6} data-testid="bulk-settings-builtin">
          {saved.builtInOptOutKeywords.map((k) => (
            <Badge key={k} variant="light" color="gray" tt="none">
              {k}
            </Badge>
          ))}
        </Group>
      </div>
      <TagsInput
        label={t('settings.own')}
        description={t('settings.ownHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        placeholder={t('settings.ownPlaceholder')}
        value={keywords}
        onChange={setKeywords}
        splitChars={[',']}
        clearable
        error={keywordProblem ?? errorText(errors.optOutKeywords)}
        data-testid="bulk-settings-keywords"
      />
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy} disabled={!dirty || keywordProblem !== undefined} data-testid="bulk-settings-save">
          {t('common:actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A refused word quoted in full would push the reason off the line; its start is enough to find it. */
function shorten(word: string): string {
  return word.length > 24 ? `${word.slice(0, 24)}…` : word;
}
