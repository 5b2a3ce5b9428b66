import { create } from 'zustand';
import type { InputOf, OutputOf } from '../../src-shared/api';
import { api } from '../api/client';
import { toApiError, type ApiError } from '../api/errors';
import { notify } from '../components/notices';
import type { Language } from '../i18n/define';
import { applyLanguage, currentLanguage, i18n } from '../i18n';
import type { LoadStatus } from '../api/load-status';

type AppSettings = OutputOf<'settings.get'>;

interface SettingsState {
  status: LoadStatus;
  error: ApiError | null;
  settings: AppSettings | null;
  load(): Promise<void>;
  update(patch: InputOf<'settings.update'>): Promise<AppSettings>;
  /** Switches the UI language now and saves it as the app setting for every window and the next start. */
  setLanguage(language: Language): Promise<void>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  status: 'idle',
  error: null,
  settings: null,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const settings = await api.call('settings.get');
      set({ status: 'ready', error: null, settings });
      // Every switch saves both here and on the server, so a different saved value was chosen elsewhere later.
      await applyLanguage(settings.language);
    } catch (err) {
      if (get().status !== 'ready') set({ status: 'error', error: toApiError(err) });
    }
  },

  async update(patch) {
    const settings = await api.call('settings.update', patch);
    set({ status: 'ready', error: null, settings });
    return settings;
  },

  async setLanguage(language) {
    if (currentLanguage() === language && get().settings?.language === language) return;
    await applyLanguage(language);
    try {
      await get().update({ language });
    } catch (err) {
      notify({ tone: 'error', title: i18n.t('language.saveFailed'), message: toApiError(err).text(language) });
    }
  },
}));
