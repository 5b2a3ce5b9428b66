import { describe, expect, it } from 'vitest';
import { compilePart, PartTemplateError, renderPart, type RecipientFields } from '../../../src-main/campaigns/message';
import { hash32, seededRandom } from '../../../src-main/campaigns/random';
import { fieldsOf, parseTemplate, renderTemplate, TemplateError } from '../../../src-main/campaigns/template';

const known = (k: string) => ['name', 'phone', 'email', 'city', 'plan'].includes(k);
const values = (v: Record<string, string | null>) => (k: string) => v[k] ?? null;
/** A generator that returns the given numbers in turn. */
const scripted = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};
const render = (src: string, v: Record<string, string | null> = {}, random = scripted(0)) =>
  renderTemplate(parseTemplate(src, known), values(v), random);

const ayse: RecipientFields = { phone: '+905321234567', name: 'Ayşe', pushName: null, email: null, attributes: { city: 'İzmir' } };

describe('placeholders', () => {
  it('fills name and attributes, case-insensitive keys, spaces allowed', () => {
    expect(render('Merhaba {{name}} from {{ City }}!', { name: 'Ayşe', city: 'İzmir' }).text).toBe('Merhaba Ayşe from İzmir!');
  });

  it('uses the fallback when there is no value or only blanks, and reports missing ones without a fallback', () => {
    expect(render('Hi {{name|Customer}}', {}).text).toBe('Hi Customer');
    expect(render('Hi {{name|Customer}}', { name: '   ' }).text).toBe('Hi Customer');
    expect(render('Hi {{ name | dear customer }}', {}).text).toBe('Hi dear customer');
    const out = render('Hi {{name}} in {{city}} and {{name}}', {});
    expect(out.text).toBe('Hi  in  and');
    expect(out.missing).toEqual(['name', 'city']);
  });

  it('refuses a placeholder that names no field, with its position', () => {
    try {
      parseTemplate('Hello {{colour}}', known);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).problem).toEqual({ code: 'unknown_field', index: 6, key: 'colour' });
    }
  });

  it('lists the fields a template uses, inside spintax too', () => {
    expect(fieldsOf(parseTemplate('{Hi {{name}}|Hello {{city|there}}} {{name}}', known)).sort()).toEqual(['city', 'name']);
  });
});

describe('spintax', () => {
  it('picks one option per group and records which', () => {
    expect(render('{Hi|Hello|Hey} there', {}, scripted(0.5))).toMatchObject({ text: 'Hello there', spins: [1] });
    expect(render('{Hi|Hello|Hey} there', {}, scripted(0.99))).toMatchObject({ text: 'Hey there', spins: [2] });
  });

  it('handles nested groups and placeholders inside options', () => {
    const out = render('{Hi {dear|lovely} {{name}}|Hello}!', { name: 'Ali' }, scripted(0.1, 0.9));
    expect(out).toMatchObject({ text: 'Hi lovely Ali!', spins: [0, 1] });
    expect(render('{Hi {dear|lovely} {{name}}|Hello}!', { name: 'Ali' }, scripted(0.9)).text).toBe('Hello!');
  });

  it('allows empty options', () => {
    expect(render('Hi{ there|}!', {}, scripted(0.9)).text).toBe('Hi!');
  });

  it('keeps escaped braces and pipes literal, and a group without alternatives as text in braces', () => {
    expect(render('Use \\{code\\} or a \\| pipe, \\\\ too').text).toBe('Use {code} or a | pipe, \\ too');
    expect(render('{ok} and | alone').text).toBe('{ok} and | alone');
    expect(render('{a|\\}}', {}, scripted(0.9)).text).toBe('}');
  });

  it('reports unbalanced braces with their position', () => {
    expect(() => parseTemplate('Hi {there', known)).toThrow(TemplateError);
    try {
      parseTemplate('ab {x|{y} z', known);
    } catch (err) {
      expect((err as TemplateError).problem).toEqual({ code: 'unclosed_brace', index: 3 });
    }
    try {
      parseTemplate('a } b', known);
    } catch (err) {
      expect((err as TemplateError).problem).toEqual({ code: 'unmatched_brace', index: 2 });
    }
  });

  it('treats {{ that is no placeholder as nested groups', () => {
    expect(render('{{a|b}|c}', {}, scripted(0.1, 0.9)).text).toBe('b');
  });
});

describe('parts per recipient', () => {
  const variants = compilePart(1, { kind: 'random_text', variants: ['One {{name}}', 'Two {{name}}', 'Three {{name}}'] }, known);

  it('picks the same variant and options for the same (campaign, contact, part), every time', () => {
    const a = renderPart(variants, ayse, 7, 42);
    const b = renderPart(variants, ayse, 7, 42);
    expect(a).toEqual(b);
    expect(a.text).toMatch(/^(One|Two|Three) Ayşe$/);
  });

  it('spreads variants over recipients and campaigns', () => {
    const counts = [0, 0, 0];
    for (let contact = 1; contact <= 600; contact++) counts[renderPart(variants, ayse, 3, contact).variant!]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(120);
    const other = Array.from({ length: 50 }, (_, i) => renderPart(variants, ayse, 4, i + 1).variant);
    const same = Array.from({ length: 50 }, (_, i) => renderPart(variants, ayse, 3, i + 1).variant);
    expect(other).not.toEqual(same);
  });

  it('renders captions, and an image without caption as no text', () => {
    expect(renderPart(compilePart(0, { kind: 'image', caption: 'For {{city}}' }, known), ayse, 1, 1).text).toBe('For İzmir');
    expect(renderPart(compilePart(0, { kind: 'image', caption: null }, known), ayse, 1, 1)).toEqual({ text: null, variant: null, spins: [], missing: [] });
  });

  it('falls back from name to the WhatsApp name, and formats the phone', () => {
    const part = compilePart(0, { kind: 'text', text: '{{name}} {{phone}}' }, known);
    expect(renderPart(part, { ...ayse, name: null, pushName: 'Ayş' }, 1, 1).text).toBe('Ayş +90 532 123 45 67');
  });

  it('names the failing field of a part', () => {
    try {
      compilePart(2, { kind: 'random_text', variants: ['ok', 'bad {'] }, known);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PartTemplateError);
      expect((err as PartTemplateError).field).toBe('parts.2.variants.1');
    }
  });
});

describe('seeded random', () => {
  it('is stable and spread out', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    const r = seededRandom(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBe(1000);
    expect(seededRandom(1)()).toBe(xs[0]);
  });
});
