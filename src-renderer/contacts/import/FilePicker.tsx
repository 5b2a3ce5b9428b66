import { Alert, Button, Loader, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type UploadedFile } from '../../api/client';
import { UploadIcon } from '../icons';

const ACCEPTED = ['.csv', '.txt', '.xlsx', '.xls'];

interface Props {
  /** The server is reading the uploaded file for its first preview. */
  busy: boolean;
  fraction: number;
  error: string | null;
  /** A new file was picked: what went wrong with the last one no longer applies. */
  onPicked: () => void;
  onUploaded: (file: UploadedFile) => void;
  onError: (err: unknown) => void;
}

/** The first step: a file from this computer (chosen or dropped), uploaded to WA Desk for reading. */
export function FilePicker({ busy, fraction, error, onPicked, onUploaded, onError }: Props) {
  const { t } = useTranslation('contacts');
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [wrongType, setWrongType] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const take = async (file: File | undefined) => {
    if (!file) return;
    setWrongType(null);
    onPicked();
    const lower = file.name.toLowerCase();
    if (!ACCEPTED.some((ext) => lower.endsWith(ext))) {
      setWrongType(file.name);
      return;
    }
    setUploading(true);
    try {
      onUploaded(await api.upload(file));
    } catch (err) {
      onError(err);
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void take(e.dataTransfer.files[0]);
  };

  const working = uploading || busy;
  return (
    <Stack>
      <Paper
        withBorder
        radius="md"
        p="xl"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-color-teal-5)' : undefined,
          background: dragging ? 'var(--mantine-color-teal-light)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="import-dropzone"
      >
        <Stack align="center" gap="sm" py="lg">
          <ThemeIcon size={64} radius={32} variant="light" color="teal">
            {working ? <Loader size="sm" color="teal" /> : <UploadIcon size={30} />}
          </ThemeIcon>
          <Text fw={600}>{working ? (uploading ? t('import.uploading') : t('import.reading')) : t('import.pickTitle')}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={520}>
            {t('import.pickText')}
          </Text>
          {busy && fraction > 0 && <Progress value={fraction * 100} w={280} size="sm" />}
          <input
            ref={input}
            type="file"
            accept={ACCEPTED.join(',')}
            hidden
            onChange={(e) => void take(e.currentTarget.files?.[0])}
            data-testid="import-file-input"
          />
          <Button onClick={() => input.current?.click()} disabled={working} data-testid="import-choose">
            {t('import.choose')}
          </Button>
        </Stack>
      </Paper>
      {wrongType && (
        <Alert color="red" data-testid="import-error">
          {t('import.wrongType', { name: wrongType })}
        </Alert>
      )}
      {error && (
        <Alert color="red" data-testid="import-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
