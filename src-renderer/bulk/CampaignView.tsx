import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api/channels';
import { SELF_CLEARING_PAUSES, UNIT_STATES, type CampaignWarning, type UnknownAction } from '../../src-shared/api/campaigns';
import { api } from '../api/client';
import { IconAlert, IconArrowLeft, IconInfo } from '../components/icons';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { formatCount, formatDateTime } from '../contacts/util';
import { href, navigate } from '../router/hash';
import { IconPhoto } from './icons';
import { progressOf, STATUS_COLOR, UNIT_COLOR, waitText } from './model';
import { bulkPath, campaignPath, editCampaignPath } from './paths';
import { ResultsTable } from './ResultsTable';
import { useCampaign } from './useCampaign';
import { WarningModal } from './WarningModal';

/** A second's tick, so "next message in 23 s" counts down between events. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/** One bulk message: live progress (counts per state, the current wait and why, ETA), controls and per-recipient results. */
export function CampaignView({ channel, campaignId }: { channel: Channel; campaignId: number }) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const { campaign, error, reload, setCampaign, version } = useCampaign(campaignId);
  const now = useNow(campaign?.status === 'sending');
  const action = useAction();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [warning, setWarning] = useState<CampaignWarning | null>(null);

  if (!campaign && error) return <ErrorState error={error} onRetry={() => void reload()} title={t('view.notFound')} />;
  if (!campaign) return <LoadingState rows={2} testId="bulk-view-loading" />;
  const c = campaign;

  const act = async (name: 'start' | 'pause' | 'resume' | 'duplicate', message: string) => {
    const done = await action.run(() => api.call(`campaigns.${name}`, { id: c.id }));
    if (!done) {
      return;
    }
    notify({ tone: 'success', message });
    if (name === 'duplicate') navigate(campaignPath(channel.id, done.id));
    else setCampaign(done);
  };

  const start = async () => {
    const w = await action.run(() => api.call('campaigns.warning', { channelId: channel.id }));
    if (!w) return;
    if (!w.acknowledgedAt) setWarning(w);
    else await act('start', t('form.started'));
  };

  const resolve = async (how: UnknownAction) => {
    const done = await action.run(() => api.call('campaigns.resolveUnknown', { campaignId: c.id, action: how }));
    if (!done) return;
    notify({ tone: 'success', message: t('view.resolved', { count: done.units }) });
    setCampaign(done.campaign);
  };

  const cancel = async () => {
    const done = await api.call('campaigns.cancel', { id: c.id });
    notify({ tone: 'success', message: t('view.cancelled') });
    setCampaign(done);
  };

  const { sendable, percent } = progressOf(c.counts);
  const editable = c.status === 'draft' || c.status === 'scheduled';
  // A pause that clears by itself (the channel reconnects, the wallet is topped up) needs no Resume; Hold makes it wait for the user.
  const selfClearing = c.status === 'paused' && c.pauseReason !== null && SELF_CLEARING_PAUSES.includes(c.pauseReason);
  const pauseText = c.pauseDetail ? (lang === 'tr' ? c.pauseDetail.tr : c.pauseDetail.en) : null;

  return (
    <Stack gap="md" data-testid="bulk-view" data-status={c.status}>
      <Anchor href={href(bulkPath(channel.id))} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('view.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={3} data-testid="bulk-view-title">
              {c.title}
            </Title>
            <Badge color={STATUS_COLOR[c.status]} variant="light" size="lg" data-testid="bulk-view-status">
              {t(`status.${c.status}`)}
            </Badge>
          </Group>
          {c.description && <Text c="dimmed">{c.description}</Text>}
          <Text size="xs" c="dimmed" mt={4}>
            {[
              t('view.created', { when: formatDateTime(c.createdAt, lang) }),
              c.scheduledAt && c.status === 'scheduled' ? t('view.scheduledFor', { when: formatDateTime(c.scheduledAt, lang) }) : null,
              c.startedAt ? t('view.startedAt', { when: formatDateTime(c.startedAt, lang) }) : null,
              c.finishedAt ? t('view.finishedAt', { when: formatDateTime(c.finishedAt, lang) }) : null,
              t('view.recipientsLine', { recipients: formatCount(c.recipients, lang), optedOut: formatCount(c.optedOut, lang) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {c.duplicatedFrom !== null && (
            <Anchor href={href(campaignPath(channel.id, c.duplicatedFrom))} size="xs" data-testid="bulk-copy-of">
              {t('view.copyOf', { id: c.duplicatedFrom })}
            </Anchor>
          )}
        </div>
        <Group gap="xs">
          {editable && (
            <Button variant="default" component="a" href={href(editCampaignPath(channel.id, c.id))} data-testid="bulk-edit">
              {t('view.edit')}
            </Button>
          )}
          {editable && (
            <Button loading={action.busy} onClick={() => void start()} data-testid="bulk-view-start">
              {t('view.start')}
            </Button>
          )}
          {(c.status === 'sending' || selfClearing) && (
            <Button variant="light" color="orange" loading={action.busy} onClick={() => void act('pause', t('view.paused'))} data-testid="bulk-pause">
              {selfClearing ? t('view.hold') : t('view.pause')}
            </Button>
          )}
          {c.status === 'paused' && !selfClearing && (
            <Button loading={action.busy} onClick={() => void act('resume', t('view.resumed'))} data-testid="bulk-resume">
              {t('view.resume')}
            </Button>
          )}
          <Button variant="default" loading={action.busy} onClick={() => void act('duplicate', t('view.duplicated'))} data-testid="bulk-duplicate">
            {t('view.duplicate')}
          </Button>
          {c.status !== 'completed' && c.status !== 'cancelled' && (
            <Button variant="subtle" color="red" onClick={() => setConfirmCancel(true)} data-testid="bulk-cancel">
              {t('view.cancel')}
            </Button>
          )}
        </Group>
      </Group>

      {action.error && (
        <Alert color="red" variant="light" data-testid="bulk-view-error">
          {errorText(action.error)}
        </Alert>
      )}
      {c.notices.map((n, i) => (
        <Alert key={i} color="yellow" variant="light" icon={<IconInfo size={18} />} data-testid="bulk-notice">
          {lang === 'tr' ? n.tr : n.en}
        </Alert>
      ))}
      {c.status === 'paused' && pauseText && (
        <Alert color="orange" variant="light" icon={<IconAlert size={18} />} data-testid="bulk-pause-reason" data-reason={c.pauseReason ?? ''}>
          {pauseText}
        </Alert>
      )}
      {c.status === 'sending' && c.wait && (
        <Alert color="blue" variant="light" icon={<IconInfo size={18} />} data-testid="bulk-wait" data-reason={c.wait.reason}>
          {waitText(c.wait, now, lang, t)}
        </Alert>
      )}
      {c.counts.unknown > 0 && (
        <Alert color="grape" variant="light" title={t('view.unknownTitle', { count: c.counts.unknown })} data-testid="bulk-unknown">
          <Stack gap="xs">
            <Text size="sm">{t('view.unknownText')}</Text>
            <Group gap="xs">
              {c.status !== 'cancelled' && (
                <Button size="xs" onClick={() => void resolve('resend')} data-testid="bulk-unknown-resend">
                  {t('view.resend')}
                </Button>
              )}
              <Button size="xs" variant="default" onClick={() => void resolve('mark_sent')} data-testid="bulk-unknown-sent">
                {t('view.markSent')}
              </Button>
              <Button size="xs" variant="default" color="red" onClick={() => void resolve('mark_failed')} data-testid="bulk-unknown-failed">
                {t('view.markFailed')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" fw={600} className="wa-nums" data-testid="bulk-progress-text">
              {t('list.progress', { sent: formatCount(c.counts.sent, lang), total: formatCount(sendable, lang) })}
            </Text>
            {c.etaAt !== null && c.status === 'sending' && (
              <Text size="sm" c="dimmed" data-testid="bulk-eta">
                {t('view.eta', { when: formatDateTime(c.etaAt, lang) })}
              </Text>
            )}
          </Group>
          <Progress value={percent} size="lg" radius="xl" />
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 9 }} spacing="xs">
            {[...UNIT_STATES, 'delivered' as const, 'read' as const].map((state) => (
              <Paper key={state} withBorder radius="sm" p={6} data-testid={`bulk-count-${state}`}>
                <Text size="xs" c={state in UNIT_COLOR ? UNIT_COLOR[state as keyof typeof UNIT_COLOR] : 'teal'}>
                  {t(`units.${state}`)}
                </Text>
                <Text fw={700} className="wa-nums" data-testid="bulk-count-value">
                  {formatCount(c.counts[state], lang)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Title order={5}>{t('view.parts')}</Title>
          {c.parts.map((p, i) => (
            <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="bulk-view-part">
              <b>{i + 1}.</b>{' '}
              {p.kind === 'image' && <IconPhoto size={14} style={{ verticalAlign: -2, marginRight: 4 }} />}
              {p.kind === 'text' ? p.text : p.kind === 'random_text' ? p.variants.join('  |  ') : `${p.fileName}${p.caption ? ` — ${p.caption}` : ''}`}
            </Text>
          ))}
        </Stack>
      </Paper>

      <ResultsTable campaignId={c.id} version={version} />

      <ConfirmModal
        opened={confirmCancel}
        title={t('view.cancelTitle')}
        message={t('view.cancelText', { title: c.title })}
        confirmLabel={t('view.cancelConfirm')}
        onConfirm={cancel}
        onClose={() => setConfirmCancel(false)}
      />
      <WarningModal
        warning={warning}
        onClose={() => setWarning(null)}
        onAccepted={() => {
          setWarning(null);
          void act('start', t('form.started'));
        }}
      />
    </Stack>
  );
}
