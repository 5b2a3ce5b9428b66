import { describe, expect, it } from 'vitest';
import type { AttributeDef } from '../../../src-shared/api/contacts';
import { checkMapping, guessMapping, guessPhoneColumnByValues } from '../../../src-main/imports/mapping';
import { importPhone } from '../../../src-main/imports/phone';
import { detectEncoding, detectSeparator, looksLikeText } from '../../../src-main/imports/sniff';
import { cellText } from '../../../src-main/imports/source';

const def = (key: string, label: string): AttributeDef => ({ id: 1, key, label, type: 'text', options: null, createdAt: 0, updatedAt: 0 });

describe('file detection', () => {
  it('detects the separator by consistent counts outside quotes', () => {
    expect(detectSeparator('Ad;Telefon;Not\nAyşe;0532;"a, b, c"\nAli;0533;x\n')).toBe(';');
    expect(detectSeparator('a,b,c\r\n1,2,3\r\n4,5,6')).toBe(',');
    expect(detectSeparator('a\tb\n1\t"x;y;z"\n')).toBe('\t');
    expect(detectSeparator('"Yılmaz, Ayşe";0532 111 22 33\n"Kaya, Ali";0533 111 22 33\n')).toBe(';');
    expect(detectSeparator('just one column\nanother\n')).toBe(',');
    expect(detectSeparator('')).toBe(',');
  });

  it('detects UTF-8 with and without BOM, UTF-16 and Windows-1254', () => {
    expect(detectEncoding(Buffer.from('\uFEFFAd;Telefon', 'utf8'))).toBe('utf-8-sig');
    expect(detectEncoding(Buffer.from('Ayşe;Işıl', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x41, 0x79, 0xfe, 0x65]))).toBe('windows-1254');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    const cut = Buffer.from('abcş', 'utf8');
    expect(detectEncoding(cut.subarray(0, cut.length - 1))).toBe('utf-8');
  });

  it('tells text from binary', () => {
    expect(looksLikeText(Buffer.from('Ad;Telefon\r\nAyşe;0532\r\n', 'utf8'))).toBe(true);
    expect(looksLikeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(false);
    expect(looksLikeText(Buffer.from('%PDF-1.7\n\x01\x02\x03\x04\x05', 'latin1'))).toBe(false);
  });

  it('reads spreadsheet cells without losing digits, flagging what Excel already lost', () => {
    expect(cellText({ t: 'n', v: 905321234567 })).toBe('905321234567');
    expect(cellText({ t: 'n', v: 5321234567 })).toBe('5321234567');
    expect(cellText({ t: 'n', v: 905321000000 })).toBe('9.05321E+11');
    expect(cellText({ t: 'n', v: 12.5 })).toBe('12.5');
    expect(cellText({ t: 'n', v: 46037, z: 'dd.mm.yyyy' })).toBe('2026-01-15');
    expect(cellText({ t: 's', v: '9.05321E+11' })).toBe('9.05321E+11');
    expect(cellText({ t: 'b', v: true })).toBe('TRUE');
    expect(cellText({ t: 'e', v: 7 })).toBe('');
    expect(cellText(undefined)).toBe('');
  });

  it('normalises import phones like parsePhone, flagging scientific notation', () => {
    for (const raw of ['905321234567', '5321234567', '0532 123 45 67', '+90 (532) 123-4567', '00905321234567', '5321234567.0']) {
      expect(importPhone(raw, 'TR'), raw).toEqual({ ok: true, e164: '+905321234567' });
    }
    expect(importPhone('9.05321E+11', 'TR')).toMatchObject({ ok: false, code: 'phone_precision_lost' });
    expect(importPhone('9,05321E+11', 'TR')).toMatchObject({ ok: false, code: 'phone_precision_lost' });
    expect(importPhone('', 'TR')).toMatchObject({ ok: false, code: 'phone_empty' });
    expect(importPhone('0532 12', 'TR')).toMatchObject({ ok: false, code: 'phone_too_short' });
    expect(importPhone('yok', 'TR')).toMatchObject({ ok: false, code: 'phone_invalid' });
    expect(importPhone('020 7946 0018', 'GB')).toEqual({ ok: true, e164: '+442079460018' });
  });
});

describe('column mapping', () => {
  it('guesses fields from English and Turkish headers and attribute keys or labels', () => {
    const defs = [def('city', 'Şehir'), def('customer_no', 'Müşteri No')];
    expect(
      guessMapping(['Ad Soyad', 'Cep Telefonu', 'E-posta', 'ŞEHİR', 'customer_no', 'Not', 'GSM'], defs, true),
    ).toEqual({ 'Ad Soyad': 'name', 'Cep Telefonu': 'phone', 'E-posta': 'email', ŞEHİR: 'attr:city', customer_no: 'attr:customer_no', Not: 'ignore', GSM: 'ignore' });
    expect(guessMapping(['Name', 'Mobile', 'Email'], [], true)).toEqual({ Name: 'name', Mobile: 'phone', Email: 'email' });
    expect(guessMapping(['Adı', 'Soyadı', 'Tel', 'Mail'], [], true)).toEqual({ Adı: 'name', Soyadı: 'name', Tel: 'phone', Mail: 'email' });
    expect(guessMapping(['İsim', 'Telefon', 'Eposta', 'Müşteri No'], defs, true)).toEqual({
      İsim: 'name',
      Telefon: 'phone',
      Eposta: 'email',
      'Müşteri No': 'attr:customer_no',
    });
    const blind = guessMapping(['Column 1', 'Column 2'], [], false);
    expect(blind).toEqual({ 'Column 1': 'ignore', 'Column 2': 'ignore' });
    guessPhoneColumnByValues(['Column 1', 'Column 2'], [['Ayşe', 'Ali'], ['0532 111 22 33', '+90 533 111 22 33']], blind);
    expect(blind['Column 2']).toBe('phone');
  });

  it('requires exactly one phone column and known columns and attributes', () => {
    const columns = ['A', 'B', 'C'];
    const codes = (m: Record<string, string>) => checkMapping(m as never, columns, [def('city', 'Şehir')]).problems.map((p) => p.code);
    expect(codes({ A: 'phone', B: 'name', C: 'name' })).toEqual([]);
    expect(codes({ A: 'name' })).toEqual(['mapping_phone_required']);
    expect(codes({ A: 'phone', B: 'phone' })).toEqual(['mapping_duplicate_field']);
    expect(codes({ A: 'phone', B: 'email', C: 'email' })).toEqual(['mapping_duplicate_field']);
    expect(codes({ A: 'phone', B: 'attr:city', C: 'attr:city' })).toEqual(['mapping_duplicate_field']);
    expect(codes({ A: 'phone', B: 'attr:nope' })).toEqual(['mapping_unknown_attribute']);
    expect(codes({ A: 'phone', Z: 'name' })).toEqual(['mapping_unknown_column']);
    const { resolved } = checkMapping({ C: 'name', A: 'phone', B: 'name' }, columns, []);
    expect(resolved.name).toEqual([1, 2]);
  });
});
