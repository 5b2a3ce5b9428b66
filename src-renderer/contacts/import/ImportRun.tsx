import { Alert, Button, Group, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventMap } from '../../../src-shared/api';
import type { ImportPreview, ImportResult } from '../../../src-shared/api/imports';
import { api, toApiError, type ApiError } from '../../api/client';
import { IconCheck } from '../../components/icons';
import { useErrorText } from '../../components/useErrorText';
import { DownloadIcon } from '../icons';
import { formatCount } from '../util';
import { newJobId } from './options';
import { CountBadges } from './PreviewTable';

interface Props {
  channelId: number;
  groupId?: number | undefined;
  preview: ImportPreview;
  path: string;
  result: ImportResult | null;
  onRunning: (running: boolean) => void;
  onFinished: (result: ImportResult) => void;
  onBack: () => void;
  onClose: () => void;
}

type Progress = EventMap['import.progress'];

/** Runs the import exactly as previewed (same reading options and mapping), with progress, cancel and a summary. */
export function ImportRun({ channelId, groupId, preview, path, result, onRunning, onFinished, onBack, onClose }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const jobId = useRef<string | null>(null);

  useEffect(() => {
    // Strict mode mounts twice in development; an import must start once.
    if (jobId.current !== null || result !== null) return;
    const id = newJobId('import');
    jobId.current = id;
    const off = api.on('import.progress', (e) => {
      if (e.jobId === id) setProgress(e);
    });
    onRunning(true);
    api
      .call('contacts.import', {
        channelId,
        path,
        jobId: id,
        hasHeader: preview.hasHeader,
        mapping: preview.mapping,
        defaultCountry: preview.defaultCountry,
        duplicatePolicy: preview.duplicatePolicy,
        ...(preview.separator ? { separator: preview.separator } : {}),
        ...(preview.encoding ? { encoding: preview.encoding } : {}),
        ...(preview.sheet ? { sheet: preview.sheet } : {}),
        ...(groupId !== undefined ? { groupId } : {}),
      })
      .then(onFinished, (err) => setError(toApiError(err)))
      .finally(() => {
        off();
        onRunning(false);
      });
  }, [channelId, groupId, path, preview, result, onFinished, onRunning]);

  const cancel = async () => {
    if (!jobId.current) return;
    setCancelling(true);
    try {
      await api.call('imports.cancel', { jobId: jobId.current });
    } catch (err) {
      setError(toApiError(err));
      setCancelling(false);
    }
  };

  if (error) {
    return (
      <Stack>
        <Alert color="red" title={t('import.failed')} data-testid="import-error">
          {errorText(error)}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack}>
            {t('import.backToPreview')}
          </Button>
        </Group>
      </Stack>
    );
  }

  if (result) {
    const cancelled = result.status === 'cancelled';
    return (
      <Stack gap="md" data-testid="import-summary" data-status={result.status}>
        <Group gap="md">
          <ThemeIcon size={48} radius={24} color={cancelled ? 'orange' : 'teal'} variant="light">
            <IconCheck size={26} />
          </ThemeIcon>
          <div>
            <Title order={3}>{cancelled ? t('import.cancelledTitle') : t('import.doneTitle')}</Title>
            <Text size="sm" c="dimmed">
              {cancelled
                ? result.savedThroughRow === null
                  ? t('import.cancelledNothing')
                  : t('import.cancelledThrough', { row: result.savedThroughRow })
                : t('import.doneText', { seconds: (result.durationMs / 1000).toFixed(1) })}
            </Text>
          </div>
        </Group>
        <CountBadges counts={result.counts} testId="import-result" />
        <Group justify="flex-end">
          {result.reportPath && (
            <Button
              variant="light"
              color="red"
              leftSection={<DownloadIcon />}
              onClick={() => void api.download(result.reportPath!, 'rejected-rows.csv').catch((err) => setError(toApiError(err)))}
              data-testid="import-report"
            >
              {t('import.report')}
            </Button>
          )}
          <Button onClick={onClose} data-testid="import-close">
            {t('common:actions.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const fraction = progress?.fraction ?? 0;
  return (
    <Stack gap="md" data-testid="import-running">
      <Text fw={600}>
        {progress?.phase === 'indexing' ? t('import.indexing') : t('import.importing', { name: preview.file.name })}
      </Text>
      <Progress value={fraction * 100} size="lg" striped animated data-testid="import-progress" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('import.processed', {
            done: formatCount(progress?.processed ?? 0, lang),
            total: formatCount(preview.counts.total, lang),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {Math.round(fraction * 100)}%
        </Text>
      </Group>
      {progress?.counts && <CountBadges counts={progress.counts} testId="import-live" />}
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={() => void cancel()} loading={cancelling} data-testid="import-cancel">
          {t('import.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
