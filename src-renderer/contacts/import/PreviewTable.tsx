import { Badge, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttributeDef } from '../../../src-shared/api/contacts';
import type { ImportCounts, ImportPreview, RowAction } from '../../../src-shared/api/imports';
import { formatPhone } from '../../../src-shared/domain/phone';
import { formatCount } from '../util';

const ACTION_COLOR: Record<RowAction, string> = { create: 'teal', update: 'blue', skip: 'gray', reject: 'red' };

export function CountBadges({ counts, testId }: { counts: ImportCounts; testId: string }) {
  const { t, i18n } = useTranslation('contacts');
  const n = (v: number) => formatCount(v, i18n.resolvedLanguage ?? 'en');
  return (
    <Group gap="xs" data-testid={testId}>
      <Badge variant="outline" color="dark" data-testid={`${testId}-total`}>
        {t('import.counts.total', { count: counts.total, formatted: n(counts.total) })}
      </Badge>
      <Badge color="teal" data-testid={`${testId}-created`}>
        {t('import.counts.created', { formatted: n(counts.created) })}
      </Badge>
      <Badge color="blue" data-testid={`${testId}-updated`}>
        {t('import.counts.updated', { formatted: n(counts.updated) })}
      </Badge>
      <Badge color="gray" data-testid={`${testId}-skipped`}>
        {t('import.counts.skipped', { formatted: n(counts.skipped) })}
      </Badge>
      <Badge color="red" data-testid={`${testId}-rejected`}>
        {t('import.counts.rejected', { formatted: n(counts.rejected) })}
      </Badge>
    </Group>
  );
}

/** The first rows as they will be saved, each with what will happen to it and why. */
export function PreviewTable({ preview, defs }: { preview: ImportPreview; defs: AttributeDef[] }) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.resolvedLanguage ?? 'en';
  const attrKeys = Object.values(preview.mapping)
    .filter((m) => m.startsWith('attr:'))
    .map((m) => m.slice(5));
  const labelOf = (key: string) => defs.find((d) => d.key === key)?.label ?? key;
  const problemEntries = Object.entries(preview.problemCounts).filter(([, n]) => n > 0);

  return (
    <Stack gap="xs">
      <CountBadges counts={preview.counts} testId="import-counts" />
      {problemEntries.length > 0 && (
        <Group gap={6} data-testid="import-problem-counts">
          {problemEntries.map(([code, count]) => (
            <Badge key={code} size="sm" variant="light" color="orange">
              {t(`import.problems.${code}`, { defaultValue: code })}: {formatCount(count, lang)}
            </Badge>
          ))}
        </Group>
      )}
      <ScrollArea.Autosize mah={360} type="auto">
        <Table striped={false} withTableBorder verticalSpacing={4} fz="sm" stickyHeader data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56}>{t('import.row')}</Table.Th>
              <Table.Th w={124}>{t('import.action')}</Table.Th>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.phone')}</Table.Th>
              <Table.Th>{t('fields.email')}</Table.Th>
              {attrKeys.map((k) => (
                <Table.Th key={k}>{labelOf(k)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => {
              const errors = row.problems.filter((p) => p.severity === 'error');
              const bad = (field: string) => errors.some((p) => p.field === field);
              const cell = (field: string, value: string | null) => (
                <Table.Td c={bad(field) ? 'red' : undefined} fw={bad(field) ? 600 : undefined}>
                  {value ?? ''}
                </Table.Td>
              );
              return [
                <Table.Tr
                  key={row.row}
                  bg={row.action === 'reject' ? 'var(--mantine-color-red-light)' : undefined}
                  data-testid="import-preview-row"
                  data-action={row.action}
                  data-row={row.row}
                >
                  <Table.Td c="dimmed">{row.row}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={ACTION_COLOR[row.action]}>
                      {t(`import.actions.${row.action}`)}
                    </Badge>
                  </Table.Td>
                  {cell('name', row.contact.name)}
                  {/* A rejected phone shows as the file has it, so the user sees what was wrong. */}
                  {cell('phone', row.contact.phone ? formatPhone(row.contact.phone) : rawPhone(preview, row.cells))}
                  {cell('email', row.contact.email)}
                  {attrKeys.map((k) => (
                    <Table.Td key={k} c={bad(`attr:${k}`) ? 'red' : undefined}>
                      {row.contact.attributes[k] === undefined ? '' : String(row.contact.attributes[k])}
                    </Table.Td>
                  ))}
                </Table.Tr>,
                row.problems.length > 0 && (
                  <Table.Tr key={`${row.row}-p`} bg={row.action === 'reject' ? 'var(--mantine-color-red-light)' : undefined}>
                    <Table.Td />
                    <Table.Td colSpan={4 + attrKeys.length} pt={0}>
                      {row.problems.map((p, i) => (
                        <Text
                          key={i}
                          size="xs"
                          c={p.severity === 'error' ? 'red' : 'dimmed'}
                          data-testid="import-row-problem"
                          data-code={p.code}
                        >
                          {lang === 'tr' ? p.messageTr : p.message}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ),
              ];
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {preview.counts.total > preview.rows.length && (
        <Text size="xs" c="dimmed">
          {t('import.firstRows', { shown: preview.rows.length, total: formatCount(preview.counts.total, lang) })}
        </Text>
      )}
    </Stack>
  );
}

function rawPhone(preview: ImportPreview, cells: string[]): string {
  const column = preview.columns.find((c) => preview.mapping[c.name] === 'phone');
  return column ? (cells[column.index] ?? '') : '';
}
