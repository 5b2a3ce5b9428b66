import { Alert, Button, Group, LoadingOverlay, Modal, Progress, Stack, Stepper, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../src-shared/api/channels';
import type { ImportPreview, ImportResult } from '../../../src-shared/api/imports';
import { api, toApiError, type ApiError, type UploadedFile } from '../../api/client';
import { AttributesModal } from '../../attributes/AttributesModal';
import { useAttributes } from '../../attributes/store';
import { useErrorText } from '../../components/useErrorText';
import { FilePicker } from './FilePicker';
import { FileOptions } from './FileOptions';
import { ImportRun } from './ImportRun';
import { MappingTable } from './MappingTable';
import { newJobId, PREVIEW_ROWS, type ImportOptions } from './options';
import { PreviewTable } from './PreviewTable';

type Step = 'file' | 'match' | 'run';

interface Props {
  channel: Channel;
  opened: boolean;
  onClose: () => void;
  /** Called when an import ended (completed, or cancelled after saving some rows). */
  onImported: (result: ImportResult) => void;
  /** Also add every imported or matched contact to this customer group. */
  groupId?: number;
}

/** Options often change in quick succession (a few mapping selects); one preview follows the last of them. */
const REPREVIEW_DELAY_MS = 250;

function initialOptions(channel: Channel): ImportOptions {
  return {
    hasHeader: true,
    separator: undefined,
    encoding: undefined,
    sheet: undefined,
    mapping: undefined,
    defaultCountry: channel.defaultCountry,
    duplicatePolicy: 'skip',
  };
}

/**
 * "Import Contacts from File": pick a file, set how to read it and which column fills which field while the
 * preview follows every change, then import with progress and cancel and download the rejected rows.
 */
export function ImportWizard({ channel, opened, onClose, onImported, groupId }: Props) {
  const { t } = useTranslation('contacts');
  const errorText = useErrorText();
  const defs = useAttributes((s) => s.defs);
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [options, setOptions] = useState<ImportOptions>(() => initialOptions(channel));
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewFraction, setPreviewFraction] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [attributesOpen, setAttributesOpen] = useState(false);
  const previewJob = useRef<string | null>(null);

  const reset = () => {
    if (previewJob.current) void api.call('imports.cancel', { jobId: previewJob.current }).catch(() => undefined);
    previewJob.current = null;
    setStep('file');
    setFile(null);
    setOptions(initialOptions(channel));
    setPreview(null);
    setPreviewing(false);
    setError(null);
    setResult(null);
  };

  const close = () => {
    if (running) return;
    reset();
    onClose();
  };

  useEffect(
    () =>
      api.on('import.progress', (e) => {
        if (e.kind === 'preview' && e.jobId === previewJob.current) setPreviewFraction(e.fraction);
      }),
    [],
  );

  // Re-preview whenever an option changes; a newer request supersedes (and cancels) the one in flight.
  useEffect(() => {
    if (!file) return;
    const jobId = newJobId('preview');
    const previous = previewJob.current;
    const timer = window.setTimeout(() => {
      if (previous) void api.call('imports.cancel', { jobId: previous }).catch(() => undefined);
      previewJob.current = jobId;
      setPreviewing(true);
      setPreviewFraction(0);
      api
        .call('imports.preview', {
          channelId: channel.id,
          path: file.path,
          jobId,
          hasHeader: options.hasHeader,
          previewRows: PREVIEW_ROWS,
          defaultCountry: options.defaultCountry,
          duplicatePolicy: options.duplicatePolicy,
          ...(options.separator ? { separator: options.separator } : {}),
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(options.sheet ? { sheet: options.sheet } : {}),
          ...(options.mapping ? { mapping: options.mapping } : {}),
        })
        .then(
          (p) => {
            if (previewJob.current !== jobId) return;
            setPreview(p);
            setError(null);
            setStep((s) => (s === 'file' ? 'match' : s));
          },
          (err) => {
            if (previewJob.current !== jobId) return;
            const apiError = toApiError(err);
            if (apiError.code === 'cancelled') return;
            setError(apiError);
          },
        )
        .finally(() => {
          if (previewJob.current === jobId) setPreviewing(false);
        });
    }, REPREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [file, options, channel.id]);

  const change = (patch: Partial<ImportOptions>) => setOptions((o) => ({ ...o, ...patch }));

  const picked = (uploaded: UploadedFile) => {
    setError(null);
    setPreview(null);
    setOptions(initialOptions(channel));
    setFile(uploaded);
  };

  const canImport =
    preview !== null && !previewing && error === null && preview.mappingProblems.length === 0 && preview.counts.total > 0;
  const stepIndex = step === 'file' ? 0 : step === 'match' ? 1 : 2;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('import.title')}
      size="min(1280px, 96vw)"
      closeOnClickOutside={false}
      closeOnEscape={!running}
      withCloseButton={!running}
      data-testid="import-wizard"
    >
      <Stack gap="lg">
        <Stepper active={stepIndex} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t('import.steps.file')} />
          <Stepper.Step label={t('import.steps.match')} />
          <Stepper.Step label={t('import.steps.import')} />
        </Stepper>

        {step === 'file' && (
          <FilePicker
            busy={previewing}
            fraction={previewFraction}
            error={error ? errorText(error) ?? null : null}
            onPicked={() => setError(null)}
            onUploaded={picked}
            onError={(err) => setError(toApiError(err))}
          />
        )}

        {step === 'match' && preview && (
          <Stack gap="lg" pos="relative">
            <Group justify="space-between">
              <Text size="sm" data-testid="import-file-name">
                <b>{file?.name ?? preview.file.name}</b>
              </Text>
              <Button variant="subtle" size="compact-sm" onClick={reset}>
                {t('import.otherFile')}
              </Button>
            </Group>
            <FileOptions preview={preview} options={options} onChange={change} />
            {error && (
              <Alert color="red" data-testid="import-error">
                {errorText(error)}
              </Alert>
            )}
            <div style={{ position: 'relative' }}>
              <LoadingOverlay visible={previewing} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
              <Stack gap="lg">
                <MappingTable
                  preview={preview}
                  defs={defs}
                  onChange={(mapping) => change({ mapping })}
                  onManageAttributes={() => setAttributesOpen(true)}
                />
                <Stack gap={6}>
                  <Text fw={600}>{t('import.preview')}</Text>
                  <PreviewTable preview={preview} defs={defs} />
                </Stack>
              </Stack>
            </div>
            {previewing && previewFraction > 0 && <Progress value={previewFraction * 100} size="xs" animated />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common:actions.cancel')}
              </Button>
              <Button onClick={() => setStep('run')} disabled={!canImport} data-testid="import-submit">
                {t('import.submit')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 'run' && preview && file && (
          <ImportRun
            channelId={channel.id}
            groupId={groupId}
            preview={preview}
            path={file.path}
            onRunning={setRunning}
            onFinished={(r) => {
              setResult(r);
              onImported(r);
            }}
            onBack={() => setStep('match')}
            onClose={close}
            result={result}
          />
        )}
      </Stack>
      <AttributesModal
        opened={attributesOpen}
        onClose={() => {
          setAttributesOpen(false);
          // A fresh preview: an unedited mapping is guessed again, so columns can match the new attributes.
          setOptions((o) => ({ ...o }));
        }}
      />
    </Modal>
  );
}
