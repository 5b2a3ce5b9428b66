import { describe, expect, it } from 'vitest';
import * as namespaces from '../../../src-renderer/i18n/resources';
import type { Strings } from '../../../src-renderer/i18n/define';

function flatten(strings: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const entries = Object.entries(namespaces as Record<string, { en: Strings; tr: Strings }>);

  it('registers the base namespaces', () => {
    expect(entries.map(([ns]) => ns)).toEqual(expect.arrayContaining(['common', 'channels', 'settings']));
  });

  it.each(entries)('%s: every key exists in English and Turkish, none empty, with the same placeholders', (_ns, strings) => {
    const en = flatten(strings.en);
    const tr = flatten(strings.tr as Strings);
    expect([...tr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      expect(text.trim(), `en ${key}`).not.toBe('');
      expect(tr.get(key)!.trim(), `tr ${key}`).not.toBe('');
      expect(placeholders(tr.get(key)!), `placeholders of ${key}`).toEqual(placeholders(text));
    }
  });

  it('names every connection state in both languages', () => {
    const states = ['disconnected', 'starting', 'qr', 'authenticating', 'ready', 'offline', 'browser_missing', 'logged_out', 'blocked'];
    for (const lang of ['en', 'tr'] as const) {
      const text = flatten(namespaces.channels[lang] as Strings);
      for (const s of states) {
        expect(text.get(`state.${s}`), `${lang} state.${s}`).toBeTruthy();
        expect(text.get(`stateHint.${s}`), `${lang} stateHint.${s}`).toBeTruthy();
      }
    }
  });
});
