import { defineStrings } from './define';

export default defineStrings(
  {
    appName: 'WA Desk',
    tagline: 'WhatsApp desk for your business',
    actions: {
      save: 'Save changes',
      saving: 'Saving…',
      cancel: 'Cancel',
      close: 'Close',
      delete: 'Delete',
      retry: 'Try again',
      back: 'Back',
      reset: 'Reset',
    },
    language: {
      label: 'Language',
      en: 'English',
      tr: 'Türkçe',
      saveFailed: 'The language was changed here but could not be saved for next time.',
    },
    header: {
      settings: 'Settings',
      channels: 'Channels',
      home: 'WA Desk home',
    },
    live: {
      closed: 'Live updates are paused: reconnecting to WA Desk…',
    },
    states: {
      loadFailed: 'This could not be loaded',
      notFoundTitle: 'Page not found',
      notFoundText: 'There is nothing at this address. It may have been moved or deleted.',
      goHome: 'Go to channels',
    },
    time: {
      inSeconds: 'in {{count}} s',
      now: 'now',
    },
  },
  {
    appName: 'WA Desk',
    tagline: 'İşletmeniz için WhatsApp masası',
    actions: {
      save: 'Değişiklikleri kaydet',
      saving: 'Kaydediliyor…',
      cancel: 'Vazgeç',
      close: 'Kapat',
      delete: 'Sil',
      retry: 'Tekrar dene',
      back: 'Geri',
      reset: 'Sıfırla',
    },
    language: {
      label: 'Dil',
      en: 'English',
      tr: 'Türkçe',
      saveFailed: 'Dil burada değişti ancak bir sonraki açılış için kaydedilemedi.',
    },
    header: {
      settings: 'Ayarlar',
      channels: 'Kanallar',
      home: 'WA Desk ana sayfa',
    },
    live: {
      closed: 'Canlı güncellemeler duraklatıldı: WA Desk\'e yeniden bağlanılıyor…',
    },
    states: {
      loadFailed: 'Bu içerik yüklenemedi',
      notFoundTitle: 'Sayfa bulunamadı',
      notFoundText: 'Bu adreste bir şey yok. Taşınmış ya da silinmiş olabilir.',
      goHome: 'Kanallara git',
    },
    time: {
      inSeconds: '{{count}} sn sonra',
      now: 'şimdi',
    },
  },
);
