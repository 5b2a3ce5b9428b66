import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { SavedCard, WalletBalance, WalletSettings } from '../../src-shared/api/wallet';
import { formatMoney, type Currency } from '../../src-shared/domain/money';
import { api } from '../api/client';
import { toApiError, type ApiError } from '../api/errors';

interface WalletState {
  balance: WalletBalance | null;
  settings: WalletSettings | null;
  cards: SavedCard[] | null;
  /** Bumps on every `wallet.changed`, so open lists (transactions, totals, statements) load again. */
  version: number;
  error: ApiError | null;
  loadBalance(): Promise<void>;
  loadSettings(): Promise<void>;
  loadCards(): Promise<void>;
}

export const useWallet = create<WalletState>((set) => ({
  balance: null,
  settings: null,
  cards: null,
  version: 0,
  error: null,
  async loadBalance() {
    try {
      set({ balance: await api.call('wallet.balance'), error: null });
    } catch (err) {
      set({ error: toApiError(err) });
    }
  },
  async loadSettings() {
    try {
      set({ settings: await api.call('wallet.settings') });
    } catch (err) {
      set({ error: toApiError(err) });
    }
  },
  async loadCards() {
    try {
      set({ cards: await api.call('wallet.cards.list') });
    } catch (err) {
      set({ error: toApiError(err) });
    }
  },
}));

let syncUsers = 0;
let stopSync: (() => void) | null = null;

/**
 * Loads the balance and settings and keeps them current while anything that shows them is on screen (the header's
 * balance button always is). Every change to the wallet, from this window or any other, arrives as `wallet.changed`.
 */
export function startWalletSync(): () => void {
  syncUsers += 1;
  if (syncUsers === 1) {
    const s = useWallet.getState();
    void s.loadBalance();
    void s.loadSettings();
    const off = api.on('wallet.changed', () => {
      const state = useWallet.getState();
      useWallet.setState({ version: state.version + 1 });
      void state.loadBalance();
      void state.loadSettings();
    });
    const offLive = api.onLiveStatus((status) => {
      if (status === 'open') void useWallet.getState().loadBalance();
    });
    stopSync = () => {
      off();
      offLive();
    };
  }
  return () => {
    syncUsers -= 1;
    if (syncUsers === 0) {
      stopSync?.();
      stopSync = null;
    }
  };
}

export function localeOf(language: string): string {
  return language.startsWith('tr') ? 'tr-TR' : 'en-US';
}

/** Formats minor units in the wallet's currency and the UI language; '' until the currency is known. */
export function useMoney(): { money: (minor: number) => string; currency: Currency | null } {
  const { i18n } = useTranslation();
  const currency = useWallet((s) => s.balance?.currency ?? s.settings?.currency ?? null);
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const money = useCallback((minor: number) => (currency ? formatMoney(minor, currency, locale) : ''), [currency, locale]);
  return { money, currency };
}
