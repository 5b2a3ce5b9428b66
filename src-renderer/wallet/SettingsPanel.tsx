import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WalletSettings } from '../../src-shared/api/wallet';
import { CURRENCIES, parseMoney, toMajorString, type Currency } from '../../src-shared/domain/money';
import { api, toApiError, type ApiError } from '../api/client';
import { notify } from '../components/notices';
import { SectionCard } from '../components/SectionCard';
import { useErrorText } from '../components/useErrorText';
import { errorsByField } from '../contacts/util';
import { useWallet } from './store';
import { FormError } from '../components/FormError';

const MONEY_FIELDS = ['text', 'image', 'lowBalanceThresholdMinor', 'topUpMinMinor', 'topUpMaxMinor'] as const;
type MoneyField = (typeof MONEY_FIELDS)[number];

/** Prices per message kind, the low-balance threshold, the top-up limits and (until the first entry) the currency. */
export function SettingsPanel() {
  const settings = useWallet((s) => s.settings);
  // Mounted once the settings are there, so the fields start from them.
  return settings ? <SettingsForm key={settings.currency} settings={settings} /> : null;
}

function SettingsForm({ settings }: { settings: WalletSettings }) {
  const { t, i18n } = useTranslation('wallet');
  const errorText = useErrorText();
  const [currency, setCurrency] = useState<Currency>(settings.currency);
  const decimal = (minor: number) => {
    const text = toMajorString(minor, settings.currency);
    return (i18n.resolvedLanguage ?? 'en').startsWith('tr') ? text.replace('.', ',') : text;
  };
  const [values, setValues] = useState<Record<MoneyField, string>>({
    text: decimal(settings.prices.text),
    image: decimal(settings.prices.image),
    lowBalanceThresholdMinor: decimal(settings.lowBalanceThresholdMinor),
    topUpMinMinor: decimal(settings.topUpMinMinor),
    topUpMaxMinor: decimal(settings.topUpMaxMinor),
  });
  const [invalid, setInvalid] = useState<ReadonlySet<MoneyField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = Object.fromEntries(MONEY_FIELDS.map((f) => [f, parseMoney(values[f], currency)])) as Record<MoneyField, number | null>;
    const bad = new Set(MONEY_FIELDS.filter((f) => parsed[f] === null || parsed[f]! < 0));
    setInvalid(bad);
    if (bad.size > 0) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('wallet.settings.update', {
        ...(settings.currencyLocked ? {} : { currency }),
        lowBalanceThresholdMinor: parsed.lowBalanceThresholdMinor!,
        topUpMinMinor: parsed.topUpMinMinor!,
        topUpMaxMinor: parsed.topUpMaxMinor!,
      });
      await api.call('wallet.prices.set', { text: parsed.text!, image: parsed.image! });
      await useWallet.getState().loadSettings();
      notify({ tone: 'success', message: t('settings.saved') });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = errorsByField(error, [...MONEY_FIELDS, 'currency']);
  const field = (f: MoneyField, label: string, hint?: string) => (
    <TextInput
      label={label}
      description={hint}
      value={values[f]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [f]: value }));
      }}
      inputMode="decimal"
      error={invalid.has(f) ? t('settings.invalidAmount') : errorText(errors[f])}
      className="wa-nums"
      data-testid={`wallet-setting-${f}`}
    />
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormError error={errors['']} testId="wallet-settings-error" />
        <SectionCard title={t('settings.prices')} description={t('settings.pricesHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('text', t('settings.priceText', { currency }))}
            {field('image', t('settings.priceImage', { currency }))}
          </SimpleGrid>
        </SectionCard>
        <SectionCard title={t('settings.limits')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {field('topUpMinMinor', t('settings.min', { currency }))}
            {field('topUpMaxMinor', t('settings.max', { currency }))}
            {field('lowBalanceThresholdMinor', t('settings.threshold', { currency }), t('settings.thresholdHint'))}
          </SimpleGrid>
        </SectionCard>
        <SectionCard title={t('settings.currency')} description={settings.currencyLocked ? t('settings.currencyLocked') : t('settings.currencyHint')}>
          <Select
            data={[...CURRENCIES]}
            value={currency}
            onChange={(v) => v && setCurrency(v as Currency)}
            allowDeselect={false}
            disabled={settings.currencyLocked}
            error={errorText(errors.currency)}
            maw={200}
            data-testid="wallet-setting-currency"
          />
        </SectionCard>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="wallet-settings-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
