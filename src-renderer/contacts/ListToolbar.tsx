import { ActionIcon, Button, Group, Menu, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ExportFormat } from '../../src-shared/api/contacts';
import { IconChevronDown, IconTrash, IconX } from '../components/icons';
import { DownloadIcon, SearchIcon } from './icons';

/** The search box above a long list: as-you-type, with a clear button once something is typed. */
export function SearchBox(props: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label: string;
  clearLabel: string;
  testId: string;
}) {
  return (
    <TextInput
      placeholder={props.placeholder}
      aria-label={props.label}
      leftSection={<SearchIcon />}
      rightSection={
        props.value !== '' ? (
          <ActionIcon variant="subtle" color="gray" onClick={() => props.onChange('')} aria-label={props.clearLabel}>
            <IconX size={14} />
          </ActionIcon>
        ) : null
      }
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      style={{ flex: 1, maxWidth: 420 }}
      data-testid={props.testId}
    />
  );
}

/** "Export" with a CSV / Excel choice; test ids `<testId>`, `<testId>-csv`, `<testId>-xlsx`. */
export function ExportMenu(props: {
  label: string;
  /** What will be exported (the whole list, or the search's results). */
  scope: string;
  loading: boolean;
  disabled: boolean;
  onExport: (format: ExportFormat) => void;
  testId: string;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<DownloadIcon />}
          rightSection={<IconChevronDown size={14} />}
          loading={props.loading}
          disabled={props.disabled}
          data-testid={props.testId}
        >
          {props.label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{props.scope}</Menu.Label>
        <Menu.Item onClick={() => props.onExport('csv')} data-testid={`${props.testId}-csv`}>
          CSV (.csv)
        </Menu.Item>
        <Menu.Item onClick={() => props.onExport('xlsx')} data-testid={`${props.testId}-xlsx`}>
          Excel (.xlsx)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Shown while rows are selected: how many, a way to clear the selection, any further actions, and removing them. */
export function SelectionBar(props: {
  countText: string;
  clearLabel: string;
  onClear: () => void;
  removeLabel: string;
  onRemove: () => void;
  /** Test ids of the bar and of its remove button. */
  testId: string;
  removeTestId: string;
  /** Further actions, between clearing and removing. */
  children?: ReactNode;
}) {
  return (
    <Group gap="xs" data-testid={props.testId}>
      <Text size="sm" fw={600}>
        {props.countText}
      </Text>
      <Button size="compact-sm" variant="subtle" color="gray" onClick={props.onClear}>
        {props.clearLabel}
      </Button>
      {props.children}
      <Button size="compact-sm" color="red" leftSection={<IconTrash size={14} />} onClick={props.onRemove} data-testid={props.removeTestId}>
        {props.removeLabel}
      </Button>
    </Group>
  );
}
