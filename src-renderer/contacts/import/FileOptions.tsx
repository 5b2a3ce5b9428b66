import { Group, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DUPLICATE_POLICIES, ENCODINGS, SEPARATORS, type DuplicatePolicy, type ImportPreview } from '../../../src-shared/api/imports';
import { countryOptions } from './countries';
import type { ImportOptions } from './options';

interface Props {
  preview: ImportPreview;
  options: ImportOptions;
  onChange: (patch: Partial<ImportOptions>) => void;
}

const SEPARATOR_KEYS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** How to read the file (header, separator, encoding, sheet) and what to do with what it holds. */
export function FileOptions({ preview, options, onChange }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const countries = useMemo(() => countryOptions(lang), [lang]);
  const csv = preview.file.kind === 'csv';
  const detected = (yes: boolean) => (yes ? ` · ${t('import.detected')}` : '');

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {csv ? (
          <>
            <Select
              label={t('import.separator')}
              data={SEPARATORS.map((s) => ({
                value: s,
                label: `${t(`import.separators.${SEPARATOR_KEYS[s]}`)}${detected(s === preview.detectedSeparator)}`,
              }))}
              value={preview.separator}
              onChange={(v) => v && onChange({ separator: v as ImportOptions['separator'], mapping: undefined })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="import-separator"
            />
            <Select
              label={t('import.encoding')}
              data={ENCODINGS.map((e) => ({
                value: e,
                label: `${t(`import.encodings.${e}`)}${detected(e === preview.detectedEncoding)}`,
              }))}
              value={preview.encoding}
              onChange={(v) => v && onChange({ encoding: v as ImportOptions['encoding'], mapping: undefined })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="import-encoding"
            />
          </>
        ) : (
          <Select
            label={t('import.sheet')}
            data={preview.sheets}
            value={preview.sheet}
            onChange={(v) => v && onChange({ sheet: v, mapping: undefined })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="import-sheet"
          />
        )}
        <Select
          label={t('import.country')}
          data={countries}
          value={options.defaultCountry}
          onChange={(v) => v && onChange({ defaultCountry: v })}
          searchable
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="import-country"
        />
      </SimpleGrid>
      <Group gap="xl" align="center">
        <Switch
          checked={options.hasHeader}
          onChange={(e) => onChange({ hasHeader: e.currentTarget.checked, mapping: undefined })}
          label={t('import.header')}
          data-testid="import-header"
        />
        <Group gap="sm" align="center">
          <Text size="sm">{t('import.duplicates')}</Text>
          <SegmentedControl
            size="xs"
            value={options.duplicatePolicy}
            onChange={(v) => onChange({ duplicatePolicy: v as DuplicatePolicy })}
            data={DUPLICATE_POLICIES.map((p) => ({ value: p, label: t(`import.policy.${p}`) }))}
            data-testid="import-policy"
          />
          <Text size="xs" c="dimmed">
            {t(`import.policyHint.${options.duplicatePolicy}`)}
          </Text>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {t('import.countryHint')} · {options.hasHeader ? t('import.headerOn') : t('import.headerOff')}
      </Text>
    </Stack>
  );
}
