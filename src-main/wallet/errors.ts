import { CARD_BRAND_LABEL, CARD_BRANDS, type CardNumberProblem } from '../../src-shared/domain/card';
import { formatMoney, type Currency } from '../../src-shared/domain/money';
import { AppError, notFound } from '../../src-shared/errors';
import { PHONE_PROBLEM_TEXT, type PhoneProblem } from '../../src-shared/domain/phone';

/** Every wallet error in one place, with its English and Turkish text. None of them ever repeats a card number. */

const money = (minor: number, currency: Currency, lang: 'en' | 'tr') => formatMoney(minor, currency, lang === 'tr' ? 'tr-TR' : 'en-US');

export function insufficientBalance(balance: number, needed: number, currency: Currency): AppError {
  return new AppError(
    'insufficient_balance',
    {
      en: `The wallet balance (${money(balance, currency, 'en')}) does not cover this charge (${money(needed, currency, 'en')}). Add balance and try again.`,
      tr: `Cüzdan bakiyesi (${money(balance, currency, 'tr')}) bu ücreti (${money(needed, currency, 'tr')}) karşılamıyor. Bakiye ekleyip tekrar deneyin.`,
    },
    { details: { balanceMinor: balance, neededMinor: needed } },
  );
}

export function idempotencyConflict(key: string): AppError {
  const shown = key.length > 60 ? `${key.slice(0, 57)}...` : key;
  return new AppError(
    'idempotency_conflict',
    {
      en: `The key "${shown}" was already used for a different wallet operation; nothing was written. Use a new key for a new operation.`,
      tr: `"${shown}" anahtarı farklı bir cüzdan işlemi için zaten kullanıldı; hiçbir şey yazılmadı. Yeni bir işlem için yeni bir anahtar kullanın.`,
    },
    { field: 'idempotencyKey' },
  );
}

export function currencyLocked(): AppError {
  return new AppError(
    'currency_locked',
    {
      en: 'The wallet already has transactions, so its currency can no longer change.',
      tr: 'Cüzdanda zaten işlemler var, bu yüzden para birimi artık değiştirilemez.',
    },
    { field: 'currency' },
  );
}

export function topUpLimitsInvalid(): AppError {
  return new AppError(
    'top_up_limits_invalid',
    {
      en: 'The minimum top-up cannot be larger than the maximum.',
      tr: 'En düşük yükleme tutarı en yüksek tutardan büyük olamaz.',
    },
    { field: 'topUpMinMinor' },
  );
}

export function topUpOutOfRange(min: number, max: number, currency: Currency): AppError {
  return new AppError(
    'top_up_out_of_range',
    {
      en: `A top-up must be between ${money(min, currency, 'en')} and ${money(max, currency, 'en')}.`,
      tr: `Yükleme tutarı ${money(min, currency, 'tr')} ile ${money(max, currency, 'tr')} arasında olmalı.`,
    },
    { field: 'amountMinor', details: { minMinor: min, maxMinor: max } },
  );
}

const CARD_NUMBER_TEXT: Record<CardNumberProblem, { en: string; tr: string }> = {
  characters: {
    en: 'The card number may contain only digits (spaces and dashes are fine).',
    tr: 'Kart numarası yalnızca rakam içerebilir (boşluk ve tire olabilir).',
  },
  brand: {
    en: `This card number does not belong to a supported card network (${CARD_BRANDS.map((b) => CARD_BRAND_LABEL[b]).join(', ')}).`,
    tr: `Bu kart numarası desteklenen bir kart ağına ait değil (${CARD_BRANDS.map((b) => CARD_BRAND_LABEL[b]).join(', ')}).`,
  },
  length: {
    en: 'The card number has the wrong number of digits for its card network.',
    tr: 'Kart numarasının hane sayısı kart ağına göre yanlış.',
  },
  luhn: {
    en: 'The card number is not valid: check it for a mistyped digit.',
    tr: 'Kart numarası geçerli değil: yanlış yazılmış bir rakam olup olmadığını kontrol edin.',
  },
};

export function cardNumberInvalid(problem: CardNumberProblem): AppError {
  return new AppError(`card_number_${problem}`, CARD_NUMBER_TEXT[problem], { field: 'number' });
}

export function expiryInvalid(): AppError {
  return new AppError(
    'card_expiry_invalid',
    { en: 'Write the expiry date as MM/YY, for example 08/29.', tr: 'Son kullanma tarihini AA/YY olarak yazın, örneğin 08/29.' },
    { field: 'expiry' },
  );
}

export function cardExpired(field: 'expiry' | 'cardId'): AppError {
  return new AppError(
    'card_expired',
    {
      en: field === 'expiry' ? 'This card has expired. Use a card whose expiry date is in the future.' : 'This card has expired; add a current card to top up.',
      tr: field === 'expiry' ? 'Bu kartın süresi dolmuş. Son kullanma tarihi ileride olan bir kart kullanın.' : 'Bu kartın süresi dolmuş; yükleme için geçerli bir kart ekleyin.',
    },
    { field },
  );
}

export function cvcInvalid(amex: boolean): AppError {
  return new AppError(
    'card_cvc_invalid',
    amex
      ? { en: 'The security code of an American Express card is the 4 digits on its front.', tr: 'American Express kartının güvenlik kodu ön yüzündeki 4 rakamdır.' }
      : { en: 'The security code (CVC) is the 3 digits on the back of the card.', tr: 'Güvenlik kodu (CVC) kartın arkasındaki 3 rakamdır.' },
    { field: 'cvc' },
  );
}

export const cardNotFound = () => notFound({ en: 'The saved card', tr: 'Kayıtlı kart' }, 'cardId');
export const entryNotFound = (field: string) => notFound({ en: 'The wallet transaction', tr: 'Cüzdan işlemi' }, field);
export const statementNotFound = () => notFound({ en: 'The statement', tr: 'Hesap özeti' }, 'id');
export const channelNotFound = () => notFound({ en: 'The channel', tr: 'Kanal' }, 'channelId');

export function notACharge(field: string): AppError {
  return new AppError(
    'not_a_charge',
    { en: 'Only a message charge can be refunded.', tr: 'Yalnızca mesaj ücreti iade edilebilir.' },
    { field },
  );
}

export function alreadyRefunded(field: string): AppError {
  return new AppError(
    'already_refunded',
    { en: 'This charge has already been refunded.', tr: 'Bu ücret zaten iade edildi.' },
    { field },
  );
}

export function refundTooLarge(charged: number, currency: Currency): AppError {
  return new AppError(
    'refund_too_large',
    charged === 0
      ? { en: 'This charge cost nothing, so there is nothing to refund.', tr: 'Bu ücret sıfırdı; iade edilecek bir şey yok.' }
      : {
          en: `A refund can give back at most what was charged (${money(charged, currency, 'en')}).`,
          tr: `İade en fazla alınan ücret kadar olabilir (${money(charged, currency, 'tr')}).`,
        },
    { field: 'amountMinor', details: { chargedMinor: charged } },
  );
}

export function phoneInvalid(problem: PhoneProblem): AppError {
  return new AppError(`phone_${problem}`, PHONE_PROBLEM_TEXT[problem], { field: 'phone' });
}

export function adjustmentBelowZero(balance: number, currency: Currency): AppError {
  return new AppError(
    'insufficient_balance',
    {
      en: `This correction would take the balance (${money(balance, currency, 'en')}) below zero.`,
      tr: `Bu düzeltme bakiyeyi (${money(balance, currency, 'tr')}) sıfırın altına düşürür.`,
    },
    { field: 'amountMinor', details: { balanceMinor: balance } },
  );
}

export function balanceTooLarge(): AppError {
  return new AppError(
    'balance_too_large',
    { en: 'The balance cannot grow this large.', tr: 'Bakiye bu kadar büyüyemez.' },
    { field: 'amountMinor' },
  );
}

export function exportTooLarge(max: number): AppError {
  return new AppError(
    'export_too_large',
    {
      en: `More than ${max.toLocaleString('en')} transactions: export them as CSV (Excel opens it too), or narrow the filter.`,
      tr: `${max.toLocaleString('tr')} işlemden fazla: CSV olarak dışa aktarın (Excel onu da açar) ya da filtreyi daraltın.`,
    },
    { field: 'format' },
  );
}
