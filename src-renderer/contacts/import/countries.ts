import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

/** Countries for the "default country" of numbers written without a country code, named in the UI language. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([language === 'tr' ? 'tr' : 'en'], { type: 'region' });
  const collator = new Intl.Collator(language === 'tr' ? 'tr' : 'en');
  return getCountries()
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
