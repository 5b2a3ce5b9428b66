import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, type Language } from './define';
import * as namespaces from './resources';

const STORAGE_KEY = 'wa-desk.language';

/** The language chosen last on this machine, used for the first paint before the saved setting arrives. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function remember(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the server-side setting still carries the choice.
  }
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

export async function initI18n(): Promise<void> {
  const resources: Record<string, Record<string, object>> = { en: {}, tr: {} };
  for (const [ns, strings] of Object.entries(namespaces)) {
    resources.en![ns] = strings.en;
    resources.tr![ns] = strings.tr;
  }
  const lng = storedLanguage() ?? 'en';
  await i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'tr'],
    ns: Object.keys(namespaces),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = lng;
}

/** Shows the UI in `language` and remembers it on this machine (the caller saves the app setting). */
export async function applyLanguage(language: Language): Promise<void> {
  remember(language);
  if (currentLanguage() !== language) await i18n.changeLanguage(language);
}

export { i18n };
