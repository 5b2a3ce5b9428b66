import { Select, type SelectProps } from '@mantine/core';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Every country the phone library knows, named in the UI language and shown with its calling code. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  return getCountries()
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  const { t, i18n } = useTranslation('channels');
  const language = i18n.resolvedLanguage ?? 'en';
  const data = useMemo(() => countryOptions(language), [language]);
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
      aria-label={t('create.country')}
      {...props}
      data={data}
    />
  );
}
