import type { AttributeDef } from '../../src-shared/api/contacts';
import type { ImportMapping, MappingTarget } from '../../src-shared/api/imports';
import { AppError } from '../../src-shared/errors';
import { foldText } from '../../src-shared/domain/text';

/** Header names people use, folded and stripped to letters and digits (`E-posta` -> `eposta`). */
const SYNONYMS: Record<'phone' | 'name' | 'email', string[]> = {
  phone: [
    'telefon', 'tel', 'telno', 'telefonno', 'telefonnumarasi', 'cep', 'ceptel', 'ceptelefonu', 'ceptelefon', 'cepno',
    'gsm', 'gsmno', 'numara', 'mobil', 'mobile', 'mobilephone', 'mobilenumber', 'phone', 'phonenumber', 'phoneno',
    'cell', 'cellphone', 'whatsapp', 'whatsappno', 'msisdn',
  ],
  name: [
    'adsoyad', 'adisoyadi', 'adsoyadi', 'isimsoyisim', 'isimsoyad', 'isim', 'ad', 'adi', 'soyad', 'soyadi', 'soyisim',
    'name', 'fullname', 'firstname', 'lastname', 'surname', 'musteri', 'musteriadi', 'musteriadisoyadi', 'kisi',
    'kisiadi', 'contact', 'contactname', 'customer', 'customername',
  ],
  email: ['eposta', 'epostaadresi', 'mail', 'email', 'emailaddress', 'mailadresi', 'elektronikposta'],
};

const headerKey = (s: string) => foldText(s).replace(/[^a-z0-9]/g, '');

/**
 * Guesses a field for each column from its header: the built-in fields by their English and Turkish names, an
 * attribute by its key or label. One phone column and one email column at most; a name may span several columns
 * (`Ad` + `Soyad`), joined in column order.
 */
export function guessMapping(columns: string[], defs: AttributeDef[], hasHeader: boolean): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  for (const column of columns) {
    let target: MappingTarget = 'ignore';
    if (hasHeader) {
      const key = headerKey(column);
      const attr = defs.find((d) => headerKey(d.key) === key || headerKey(d.label) === key);
      if (SYNONYMS.phone.includes(key) && !used.has('phone')) target = 'phone';
      else if (SYNONYMS.email.includes(key) && !used.has('email')) target = 'email';
      else if (SYNONYMS.name.includes(key)) target = 'name';
      else if (attr && !used.has(`attr:${attr.key}`)) target = `attr:${attr.key}`;
    }
    used.add(target);
    mapping[column] = target;
  }
  return mapping;
}

/** Without a header nothing is known from names: the column whose first values look like phone numbers is it. */
export function guessPhoneColumnByValues(columns: string[], samples: string[][], mapping: ImportMapping): void {
  if (Object.values(mapping).includes('phone')) return;
  const looksPhone = (v: string) => /^[+(]?[\d\s().\-/]{7,20}$/.test(v.trim()) && v.replace(/\D/g, '').length >= 7;
  let best = -1;
  let bestHits = 0;
  columns.forEach((_, i) => {
    const hits = (samples[i] ?? []).filter(looksPhone).length;
    if (hits > bestHits) {
      best = i;
      bestHits = hits;
    }
  });
  if (best >= 0) mapping[columns[best]!] = 'phone';
}

export interface ResolvedMapping {
  phone: number;
  name: number[];
  email: number | null;
  attributes: { index: number; def: AttributeDef }[];
}

export interface MappingProblem {
  code: string;
  message: string;
  messageTr: string;
}

/**
 * Checks a mapping against the file's columns and the attribute definitions, with the problems in both
 * languages. The resolution is best effort (the first of two phone columns wins) so a preview can still show
 * rows; an import refuses any problem. `phone` is -1 when no column is the phone.
 */
export function checkMapping(
  mapping: ImportMapping,
  columns: string[],
  defs: AttributeDef[],
): { resolved: ResolvedMapping; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const add = (code: string, en: string, tr: string) => problems.push({ code, message: en, messageTr: tr });
  const index = new Map(columns.map((c, i) => [c, i]));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const resolved: ResolvedMapping = { phone: -1, name: [], email: null, attributes: [] };
  const seenAttr = new Set<string>();
  for (const [column, target] of Object.entries(mapping)) {
    const i = index.get(column);
    if (i === undefined) {
      add('mapping_unknown_column', `The file has no column named "${column}".`, `Dosyada "${column}" adında bir sütun yok.`);
      continue;
    }
    if (target === 'ignore') continue;
    if (target === 'phone') {
      if (resolved.phone >= 0) {
        add('mapping_duplicate_field', 'Only one column can be the phone number.', 'Yalnızca bir sütun telefon numarası olabilir.');
      } else resolved.phone = i;
    } else if (target === 'name') {
      resolved.name.push(i);
    } else if (target === 'email') {
      if (resolved.email !== null) {
        add('mapping_duplicate_field', 'Only one column can be the email address.', 'Yalnızca bir sütun e-posta adresi olabilir.');
      } else resolved.email = i;
    } else {
      const key = target.slice('attr:'.length);
      const def = byKey.get(key);
      if (!def) {
        add('mapping_unknown_attribute', `There is no attribute with the key "${key}".`, `"${key}" anahtarlı bir özellik yok.`);
      } else if (seenAttr.has(key)) {
        add('mapping_duplicate_field', `Only one column can fill "${def.label}".`, `"${def.label}" alanını yalnızca bir sütun doldurabilir.`);
      } else {
        seenAttr.add(key);
        resolved.attributes.push({ index: i, def });
      }
    }
  }
  if (resolved.phone < 0) {
    add(
      'mapping_phone_required',
      'Choose the column that holds the phone numbers: a contact cannot be saved without one.',
      'Telefon numaralarının olduğu sütunu seçin: telefonsuz kişi kaydedilemez.',
    );
  }
  resolved.name.sort((a, b) => a - b);
  return { resolved, problems };
}

export function mappingError(problems: MappingProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(first.code, { en: first.message, tr: first.messageTr }, { field: 'mapping', details: { problems } });
}
