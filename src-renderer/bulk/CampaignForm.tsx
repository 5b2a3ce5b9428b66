import { Alert, Anchor, Button, Checkbox, Grid, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api/channels';
import type { CampaignDetail, CampaignPreview, CampaignWarning } from '../../src-shared/api/campaigns';
import { api, toApiError, type ApiError } from '../api/client';
import { IconArrowLeft } from '../components/icons';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { formatDateTime } from '../contacts/util';
import { href, navigate } from '../router/hash';
import {
  allPartsInput,
  draftOf,
  draftProblems,
  emptyDraft,
  pacingInput,
  partsInput,
  scheduledMs,
  type DraftAction,
  type DraftProblem,
  type FormDraft,
} from './draft';
import { PacingFields } from './PacingFields';
import { PartsEditor } from './PartsEditor';
import { PreviewPanel, type RecipientChoice } from './PreviewPanel';
import { contactLabel, RecipientsPicker } from './RecipientsPicker';
import { WarningModal } from './WarningModal';
import { bulkPath, campaignPath } from './paths';

/** Create Bulk Message (or edit a draft): details, recipients, the parts, pacing, a schedule, and a live preview. */
export function CampaignForm({ channel, campaignId }: { channel: Channel; campaignId: number | null }) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [draft, setDraft] = useState<FormDraft | null>(campaignId === null ? emptyDraft() : null);
  const [loaded, setLoaded] = useState<CampaignDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedId, setSavedId] = useState<number | null>(campaignId);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [warning, setWarning] = useState<CampaignWarning | null>(null);
  const [asking, setAsking] = useState<DraftAction | null>(null);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [choices, setChoices] = useState<RecipientChoice[]>([]);
  const { busy, error, run, clearError } = useAction();

  useEffect(() => {
    void api.call('campaigns.warning', { channelId: channel.id }).then(setWarning, () => undefined);
  }, [channel.id]);

  useEffect(() => {
    if (campaignId === null) return;
    let live = true;
    (async () => {
      const c = await api.call('campaigns.get', { id: campaignId });
      const labels = new Map<number, string>();
      await Promise.all(
        c.contactIds.slice(0, 200).map(async (id) => {
          const contact = await api.call('contacts.get', { id }).catch(() => null);
          if (contact) labels.set(id, contactLabel(contact));
        }),
      );
      if (!live) return;
      setLoaded(c);
      setDraft(draftOf(c, (id) => labels.get(id) ?? `#${id}`));
    })().catch((err) => live && setLoadError(toApiError(err)));
    return () => {
      live = false;
    };
  }, [campaignId]);

  const groupKey = draft?.groupIds.join(',') ?? '';
  const contactKey = draft?.contacts.map((c) => c.id).join(',') ?? '';
  useEffect(() => {
    if (!draft) return;
    let live = true;
    (async () => {
      const out: RecipientChoice[] = draft.contacts.map((c) => ({ value: String(c.id), label: c.label }));
      for (const groupId of draft.groupIds.slice(0, 3)) {
        const page = await api.call('groups.members', { groupId: Number(groupId), limit: 15 }).catch(() => null);
        for (const m of page?.items ?? []) {
          if (!m.optedOut && !out.some((o) => o.value === String(m.id))) out.push({ value: String(m.id), label: contactLabel(m) });
        }
      }
      if (live) setChoices(out);
    })();
    return () => {
      live = false;
    };
  }, [groupKey, contactKey]);

  const previewInput = useMemo(() => {
    if (!draft) return null;
    if (loaded && !dirty) return { campaignId: loaded.id };
    const parts = partsInput(draft.parts);
    return {
      channelId: channel.id,
      groupIds: draft.groupIds.map(Number),
      contactIds: draft.contacts.map((c) => c.id),
      ...(parts.length > 0 ? { parts } : {}),
      pacing: pacingInput(draft.pacing),
    };
  }, [draft, loaded, dirty, channel.id]);

  if (loadError) return <ErrorState error={loadError} />;
  if (!draft) return <LoadingState rows={3} testId="bulk-form-loading" />;

  const edit = (patch: Partial<FormDraft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
    setProblems([]);
    clearError();
  };
  const problemText = (p: DraftProblem | undefined) => (p ? t(`form.problems.${p.key}`) : undefined);
  const errorFor = (field: string) => problemText(problems.find((p) => p.field === field)) ?? (error && error.field === field ? errorText(error) : undefined);
  const fieldPrefix = (prefix: string) =>
    problemText(problems.find((p) => p.field.startsWith(prefix))) ?? (error?.field?.startsWith(prefix) ? errorText(error) : undefined);
  const known = (f: string | undefined) =>
    f !== undefined && (['title', 'description', 'scheduledAt'].includes(f) || /^(parts|pacing|groupIds|contactIds)/.test(f));

  const submit = async (action: DraftAction, justAcknowledged = false) => {
    const found = draftProblems(draft, action, Date.now());
    setProblems(found);
    if (found.length > 0) return;
    if (action !== 'draft' && !justAcknowledged && !warning?.acknowledgedAt) {
      setAsking(action);
      return;
    }
    const scheduledAt = action === 'schedule' ? scheduledMs(draft) : undefined;
    const body = {
      title: draft.title,
      description: draft.description,
      groupIds: draft.groupIds.map(Number),
      contactIds: draft.contacts.map((c) => c.id),
      parts: allPartsInput(draft.parts),
      pacing: pacingInput(draft.pacing),
    };
    const saved = await run(async () => {
      const c =
        savedId === null
          ? await api.call('campaigns.create', { channelId: channel.id, ...body, ...(scheduledAt !== undefined ? { scheduledAt } : {}) })
          : await api.call('campaigns.update', { id: savedId, ...body, scheduledAt: scheduledAt ?? null });
      // Saved already: if starting fails, the next try updates this draft instead of making another one.
      setSavedId(c.id);
      return action === 'start' ? api.call('campaigns.start', { id: c.id }) : c;
    });
    if (!saved) return;
    if (action === 'start') notify({ tone: 'success', message: t('form.started') });
    else if (action === 'schedule') notify({ tone: 'success', message: t('form.scheduled', { when: formatDateTime(saved.scheduledAt, lang) }) });
    else notify({ tone: 'success', message: t('form.saved') });
    navigate(campaignPath(channel.id, saved.id));
  };

  const section = (title: string, children: ReactNode, hint?: string) => (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <div>
          <Title order={5}>{title}</Title>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );

  return (
    <Stack gap="md" data-testid="bulk-form">
      <Group justify="space-between">
        <Group gap="xs">
          <Anchor href={href(loaded ? campaignPath(channel.id, loaded.id) : bulkPath(channel.id))} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} />
              {t('form.back')}
            </Group>
          </Anchor>
        </Group>
      </Group>
      <Title order={3}>{campaignId === null ? t('form.newTitle') : t('form.editTitle')}</Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {section(
              t('form.details'),
              <>
                <TextInput
                  label={t('form.title')}
                  placeholder={t('form.titlePlaceholder')}
                  required
                  value={draft.title}
                  onChange={(e) => edit({ title: e.currentTarget.value })}
                  error={errorFor('title')}
                  data-testid="bulk-title"
                />
                <Textarea
                  label={t('form.description')}
                  placeholder={t('form.descriptionPlaceholder')}
                  autosize
                  minRows={2}
                  value={draft.description}
                  onChange={(e) => edit({ description: e.currentTarget.value })}
                  error={errorFor('description')}
                  data-testid="bulk-description"
                />
              </>,
            )}
            {section(
              t('form.recipients'),
              <RecipientsPicker
                channelId={channel.id}
                groupIds={draft.groupIds}
                contacts={draft.contacts}
                onGroups={(groupIds) => edit({ groupIds })}
                onContacts={(contacts) => edit({ contacts })}
                error={fieldPrefix('groupIds') ?? fieldPrefix('contactIds')}
              />,
            )}
            {section(t('form.parts'), <PartsEditor channelId={channel.id} parts={draft.parts} onChange={(parts) => edit({ parts })} errorFor={errorFor} />, t('form.partsHint'))}
            {section(
              t('form.pacing'),
              <PacingFields
                pacing={draft.pacing}
                onChange={(pacing) => edit({ pacing })}
                demo={channel.demo}
                warmupCap={preview?.effectiveDailyCap ?? null}
                errorFor={(f) => errorFor(f) ?? (f === 'pacing.window.start' ? fieldPrefix('pacing.window') : undefined)}
              />,
            )}
            {section(
              t('form.schedule'),
              <>
                <Checkbox label={t('form.schedule')} checked={draft.scheduleOn} onChange={(e) => edit({ scheduleOn: e.currentTarget.checked })} data-testid="bulk-schedule" />
                {draft.scheduleOn && (
                  <TextInput
                    type="datetime-local"
                    label={t('form.scheduleAt')}
                    value={draft.scheduledAt}
                    onChange={(e) => edit({ scheduledAt: e.currentTarget.value })}
                    error={errorFor('scheduledAt')}
                    data-testid="bulk-schedule-at"
                    w={260}
                  />
                )}
              </>,
            )}
            {error && !known(error.field) && (
              <Alert color="red" variant="light" data-testid="bulk-form-error">
                {errorText(error)}
              </Alert>
            )}
            {(problems.length > 0 || (error && known(error.field))) && (
              <Text size="sm" c="red" ta="right" data-testid="bulk-form-fix">
                {t('form.fixFields')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" loading={busy} onClick={() => void submit('draft')} data-testid="bulk-save-draft">
                {savedId === null ? t('form.saveDraft') : t('form.saveChanges')}
              </Button>
              {draft.scheduleOn ? (
                <Button loading={busy} disabled={!draft.scheduledAt} onClick={() => void submit('schedule')} data-testid="bulk-schedule-submit">
                  {t('form.scheduleButton')}
                </Button>
              ) : (
                <Button loading={busy} onClick={() => void submit('start')} data-testid="bulk-start">
                  {t('form.startNow')}
                </Button>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <div style={{ position: 'sticky', top: 16 }}>
            <PreviewPanel input={previewInput} choices={choices} onPreview={setPreview} />
          </div>
        </Grid.Col>
      </Grid>
      <WarningModal
        warning={asking ? warning : null}
        onClose={() => setAsking(null)}
        onAccepted={(w) => {
          setWarning(w);
          const action = asking;
          setAsking(null);
          if (action) void submit(action, true);
        }}
      />
    </Stack>
  );
}
