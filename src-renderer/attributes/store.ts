import { create } from 'zustand';
import type { AttributeDef } from '../../src-shared/api/contacts';
import { api, toApiError, type ApiError } from '../api/client';

interface AttributesState {
  defs: AttributeDef[];
  loaded: boolean;
  error: ApiError | null;
  /** Loads the definitions; every screen that shows attributes (card, form, import mapping) shares this list. */
  load: () => Promise<void>;
}

export const useAttributes = create<AttributesState>((set) => ({
  defs: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ defs: await api.call('attributes.list'), loaded: true, error: null });
    } catch (error) {
      set({ error: toApiError(error), loaded: true });
    }
  },
}));
