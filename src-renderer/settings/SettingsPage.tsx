import { Alert, Badge, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api/errors';
import { useAction } from '../components/useAction';
import { IconAlert, IconBrowser, IconCheck } from '../components/icons';
import { notify } from '../components/notices';
import { ErrorState, LoadingState } from '../components/PageState';
import { SectionCard } from '../components/SectionCard';
import { useErrorText } from '../components/useErrorText';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { AttributesPanel } from '../attributes/AttributesPanel';
import { BulkSettingsCard } from '../bulk/BulkSettingsCard';
import { useSettings } from './store';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { FormError } from '../components/FormError';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { status, error, settings, load } = useSettings();

  useDocumentTitle(t('title'));

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="xl" maw={820}>
      <div>
        <Title order={2}>{t('title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('subtitle')}
        </Text>
      </div>
      {status === 'error' && error ? (
        <ErrorState error={error} onRetry={() => void load()} />
      ) : !settings ? (
        <LoadingState rows={2} />
      ) : (
        <>
          <BrowserCard browserPath={settings.browserPath} detected={settings.detectedBrowserPath} />
          <SectionCard title={t('language.title')} description={t('language.text')} aside={<LanguageSwitch />} />
          <SectionCard title={t('attributes:title')} testId="settings-attributes">
            <AttributesPanel />
          </SectionCard>
          <BulkSettingsCard />
        </>
      )}
    </Stack>
  );
}

function BrowserCard({ browserPath, detected }: { browserPath: string | null; detected: string | null }) {
  const { t } = useTranslation('settings');
  const errorText = useErrorText();
  const update = useSettings((s) => s.update);
  const [value, setValue] = useState(browserPath ?? '');
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error, ['browserPath']);
  const dirty = value.trim() !== (browserPath ?? '');

  useEffect(() => setValue(browserPath ?? ''), [browserPath]);

  async function save(next: string | null) {
    if (await run(() => update({ browserPath: next }))) notify({ tone: 'success', message: t('browser.saved') });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(value.trim() === '' ? null : value.trim());
  }

  return (
    <SectionCard title={t('browser.title')} description={t('browser.text')} testId="browser-settings">
      <Stack gap="lg">
        {detected ? (
          <Group gap="sm" wrap="nowrap" className="wa-detected" p="md">
            <IconBrowser size={20} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {t('browser.detected')}
                </Text>
                {!browserPath && (
                  <Badge size="xs" color="teal" variant="light" leftSection={<IconCheck size={10} />}>
                    {t('browser.inUse')}
                  </Badge>
                )}
              </Group>
              <Code block mt={6} data-testid="detected-browser">
                {detected}
              </Code>
            </div>
          </Group>
        ) : (
          <Alert color="orange" variant="light" icon={<IconAlert size={18} />} data-testid="no-browser">
            {t('browser.notDetected')}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormError error={errors['']} />
            <TextInput
              label={t('browser.override')}
              description={t('browser.overrideHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              placeholder={t('browser.overridePlaceholder')}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={errorText(errors.browserPath)}
              maxLength={1024}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="browser-path-input"
            />
            <Group justify="flex-end" gap="sm">
              {browserPath && (
                <Button variant="subtle" color="gray" onClick={() => void save(null)} disabled={busy}>
                  {t('browser.useAutomatic')}
                </Button>
              )}
              <Button type="submit" loading={busy} disabled={!dirty} data-testid="browser-path-save">
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </SectionCard>
  );
}
