import { Alert, Anchor, Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttributeDef } from '../../../src-shared/api/contacts';
import type { ImportMapping, ImportPreview, MappingTarget } from '../../../src-shared/api/imports';

interface Props {
  preview: ImportPreview;
  defs: AttributeDef[];
  onChange: (mapping: ImportMapping) => void;
  onManageAttributes: () => void;
}

/**
 * The match step: every column of the file (on the right, as the seed lays it out) with the Supsis field it
 * fills (on the left). Starts from the server's guess from the header names.
 */
export function MappingTable({ preview, defs, onChange, onManageAttributes }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const targets = [
    { group: t('import.builtIn'), items: [
      { value: 'ignore', label: t('import.ignore') },
      { value: 'name', label: t('fields.name') },
      { value: 'phone', label: `${t('fields.phone')} *` },
      { value: 'email', label: t('fields.email') },
    ] },
    ...(defs.length > 0
      ? [{ group: t('import.attributes'), items: defs.map((d) => ({ value: `attr:${d.key}`, label: d.label })) }]
      : []),
  ];
  const guessed = (column: string) => preview.guessedMapping[column] === preview.mapping[column];

  return (
    <Stack gap="xs">
      {preview.mappingProblems.length > 0 && (
        <Alert color="red" variant="light" data-testid="import-mapping-problems">
          {preview.mappingProblems.map((p) => (
            <Text key={p.code + p.message} size="sm">
              {lang === 'tr' ? p.messageTr : p.message}
            </Text>
          ))}
        </Alert>
      )}
      <Table withTableBorder layout="fixed" verticalSpacing={6} data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="36%">{t('import.supsisField')}</Table.Th>
            <Table.Th>{t('import.fileColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.columns.map((column) => {
            const target = preview.mapping[column.name] ?? 'ignore';
            return (
              <Table.Tr key={column.index} data-testid="import-mapping-row" data-column={column.name}>
                <Table.Td>
                  <Select
                    aria-label={t('import.fieldFor', { column: column.name })}
                    data={targets}
                    value={target}
                    onChange={(v) => v && onChange({ ...preview.mapping, [column.name]: v as MappingTarget })}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    size="sm"
                    data-testid="import-mapping-select"
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Text size="sm" fw={600} truncate="end" data-testid="import-column-name">
                      {column.name}
                    </Text>
                    {target !== 'ignore' && guessed(column.name) && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('import.guessed')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" truncate="end">
                    {column.samples.length > 0 ? column.samples.join(' · ') : t('import.noSamples')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('import.attributesHint')}{' '}
        <Anchor component="button" type="button" size="xs" onClick={onManageAttributes} data-testid="import-manage-attributes">
          {t('import.manageAttributes')}
        </Anchor>
      </Text>
    </Stack>
  );
}
