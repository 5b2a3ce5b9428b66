import { defineStrings } from '../i18n/define';

export default defineStrings(
  {
    title: 'Settings',
    subtitle: 'Preferences for WA Desk on this computer.',
    browser: {
      title: 'Browser for WhatsApp Web',
      text: 'Real WhatsApp channels run WhatsApp Web in Google Chrome, Microsoft Edge or Chromium installed on this computer. WA Desk finds one by itself; set a path only if yours is somewhere unusual.',
      detected: 'Found automatically',
      notDetected: 'No Chrome, Edge or Chromium was found in the usual places. Install one, or enter the path of its program file below.',
      override: 'Browser path',
      overridePlaceholder: 'Automatic',
      overrideHint: 'The full path of chrome, msedge or chromium, e.g. C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      useAutomatic: 'Use automatic',
      inUse: 'In use',
      saved: 'Browser setting saved.',
    },
    language: {
      title: 'Language',
      text: 'The language of WA Desk’s screens. Also available from the header.',
    },
  },
  {
    title: 'Ayarlar',
    subtitle: 'Bu bilgisayardaki WA Desk tercihleri.',
    browser: {
      title: 'WhatsApp Web tarayıcısı',
      text: 'Gerçek WhatsApp kanalları, WhatsApp Web’i bu bilgisayarda kurulu Google Chrome, Microsoft Edge ya da Chromium ile çalıştırır. WA Desk bunu kendisi bulur; yalnızca tarayıcınız alışılmadık bir yerdeyse yol girin.',
      detected: 'Otomatik bulunan',
      notDetected: 'Alışılmış yerlerde Chrome, Edge ya da Chromium bulunamadı. Birini kurun ya da program dosyasının yolunu aşağıya girin.',
      override: 'Tarayıcı yolu',
      overridePlaceholder: 'Otomatik',
      overrideHint: 'chrome, msedge ya da chromium dosyasının tam yolu, ör. C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      useAutomatic: 'Otomatiği kullan',
      inUse: 'Kullanımda',
      saved: 'Tarayıcı ayarı kaydedildi.',
    },
    language: {
      title: 'Dil',
      text: 'WA Desk ekranlarının dili. Üst çubuktan da değiştirilebilir.',
    },
  },
);
