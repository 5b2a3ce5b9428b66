import { ActionIcon, Badge, Button, FileButton, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError } from '../api/client';
import { IconChevronDown, IconPlus, IconTrash, IconX } from '../components/icons';
import { useErrorText } from '../components/useErrorText';
import { UploadIcon } from '../contacts/icons';
import { CAMPAIGN_IMAGE_MAX_BYTES, CAMPAIGN_PARTS_MAX } from '../../src-shared/api/campaigns';
import { IMAGE_TYPES, imageProblem, newPart, type PartDraft } from './draft';

interface Props {
  channelId: number;
  parts: PartDraft[];
  onChange(parts: PartDraft[]): void;
  /** The server's error text for a field such as `parts.1.variants.0`. */
  errorFor(field: string): string | undefined;
}

const ACCEPT = IMAGE_TYPES.join(',');
const MAX_MB = CAMPAIGN_IMAGE_MAX_BYTES / (1024 * 1024);

/** The ordered messages of a bulk message: text, random text (variants) and images with a caption. */
export function PartsEditor({ channelId, parts, onChange, errorFor }: Props) {
  const { t, i18n } = useTranslation('bulk');
  const tr = (i18n.resolvedLanguage ?? 'en') === 'tr';
  const errorText = useErrorText();
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<{ key: string; text: string } | null>(null);

  const update = (key: string, patch: Partial<PartDraft>) =>
    onChange(parts.map((p) => (p.key === key ? ({ ...p, ...patch } as PartDraft) : p)));
  const move = (index: number, by: number) => {
    const next = [...parts];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const help = {
    name: '{{name}}',
    phone: '{{phone}}',
    email: '{{email}}',
    fallback: tr ? '{{name|Müşterimiz}}' : '{{name|Customer}}',
    spin: tr ? '{Merhaba|Selam}' : '{Hi|Hello}',
    escape: '\\{',
    example: tr ? '{{name|Değerli müşterimiz}}' : '{{name|there}}',
  };

  /**
   * A file the browser already knows is wrong (not an image, too large) is refused before it is sent; the rest is
   * uploaded and checked by its bytes on the server (the preview runs the same check a save does). A refused file
   * leaves the part as it was.
   */
  const upload = async (key: string, file: File | null) => {
    if (!file) return;
    setUploadError(null);
    const problem = imageProblem(file);
    if (problem) {
      setUploadError({ key, text: t(`form.${problem}`, { mb: MAX_MB }) });
      return;
    }
    setUploading(key);
    try {
      const saved = await api.upload(file);
      await api.call('campaigns.preview', { channelId, parts: [{ kind: 'image', path: saved.path }] });
      update(key, { path: saved.path, fileName: file.name });
    } catch (err) {
      setUploadError({ key, text: errorText(toApiError(err)) ?? '' });
    } finally {
      setUploading(null);
    }
  };

  return (
    <Stack gap="sm" data-testid="parts-editor">
      {parts.map((part, index) => {
        const field = (f: string) => errorFor(`parts.${index}.${f}`);
        return (
          <Paper key={part.key} withBorder radius="md" p="sm" data-testid="part" data-kind={part.kind}>
            <Group justify="space-between" mb="xs">
              <Badge variant="light" color={part.kind === 'image' ? 'grape' : part.kind === 'random_text' ? 'cyan' : 'teal'}>
                {index + 1}. {t(part.kind === 'text' ? 'form.partText' : part.kind === 'random_text' ? 'form.partRandom' : 'form.partImage')}
              </Badge>
              <Group gap={4}>
                <Tooltip label={t('form.moveUp')}>
                  <ActionIcon variant="subtle" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('form.moveUp')}>
                    <IconChevronDown size={16} style={{ transform: 'rotate(180deg)' }} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('form.moveDown')}>
                  <ActionIcon variant="subtle" disabled={index === parts.length - 1} onClick={() => move(index, 1)} aria-label={t('form.moveDown')}>
                    <IconChevronDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('form.removePart')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    disabled={parts.length === 1}
                    onClick={() => onChange(parts.filter((p) => p.key !== part.key))}
                    aria-label={t('form.removePart')}
                    data-testid="part-remove"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
            {part.kind === 'text' && (
              <Textarea
                autosize
                minRows={3}
                value={part.text}
                placeholder={t('form.textPlaceholder', { example: help.example })}
                onChange={(e) => update(part.key, { text: e.currentTarget.value })}
                error={field('text')}
                aria-label={t('form.partText')}
                data-testid="part-text"
              />
            )}
            {part.kind === 'random_text' && (
              <Stack gap="xs">
                <Text size="xs" c="dimmed">
                  {t('form.randomHelp')}
                </Text>
                {part.variants.map((v, i) => (
                  <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
                    <Textarea
                      style={{ flex: 1 }}
                      autosize
                      minRows={2}
                      label={t('form.variant', { n: i + 1 })}
                      value={v}
                      onChange={(e) => {
                        const variants = [...part.variants];
                        variants[i] = e.currentTarget.value;
                        update(part.key, { variants });
                      }}
                      error={field(`variants.${i}`)}
                      data-testid="part-variant"
                    />
                    <ActionIcon
                      mt={28}
                      variant="subtle"
                      color="red"
                      disabled={part.variants.length <= 2}
                      onClick={() => update(part.key, { variants: part.variants.filter((_, j) => j !== i) })}
                      aria-label={t('form.removeVariant')}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Group>
                ))}
                {field('variants') && (
                  <Text size="xs" c="red">
                    {field('variants')}
                  </Text>
                )}
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => update(part.key, { variants: [...part.variants, ''] })}
                  data-testid="part-add-variant"
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('form.addVariant')}
                </Button>
              </Stack>
            )}
            {part.kind === 'image' && (
              <Stack gap="xs">
                <Group gap="sm">
                  <FileButton onChange={(f) => void upload(part.key, f)} accept={ACCEPT}>
                    {(props) => (
                      <Button {...props} variant="light" leftSection={<UploadIcon size={14} />} loading={uploading === part.key} data-testid="part-image-choose">
                        {t('form.chooseImage')}
                      </Button>
                    )}
                  </FileButton>
                  <Text size="sm" data-testid="part-image-name">
                    {part.fileName}
                  </Text>
                </Group>
                <Text size="xs" c={field('path') || uploadError?.key === part.key ? 'red' : 'dimmed'} data-testid="part-image-help">
                  {(uploadError?.key === part.key ? uploadError.text : field('path')) ?? t('form.imageHelp', { mb: MAX_MB })}
                </Text>
                <Textarea
                  autosize
                  minRows={1}
                  label={t('form.caption')}
                  placeholder={t('form.captionPlaceholder')}
                  value={part.caption}
                  onChange={(e) => update(part.key, { caption: e.currentTarget.value })}
                  error={field('caption')}
                  data-testid="part-caption"
                />
              </Stack>
            )}
          </Paper>
        );
      })}
      <Text size="xs" c="dimmed">
        {t('form.templateHelp', help)}
      </Text>
      <Group gap="xs">
        {(['text', 'random_text', 'image'] as const).map((kind) => (
          <Button
            key={kind}
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={parts.length >= CAMPAIGN_PARTS_MAX}
            onClick={() => onChange([...parts, newPart(kind)])}
            data-testid={`part-add-${kind}`}
          >
            {t(kind === 'text' ? 'form.addText' : kind === 'random_text' ? 'form.addRandom' : 'form.addImage')}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
