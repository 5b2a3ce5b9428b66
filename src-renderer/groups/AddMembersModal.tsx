import { Alert, Button, Checkbox, Group, Loader, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-shared/api/channels';
import type { Contact } from '../../src-shared/api/contacts';
import type { AddToGroupResult, CustomerGroup } from '../../src-shared/api/groups';
import { api, toApiError, type ApiError } from '../api/client';
import { notify } from '../components/notices';
import { useErrorText } from '../components/useErrorText';
import { SearchIcon } from '../contacts/icons';
import { formatCount } from '../contacts/util';
import classes from './groups.module.css';

const PICK_PAGE = 50;

interface Props {
  channel: Channel;
  group: CustomerGroup;
  opened: boolean;
  onClose: () => void;
  onAdded: () => void;
}

/** Manual addition: pick contacts found in the directory, or type a new number (and a name) to create its card. */
export function AddMembersModal({ channel, group, opened, onClose, onAdded }: Props) {
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const [tab, setTab] = useState<string | null>('directory');

  const done = (r: AddToGroupResult) => {
    notify({
      tone: 'success',
      message: t('add.result', {
        added: formatCount(r.added, lang),
        already: formatCount(r.alreadyMember, lang),
        created: formatCount(r.created, lang),
      }),
    });
    onAdded();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('add.title', { group: group.name })} size="lg" data-testid="add-members-modal">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="directory" data-testid="add-tab-directory">
            {t('add.fromDirectory')}
          </Tabs.Tab>
          <Tabs.Tab value="number" data-testid="add-tab-number">
            {t('add.newNumber')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="directory">
          <DirectoryPicker channelId={channel.id} groupId={group.id} onDone={done} />
        </Tabs.Panel>
        <Tabs.Panel value="number">
          <NewNumberForm channel={channel} groupId={group.id} onDone={done} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

function DirectoryPicker({ channelId, groupId, onDone }: { channelId: number; groupId: number; onDone: (r: AddToGroupResult) => void }) {
  const { t, i18n } = useTranslation('groups');
  const lang = i18n.resolvedLanguage ?? 'en';
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 150);
  const [results, setResults] = useState<Contact[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    setResults(null);
    api.call('contacts.search', { channelId, query, limit: PICK_PAGE }).then(
      (page) => {
        if (!current) return;
        setResults(page.items);
        setMore(page.nextCursor);
      },
      (err) => current && setError(toApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [channelId, query]);

  const loadMore = async () => {
    if (!more) return;
    try {
      const page = await api.call('contacts.search', { channelId, query, limit: PICK_PAGE, cursor: more });
      setResults((r) => [...(r ?? []), ...page.items]);
      setMore(page.nextCursor);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const run = async (call: () => Promise<AddToGroupResult>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: number) =>
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="sm">
      <TextInput
        placeholder={t('add.searchPlaceholder')}
        aria-label={t('add.searchLabel')}
        leftSection={<SearchIcon />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-autofocus
        data-testid="add-search"
      />
      {error && (
        <Alert color="red" data-testid="add-error">
          {errorText(error)}
        </Alert>
      )}
      <div className={classes.pickList} data-testid="add-results">
        {results === null ? (
          <Group justify="center" p="md">
            <Loader size="sm" />
          </Group>
        ) : results.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('add.noResults')}
          </Text>
        ) : (
          <Stack gap={4}>
            {query === '' && (
              <Text size="xs" c="dimmed">
                {t('add.typeToSearch')}
              </Text>
            )}
            {results.map((c) => (
              <Checkbox
                key={c.id}
                checked={picked.has(c.id)}
                onChange={() => toggle(c.id)}
                label={
                  <Group gap={8} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {c.displayName}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {c.phoneDisplay}
                    </Text>
                  </Group>
                }
                data-testid="add-result"
                data-contact-id={c.id}
              />
            ))}
            {more && (
              <Button variant="subtle" size="compact-sm" onClick={() => void loadMore()}>
                {t('view.loadingMore')}
              </Button>
            )}
          </Stack>
        )}
      </div>
      <Group justify="space-between">
        <Button
          variant="default"
          disabled={busy || results === null || results.length === 0}
          onClick={() => void run(() => api.call('groups.addSearchResults', { groupId, query }))}
          data-testid="add-all-results"
        >
          {query === '' ? t('add.addAllDirectory') : t('add.addAllResults')}
        </Button>
        <Button
          disabled={picked.size === 0}
          loading={busy}
          onClick={() => void run(() => api.call('groups.addContacts', { groupId, contactIds: [...picked] }))}
          data-testid="add-selected"
        >
          {t('add.addSelected', { count: picked.size, formatted: formatCount(picked.size, lang) })}
        </Button>
      </Group>
    </Stack>
  );
}

function NewNumberForm({ channel, groupId, onDone }: { channel: Channel; groupId: number; onDone: (r: AddToGroupResult) => void }) {
  const { t } = useTranslation('groups');
  const errorText = useErrorText();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const entry = name.trim() === '' ? phone : { phone, name };
      onDone(await api.call('groups.addContacts', { groupId, phones: [entry] }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const about = error?.field?.startsWith('phones') ? (error.field.endsWith('.name') ? 'name' : 'phone') : '';
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {error && about === '' && (
          <Alert color="red" data-testid="add-number-error">
            {errorText(error)}
          </Alert>
        )}
        <TextInput
          label={t('add.phone')}
          placeholder={t('add.phonePlaceholder')}
          description={t('add.phoneHint', { country: channel.defaultCountry })}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={about === 'phone' ? errorText(error) : undefined}
          required
          data-autofocus
          data-testid="add-phone-input"
        />
        <TextInput
          label={t('add.name')}
          placeholder={t('add.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={about === 'name' ? errorText(error) : undefined}
          data-testid="add-name-input"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={phone.trim() === ''} data-testid="add-number-submit">
            {t('add.addNumber')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
