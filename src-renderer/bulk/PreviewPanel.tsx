import { Alert, Divider, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview, CampaignPreviewInput } from '../../src-shared/api/campaigns';
import { formatMoney } from '../../src-shared/domain/money';
import { api, toApiError, type ApiError } from '../api/client';
import { useErrorText } from '../components/useErrorText';
import { formatCount } from '../contacts/util';
import { IconPhoto } from './icons';
import { formatDuration } from './model';

export interface RecipientChoice {
  value: string;
  label: string;
}

interface Props {
  /** What to preview, without `contactId`; null when there is nothing to preview yet. */
  input: Omit<CampaignPreviewInput, 'contactId'> | null;
  /** Recipients the user may pick from (the first ones of the chosen groups and contacts). */
  choices: RecipientChoice[];
  onPreview?(p: CampaignPreview | null): void;
}

/** The parts as a chosen recipient gets them, with the recipient count, cost against the balance and the duration. */
export function PreviewPanel({ input, choices, onPreview }: Props) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [contactId, setContactId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(JSON.stringify(input), 250);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const parsed = JSON.parse(debounced) as Props['input'];
    if (!parsed) {
      setPreview(null);
      onPreview?.(null);
      return;
    }
    let live = true;
    api.call('campaigns.preview', { ...parsed, ...(contactId ? { contactId: Number(contactId) } : {}) }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setError(null);
        onPreview?.(p);
      },
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [debounced, contactId]);

  const money = (minor: number) => (preview ? formatMoney(minor, preview.currency, lang === 'tr' ? 'tr-TR' : 'en-US') : '');
  const stat = (label: string, value: string, testId: string, color?: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} c={color} className="wa-nums" data-testid={testId}>
        {value}
      </Text>
    </div>
  );

  return (
    <Paper withBorder radius="md" p="md" data-testid="bulk-preview">
      <Stack gap="sm">
        <Title order={5}>{t('preview.title')}</Title>
        <Select
          label={t('preview.recipient')}
          placeholder={t('preview.firstRecipient')}
          data={choices}
          value={contactId}
          onChange={setContactId}
          clearable
          searchable
          data-testid="bulk-preview-recipient"
        />
        {error && (
          <Alert color="red" variant="light" data-testid="bulk-preview-error">
            {errorText(error)}
          </Alert>
        )}
        {preview && !preview.recipient && (
          <Text size="sm" c="dimmed">
            {t('preview.noRecipient')}
          </Text>
        )}
        {preview?.recipient && (
          <Stack gap={6} className="wa-chat" data-testid="bulk-preview-parts">
            {preview.parts.map((p) => (
              <Paper key={p.position} radius="lg" p="xs" bg="var(--mantine-color-teal-light)" data-testid="bulk-preview-part">
                {p.image && (
                  <Group gap={4} wrap="nowrap">
                    <IconPhoto size={14} />
                    <Text size="xs" fw={600} truncate>
                      {p.image.fileName}
                    </Text>
                  </Group>
                )}
                {p.text !== null && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {p.text}
                  </Text>
                )}
                {p.variant !== null && (
                  <Text size="xs" c="dimmed">
                    {t('preview.variant', { n: p.variant + 1 })}
                  </Text>
                )}
                {p.missing.length > 0 && (
                  <Text size="xs" c="orange">
                    {t('preview.missing', { fields: p.missing.map((f) => `{{${f}}}`).join(', ') })}
                  </Text>
                )}
              </Paper>
            ))}
            <Text size="xs" c="dimmed">
              {preview.picksFinal ? t('preview.exactPicks') : t('preview.onePick')}
            </Text>
          </Stack>
        )}
        {preview && (
          <>
            <Divider />
            <SimpleGrid cols={2} spacing="xs">
              {stat(t('preview.recipients'), formatCount(preview.recipients - preview.optedOut, lang), 'bulk-preview-recipients')}
              {stat(t('preview.optedOut'), formatCount(preview.optedOut, lang), 'bulk-preview-opted-out')}
              {stat(t('preview.messages'), formatCount(preview.messages, lang), 'bulk-preview-messages')}
              {stat(t('preview.cost'), money(preview.costMinor), 'bulk-preview-cost', preview.enoughBalance ? undefined : 'red')}
              {stat(t('preview.balance'), money(preview.balanceMinor), 'bulk-preview-balance')}
              {stat(t('preview.duration'), formatDuration(preview.estimatedMs, t), 'bulk-preview-duration')}
              {stat(t('preview.cap'), preview.demo && preview.pacing.dailyCap === null ? t('preview.noCap') : formatCount(preview.effectiveDailyCap, lang), 'bulk-preview-cap')}
            </SimpleGrid>
            {preview.estimatedMs > 0 && (
              // The estimate counts the waits for the send window and the daily cap, so a long one needs its end time.
              <Text size="xs" c="dimmed" data-testid="bulk-preview-finish">
                {t('preview.finish', {
                  when: new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
                    Date.now() + preview.estimatedMs,
                  ),
                })}
              </Text>
            )}
            {!preview.enoughBalance && (
              <Alert color="orange" variant="light" data-testid="bulk-preview-not-enough">
                <Group gap="xs">{t('preview.notEnough')}</Group>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
