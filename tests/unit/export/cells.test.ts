import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutraliseCell } from '../../../src-main/export/cells';

describe('export cells', () => {
  it('neutralises cells a spreadsheet would run, but leaves plain numbers and phones alone', () => {
    for (const danger of ['=1+1', '=HYPERLINK("http://x")', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '+90 532 123', '-']) {
      expect(neutraliseCell(danger), JSON.stringify(danger)).toBe(`'${danger}`);
    }
    for (const safe of ['+905321234567', '-12.5', '-12,5', '+1', '42', 'Ayşe', ' =not at start', '', 'a=b']) {
      expect(neutraliseCell(safe), JSON.stringify(safe)).toBe(safe);
    }
  });

  it('quotes fields holding the separator, quotes or line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(csvLine(['=cmd', '+905321234567', 'x,y'])).toBe(`'=cmd,+905321234567,"x,y"\r\n`);
  });
});
