import { Badge, CloseButton, Combobox, Group, MultiSelect, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts';
import { api } from '../api/client';
import { SearchIcon } from '../contacts/icons';
import { formatCount } from '../contacts/util';
import { useGroups } from '../groups/useGroups';
import type { ContactChoice } from './draft';

interface Props {
  channelId: number;
  groupIds: string[];
  contacts: ContactChoice[];
  onGroups(ids: string[]): void;
  onContacts(contacts: ContactChoice[]): void;
  error?: string;
}

export const contactLabel = (c: Pick<Contact, 'displayName' | 'phoneDisplay'>) =>
  c.displayName === c.phoneDisplay ? c.phoneDisplay : `${c.displayName} · ${c.phoneDisplay}`;

/** Customer groups (several) and single contacts found by a directory search. */
export function RecipientsPicker({ channelId, groupIds, contacts, onGroups, onContacts, error }: Props) {
  const { t, i18n } = useTranslation('bulk');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { groups } = useGroups(channelId);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const [found, setFound] = useState<Contact[]>([]);
  const combobox = useCombobox();

  useEffect(() => {
    if (debounced === '') {
      setFound([]);
      return;
    }
    let live = true;
    api.call('contacts.search', { channelId, query: debounced, limit: 8 }).then(
      (page) => live && setFound(page.items),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [channelId, debounced]);

  const chosen = new Set(contacts.map((c) => c.id));
  const add = (c: Contact) => {
    if (!chosen.has(c.id)) onContacts([...contacts, { id: c.id, label: contactLabel(c) }]);
    setQuery('');
    combobox.closeDropdown();
  };

  return (
    <Stack gap="sm">
      <MultiSelect
        label={t('form.groups')}
        placeholder={groupIds.length === 0 ? t('form.groupsPlaceholder') : undefined}
        data={(groups ?? []).map((g) => ({
          value: String(g.id),
          label: t('form.groupMembers', { name: g.name, count: formatCount(g.memberCount - g.optedOutCount, lang) }),
        }))}
        value={groupIds}
        onChange={onGroups}
        searchable
        clearable
        error={error}
        data-testid="bulk-groups"
      />
      <Combobox store={combobox} onOptionSubmit={(v) => add(found.find((c) => String(c.id) === v)!)}>
        <Combobox.Target>
          <TextInput
            label={t('form.contacts')}
            placeholder={t('form.contactsPlaceholder')}
            leftSection={<SearchIcon size={14} />}
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              combobox.openDropdown();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            data-testid="bulk-contact-search"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={found.length === 0}>
          <Combobox.Options>
            {found.map((c) => (
              <Combobox.Option key={c.id} value={String(c.id)} disabled={chosen.has(c.id)} data-testid="bulk-contact-option">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">{c.displayName}</Text>
                  <Text size="xs" c="dimmed" className="wa-nums">
                    {c.phoneDisplay}
                  </Text>
                </Group>
              </Combobox.Option>
            ))}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {contacts.length > 0 && (
        <Group gap={6}>
          {contacts.map((c) => (
            <Badge
              key={c.id}
              variant="light"
              size="lg"
              tt="none"
              rightSection={<CloseButton size="xs" onClick={() => onContacts(contacts.filter((x) => x.id !== c.id))} aria-label={c.label} />}
              data-testid="bulk-contact-chip"
            >
              {c.label}
            </Badge>
          ))}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {t('form.recipientsHint')}
      </Text>
    </Stack>
  );
}
