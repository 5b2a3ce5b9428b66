import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { channelCore } from './harness';

describe('attributes (Visitor Profile Information)', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => ({ t, channelId } = await channelCore()));
  afterEach(() => t.close());

  it('defines typed fields; values are validated and normalised on every write', async () => {
    await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
    await t.ok('attributes.create', { key: 'age', label: 'Yaş', type: 'number' });
    await t.ok('attributes.create', { key: 'birthday', label: 'Doğum günü', type: 'date' });
    await t.ok('attributes.create', { key: 'work_mail', label: 'İş e-postası', type: 'email' });
    await t.ok('attributes.create', { key: 'alt_phone', label: 'Diğer telefon', type: 'phone' });
    const tier = await t.ok('attributes.create', { key: 'tier', label: 'Üyelik', type: 'choice', options: ['Altın', 'Gümüş'] });
    expect(tier).toMatchObject({ key: 'tier', type: 'choice', options: ['Altın', 'Gümüş'] });
    expect((await t.ok('attributes.list', {})).map((a) => a.key)).toEqual(['city', 'age', 'birthday', 'work_mail', 'alt_phone', 'tier']);

    const c = await t.ok('contacts.create', {
      channelId,
      phone: '05331112233',
      attributes: { city: ' İzmir ', age: '1.250,5', birthday: '15.01.1990', work_mail: 'A@B.COM', alt_phone: '0544 111 22 33', tier: 'altin' },
    });
    expect(c.attributes).toEqual({ city: 'İzmir', age: 1250.5, birthday: '1990-01-15', work_mail: 'a@b.com', alt_phone: '+905441112233', tier: 'Altın' });

    const cases: [string, unknown, string][] = [
      ['age', 'many', 'number_invalid'],
      ['birthday', '31.02.1990', 'date_invalid'],
      ['work_mail', 'nope', 'email_invalid'],
      ['alt_phone', '12', 'phone_invalid'],
      ['tier', 'Bronz', 'choice_invalid'],
      ['nosuch', 'x', 'attribute_unknown'],
    ];
    for (const [key, value, code] of cases) {
      const e = await t.err('contacts.update', { id: c.id, attributes: { [key]: value } });
      expect(e.code, key).toBe(code);
      expect(e.field).toBe(`attributes.${key}`);
      expect(e.messageTr.length).toBeGreaterThan(5);
    }
    expect((await t.ok('contacts.get', { id: c.id })).attributes).toEqual(c.attributes);
    const cleared = await t.ok('contacts.update', { id: c.id, attributes: { age: null, city: '' } });
    expect(cleared.attributes).toEqual({ birthday: '1990-01-15', work_mail: 'a@b.com', alt_phone: '+905441112233', tier: 'Altın' });
  });

  it('renaming keeps the values; deleting removes them everywhere, search included', async () => {
    const city = await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
    const a = await t.ok('contacts.create', { channelId, phone: '05331112233', attributes: { city: 'Eskişehir' } });
    const b = await t.ok('contacts.create', { channelId, phone: '05331112234', name: 'Eski Dost' });
    const renamed = await t.ok('attributes.update', { id: city.id, label: 'İl' });
    expect(renamed).toMatchObject({ key: 'city', label: 'İl' });
    expect((await t.ok('contacts.get', { id: a.id })).attributes).toEqual({ city: 'Eskişehir' });
    expect((await t.ok('contacts.search', { channelId, query: 'eskisehir', limit: 5 })).items.map((x) => x.id)).toEqual([a.id]);

    expect(await t.ok('attributes.delete', { id: city.id })).toEqual({ deleted: true, valuesRemoved: 1 });
    expect((await t.ok('contacts.get', { id: a.id })).attributes).toEqual({});
    expect((await t.ok('contacts.search', { channelId, query: 'eskisehir', limit: 5 })).items).toEqual([]);
    expect((await t.ok('contacts.search', { channelId, query: 'eski', limit: 5 })).items.map((x) => x.id)).toEqual([b.id]);
    expect((await t.err('contacts.update', { id: a.id, attributes: { city: 'x' } })).code).toBe('attribute_unknown');
    const again = await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'choice', options: ['Ankara'] });
    expect(again.type).toBe('choice');
  });

  it('refuses reserved or duplicate keys, duplicate labels (Turkish-folded) and bad options', async () => {
    await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'city', label: 'Other', type: 'text' }, 'attribute_key_taken'],
      [{ key: 'town', label: 'ŞEHİR', type: 'text' }, 'attribute_label_taken'],
      [{ key: 'phone', label: 'Tel', type: 'text' }, 'attribute_key_reserved'],
      [{ key: 'Bad Key', label: 'X', type: 'text' }, 'invalid_input'],
      [{ key: 'tier', label: 'Tier', type: 'choice' }, 'attribute_options_required'],
      [{ key: 'tier', label: 'Tier', type: 'choice', options: ['Altın', 'ALTIN'] }, 'attribute_option_duplicate'],
      [{ key: 'size', label: 'Size', type: 'number', options: ['1'] }, 'attribute_options_not_allowed'],
      [{ key: 'x', label: '   ', type: 'text' }, 'invalid_input'],
      [{ key: 'x', label: 'X', type: 'colour' }, 'invalid_input'],
    ];
    for (const [input, code] of cases) expect((await t.err('attributes.create', input)).code, JSON.stringify(input)).toBe(code);
    expect((await t.err('attributes.update', { id: 999, label: 'x' })).code).toBe('not_found');
    expect((await t.ok('attributes.list', {})).length).toBe(1);
  });
});
