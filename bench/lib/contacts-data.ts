import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../src-main/campaigns/random';
import { writeXlsx } from './xlsx-stream';

/**
 * Seeded, realistic contact files the way Turkish offices export them: `;`-separated UTF-8, Turkish names,
 * phones in every written form (some stored as numbers in spreadsheets), ~1% junk phones, ~1% repeated numbers
 * in another form, and notes with commas, quotes and line breaks.
 */

export const GENERATOR_VERSION = 2;
export const HEADER = ['Ad Soyad', 'Telefon', 'E-posta', 'Şehir', 'Not'];

const FIRST = [
  'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Şule', 'Işıl', 'İpek', 'Özge', 'Gül', 'Merve', 'Büşra',
  'Çiğdem', 'Dilek', 'Ebru', 'Tülay', 'Sevgi', 'Nur', 'Derya', 'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin',
  'Hasan', 'İbrahim', 'İsmail', 'Osman', 'Yusuf', 'Ömer', 'Murat', 'Emre', 'Çağlar', 'Uğur', 'Barış', 'Oğuz',
  'Gökhan', 'Serkan', 'Şükrü', 'Ümit', 'Yiğit', 'Ilgaz', 'Doğukan', 'Berk',
];
const LAST = [
  'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan',
  'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Güneş', 'Erdoğan',
  'Aktaş', 'Işık', 'Ağaoğlu', 'Güler', 'Ünal', 'İnce', 'Bulut', 'Taş', 'Keskin', 'Ekinci', 'Sarı', 'Tekin',
];
const CITIES = ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Isparta', 'Eskişehir', 'Şanlıurfa', 'Çanakkale', 'Muğla', 'Iğdır'];
const PREFIXES = ['501', '505', '506', '507', '530', '531', '532', '533', '534', '535', '536', '537', '538', '539', '541', '542', '543', '544', '545', '546', '547', '548', '549', '551', '552', '553', '554', '555', '559'];
const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com', 'yandex.com.tr', 'firma.com.tr'];
const NOTES = [
  'Aradı, tekrar aranacak',
  '"Acil" değil, hafta içi dönüş',
  'Fiyat sordu; indirim istedi',
  'Kargo adresi değişti,\nyeni adres: Kadıköy',
  'Sipariş: 3 adet, "mavi"',
];
const JUNK = ['123', 'abc', '', '9.05321E+11', '0532 12', '+1 555', 'yok', '0212'];

const ascii = (s: string) =>
  s.replace(/[İIı]/g, 'i').replace(/ş/gi, 's').replace(/ğ/gi, 'g').replace(/ç/gi, 'c').replace(/ö/gi, 'o').replace(/ü/gi, 'u').toLowerCase();

export interface GeneratedRow {
  name: string;
  /** The phone as written in the file (a number for spreadsheet cells stored as numbers). */
  phone: string | number;
  /** The number it means, when it is a valid one. */
  national: string | null;
  email: string;
  city: string;
  note: string;
}

/** The i-th distinct mobile number: the 7 subscriber digits come from a bijection of i, so no two collide. */
function mobile(i: number): string {
  const subscriber = String((i * 7_919 + 1_234_567) % 10_000_000).padStart(7, '0');
  return `${PREFIXES[i % PREFIXES.length]}${subscriber}`;
}

function written(national: string, r: () => number, asNumbers: boolean): string | number {
  const [a, b, c, d] = [national.slice(0, 3), national.slice(3, 6), national.slice(6, 8), national.slice(8)];
  const k = Math.floor(r() * 8);
  if (asNumbers && k < 3) return k === 0 ? Number(`90${national}`) : Number(national);
  switch (k) {
    case 0: return `0${a} ${b} ${c} ${d}`;
    case 1: return `+90 ${a} ${b} ${c} ${d}`;
    case 2: return `+90 (${a}) ${b}-${c}${d}`;
    case 3: return `90${national}`;
    case 4: return national;
    case 5: return `0${a}-${b}-${c}-${d}`;
    case 6: return `(0${a}) ${b} ${c} ${d}`;
    default: return `0${national}`;
  }
}

/** Yields `count` rows; the same seed always gives the same rows. */
export function* generateRows(count: number, seed = 20260115, asNumbers = false): Generator<GeneratedRow> {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const x = r();
    let national: string | null;
    let phone: string | number;
    if (x < 0.01) {
      national = null;
      phone = pick(JUNK);
    } else if (x < 0.02 && i > 0) {
      national = mobile(Math.floor(r() * i));
      phone = written(national, r, asNumbers);
    } else {
      national = mobile(i);
      phone = written(national, r, asNumbers);
    }
    const email = r() < 0.6 ? `${ascii(first)}.${ascii(last)}${i % 97}@${pick(DOMAINS)}` : '';
    yield { name: `${first} ${last}`, phone, national, email, city: pick(CITIES), note: r() < 0.25 ? pick(NOTES) : '' };
  }
}

const csvField = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes (or reuses) `<dir>/contacts-<count>.csv` and returns its path. */
export function contactsCsv(dir: string, count: number): string {
  const file = path.join(dir, `contacts-${count}-v${GENERATOR_VERSION}.csv`);
  if (fs.existsSync(file)) return file;
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let buf = `${HEADER.join(';')}\r\n`;
  for (const row of generateRows(count)) {
    buf += `${[row.name, String(row.phone), row.email, row.city, row.note].map(csvField).join(';')}\r\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return file;
}

/** Writes (or reuses) `<dir>/contacts-<count>.xlsx`, a third of the phones stored as numbers. */
export async function contactsXlsx(dir: string, count: number): Promise<string> {
  const file = path.join(dir, `contacts-${count}-v${GENERATOR_VERSION}.xlsx`);
  if (fs.existsSync(file)) return file;
  const rows = (function* () {
    for (const row of generateRows(count, 20260115, true)) yield [row.name, row.phone, row.email, row.city, row.note];
  })();
  await writeXlsx(`${file}.tmp`, 'Kişiler', HEADER, rows);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}
