import type { ConnectionState } from '../../src-shared/api/channels';
import type { CampaignStatus } from '../../src-shared/api/campaigns';
import { AppError, notFound, type LocalizedText } from '../../src-shared/errors';
import type { TemplateProblem } from './template';
import type { PacingProblem } from './pacing';

/** Every sentence bulk sending shows or returns, in English and Turkish. */

export const CAMPAIGN = { en: 'The bulk message', tr: 'Toplu mesaj' };
export const campaignNotFound = (field = 'id') => notFound(CAMPAIGN, field);

/** The seed's warning about bulk sending in QR mode, acknowledged once per channel. */
export const QR_BULK_WARNING: LocalizedText = {
  en:
    'Bulk messages can be sent through WhatsApp Web QR mode, but this carries the risk of being seen as spam and may ' +
    'lead to your account being closed. WhatsApp watches bulk sending closely because it is one of the platform’s main ' +
    'revenue sources. To remove the risk of your account being closed, the WhatsApp Business API module is recommended.',
  tr:
    'Toplu mesajlar WhatsApp Web QR modu üzerinden gönderilebilir; ancak bu yöntem spam olarak algılanma riski taşır ve ' +
    'hesabınızın kapatılmasına yol açabilir. WhatsApp toplu gönderimi, platformun ana gelir kaynaklarından biri olduğu ' +
    'için yakından izler. Hesabınızın kapatılma riskini ortadan kaldırmak için WhatsApp Business API modülü önerilir.',
};

export const warningNotAcknowledged = () =>
  new AppError(
    'warning_not_acknowledged',
    {
      en: 'Before the first bulk message of this channel, read and acknowledge the warning about bulk sending in QR mode.',
      tr: 'Bu kanalın ilk toplu mesajından önce QR modunda toplu gönderim uyarısını okuyup onaylayın.',
    },
    { field: 'channelId' },
  );

const STATUS_TEXT: Record<CampaignStatus, LocalizedText> = {
  draft: { en: 'a draft', tr: 'taslak' },
  scheduled: { en: 'scheduled', tr: 'zamanlanmış' },
  sending: { en: 'sending', tr: 'gönderiliyor' },
  paused: { en: 'paused', tr: 'duraklatılmış' },
  completed: { en: 'completed', tr: 'tamamlanmış' },
  cancelled: { en: 'cancelled', tr: 'iptal edilmiş' },
};

export const wrongStatus = (status: CampaignStatus, action: LocalizedText) =>
  new AppError(
    'campaign_wrong_status',
    {
      en: `This bulk message is ${STATUS_TEXT[status].en}, so it cannot be ${action.en}.`,
      tr: `Bu toplu mesaj ${STATUS_TEXT[status].tr} durumda, bu yüzden ${action.tr}.`,
    },
    { details: { status } },
  );

export const ACTION = {
  edit: { en: 'edited (only drafts and scheduled ones can)', tr: 'düzenlenemez (yalnızca taslak ve zamanlanmış olanlar düzenlenebilir)' },
  start: { en: 'started', tr: 'başlatılamaz' },
  pause: { en: 'paused', tr: 'duraklatılamaz' },
  resume: { en: 'resumed', tr: 'sürdürülemez' },
  cancel: { en: 'cancelled', tr: 'iptal edilemez' },
  resolve: { en: 'resent (it was cancelled)', tr: 'yeniden gönderilemez (iptal edildi)' },
};

export const noRecipients = () =>
  new AppError(
    'campaign_no_recipients',
    {
      en: 'There is nobody to send to: the groups are empty, every recipient has opted out, or no contact was chosen.',
      tr: 'Gönderilecek kimse yok: gruplar boş, tüm alıcılar mesaj almak istemiyor ya da hiç kişi seçilmedi.',
    },
    { field: 'groupIds' },
  );

export const scheduleInPast = () =>
  new AppError(
    'schedule_in_past',
    { en: 'The scheduled time has already passed; pick a time in the future.', tr: 'Zamanlanan saat geçmiş; ileri bir zaman seçin.' },
    { field: 'scheduledAt' },
  );

export const groupNotInChannel = (index: number) =>
  new AppError(
    'group_not_found',
    {
      en: 'One of the chosen customer groups does not exist (any more) in this channel.',
      tr: 'Seçilen müşteri gruplarından biri bu kanalda (artık) yok.',
    },
    { field: `groupIds.${index}` },
  );

export const contactNotInChannel = (index: number) =>
  new AppError(
    'contact_not_found',
    { en: 'One of the chosen contacts does not exist (any more) in this channel.', tr: 'Seçilen kişilerden biri bu kanalda (artık) yok.' },
    { field: `contactIds.${index}` },
  );

export const unknownRecipient = () =>
  new AppError(
    'recipient_not_found',
    { en: 'That contact is not among the recipients of this bulk message.', tr: 'Bu kişi, bu toplu mesajın alıcıları arasında değil.' },
    { field: 'contactId' },
  );

const TEMPLATE_TEXT: Record<TemplateProblem['code'], (p: TemplateProblem) => LocalizedText> = {
  unclosed_brace: (p) => ({
    en: `A "{" at character ${p.index + 1} is never closed. Close it with "}", or write \\{ for a literal brace.`,
    tr: `${p.index + 1}. karakterdeki "{" hiç kapatılmamış. "}" ile kapatın ya da düz parantez için \\{ yazın.`,
  }),
  unmatched_brace: (p) => ({
    en: `The "}" at character ${p.index + 1} closes nothing. Remove it, or write \\} for a literal brace.`,
    tr: `${p.index + 1}. karakterdeki "}" hiçbir şeyi kapatmıyor. Silin ya da düz parantez için \\} yazın.`,
  }),
  unknown_field: (p) => {
    const key = p.code === 'unknown_field' ? p.key : '';
    return {
      en: `{{${key}}} is not a contact field. Use {{name}}, {{phone}}, {{email}} or the key of a profile field.`,
      tr: `{{${key}}} bir kişi alanı değil. {{name}}, {{phone}}, {{email}} ya da bir profil alanının anahtarını kullanın.`,
    };
  },
};

export const templateError = (field: string, problem: TemplateProblem) =>
  new AppError(`template_${problem.code}`, TEMPLATE_TEXT[problem.code](problem), { field, details: problem });

export const pacingError = (p: PacingProblem) => {
  const text: Record<PacingProblem['code'], LocalizedText> = {
    below_min: {
      en: `For a real WhatsApp number this must be at least ${p.limit} seconds, or the number risks a ban.`,
      tr: `Gerçek bir WhatsApp numarası için bu en az ${p.limit} saniye olmalı; yoksa numara engellenebilir.`,
    },
    spread: {
      en: `Leave at least ${p.limit} seconds between the shortest and the longest delay, so the spacing looks human.`,
      tr: `Gönderimler insan işi görünsün diye en kısa ve en uzun bekleme arasında en az ${p.limit} saniye bırakın.`,
    },
    required: {
      en: 'A real WhatsApp number needs a longer pause every so many recipients.',
      tr: 'Gerçek bir WhatsApp numarası belirli sayıda alıcıdan sonra daha uzun bir mola gerektirir.',
    },
    above_max: {
      en: `This can be at most ${p.limit} for this number.`,
      tr: `Bu numara için en fazla ${p.limit} olabilir.`,
    },
    max_below_min: {
      en: 'The longest pause cannot be shorter than the shortest.',
      tr: 'En uzun mola en kısadan kısa olamaz.',
    },
  };
  return new AppError(`pacing_${p.code}`, text[p.code], { field: `pacing.${p.field}`, details: { limit: p.limit } });
};

export const imageError = (index: number, code: 'missing' | 'type' | 'size' | 'empty', maxMb: number) => {
  const text: Record<typeof code, LocalizedText> = {
    missing: { en: 'The image file could not be found; upload it again.', tr: 'Görsel dosyası bulunamadı; yeniden yükleyin.' },
    type: { en: 'Only JPEG, PNG and WebP images can be sent.', tr: 'Yalnızca JPEG, PNG ve WebP görseller gönderilebilir.' },
    size: { en: `The image is larger than ${maxMb} MB.`, tr: `Görsel ${maxMb} MB'tan büyük.` },
    empty: { en: 'The image file is empty.', tr: 'Görsel dosyası boş.' },
  };
  return new AppError(`image_${code}`, text[code], { field: `parts.${index}.path` });
};

export const invalidZone = () =>
  new AppError(
    'invalid_time_zone',
    {
      en: 'That is not a time zone: use a name such as Europe/Istanbul or an offset such as +03:00.',
      tr: 'Bu bir saat dilimi değil: Europe/Istanbul gibi bir ad ya da +03:00 gibi bir fark kullanın.',
    },
    { field: 'timeZone' },
  );

export const noUnknownUnits = () =>
  new AppError(
    'no_unknown_units',
    {
      en: 'None of these messages has an unknown outcome any more.',
      tr: 'Bu mesajların hiçbirinin sonucu artık belirsiz değil.',
    },
    { field: 'unitIds' },
  );

/** Why sending stopped by itself, shown beside the paused campaign. */
export function disconnectedText(state: ConnectionState): LocalizedText {
  const why: Partial<Record<ConnectionState, LocalizedText>> = {
    qr: { en: 'the channel waits for its QR code to be scanned', tr: 'kanal QR kodunun okutulmasını bekliyor' },
    logged_out: { en: 'the phone unlinked this device', tr: 'telefon bu cihazın bağlantısını kaldırdı' },
    offline: { en: 'WhatsApp cannot be reached', tr: "WhatsApp'a ulaşılamıyor" },
    browser_missing: { en: 'no browser was found to run WhatsApp Web', tr: 'WhatsApp Web için tarayıcı bulunamadı' },
    starting: { en: 'the channel is connecting', tr: 'kanal bağlanıyor' },
    authenticating: { en: 'the channel is connecting', tr: 'kanal bağlanıyor' },
  };
  const w = why[state] ?? { en: 'the channel is not connected', tr: 'kanal bağlı değil' };
  return {
    en: `Paused because ${w.en}. Sending continues by itself once the channel is connected.`,
    tr: `Duraklatıldı çünkü ${w.tr}. Kanal bağlanınca gönderim kendiliğinden sürer.`,
  };
}

export const BLOCKED_TEXT: LocalizedText = {
  en: 'Paused because WhatsApp reports this number as blocked. Check the phone, then resume by hand if it is safe.',
  tr: 'Duraklatıldı çünkü WhatsApp bu numarayı engellenmiş gösteriyor. Telefonu kontrol edin; güvenliyse elle sürdürün.',
};

export const failureStreakText = (n: number): LocalizedText => ({
  en: `Paused after ${n} failed messages in a row. Check the channel and the results, then resume.`,
  tr: `Art arda ${n} mesaj gönderilemediği için duraklatıldı. Kanalı ve sonuçları kontrol edip sürdürün.`,
});

export const balanceText = (balance: string, needed: { en: string; tr: string }): LocalizedText => ({
  en: `Paused because the wallet balance (${balance}) does not cover the next message (${needed.en}). Sending continues by itself after a top-up.`,
  tr: `Duraklatıldı çünkü cüzdan bakiyesi (${balance}) sonraki mesajı (${needed.tr}) karşılamıyor. Bakiye yüklenince gönderim kendiliğinden sürer.`,
});

export const USER_PAUSE_TEXT: LocalizedText = { en: 'Paused by you.', tr: 'Sizin tarafınızdan duraklatıldı.' };

export const UNKNOWN_OUTCOMES_TEXT: LocalizedText = {
  en: 'Waiting for your decision: the app stopped while some messages were being sent and WhatsApp could not tell whether they went out. Resend them or mark them as sent or failed.',
  tr: 'Kararınız bekleniyor: bazı mesajlar gönderilirken uygulama durdu ve WhatsApp gidip gitmediklerini söyleyemedi. Yeniden gönderin ya da gönderildi veya başarısız olarak işaretleyin.',
};

/** Why a unit did not go out (or not as planned). */
export const FAILURE_TEXT: Record<string, LocalizedText> = {
  opted_out: { en: 'Opted out of messages', tr: 'Mesaj almak istemiyor' },
  cancelled: { en: 'Bulk message cancelled', tr: 'Toplu mesaj iptal edildi' },
  not_on_whatsapp: { en: 'The number is not on WhatsApp', tr: "Numara WhatsApp'ta değil" },
  contact_deleted: { en: 'The contact was deleted', tr: 'Kişi silindi' },
  empty_text: { en: 'The message was empty for this contact', tr: 'Mesaj bu kişi için boş kaldı' },
  send_failed: { en: 'WhatsApp did not accept the message', tr: 'WhatsApp mesajı kabul etmedi' },
  image_missing: { en: 'The image file is missing', tr: 'Görsel dosyası eksik' },
  marked_failed: { en: 'Marked as failed by you', tr: 'Sizin tarafınızdan başarısız işaretlendi' },
};

export const GROUP_DELETED_NOTICE = (name: string): LocalizedText => ({
  en: `The customer group "${name}" was deleted after this bulk message was saved; it no longer adds recipients.`,
  tr: `"${name}" müşteri grubu bu toplu mesaj kaydedildikten sonra silindi; artık alıcı eklemiyor.`,
});
