import type { AttributeValue } from '../../src-shared/api/contacts';
import type { RowProblem } from '../../src-shared/api/imports';
import type { LocalizedText } from '../../src-shared/errors';
import { normaliseAttributeValue, normaliseEmail, normaliseName } from '../contacts/values';
import type { ResolvedMapping } from './mapping';
import { importPhone } from './phone';

export interface PreparedRow {
  row: number;
  cells: string[];
  phone: string | null;
  name: string | null;
  email: string | null;
  attributes: Record<string, AttributeValue>;
  problems: RowProblem[];
  rejected: boolean;
}

export const problem = (field: string, code: string, text: LocalizedText, severity: RowProblem['severity'] = 'error'): RowProblem => ({
  field,
  code,
  message: text.en,
  messageTr: text.tr,
  severity,
});

const NO_PHONE_COLUMN: LocalizedText = {
  en: 'No column is chosen as the phone number.',
  tr: 'Telefon numarası olarak hiçbir sütun seçilmedi.',
};

/** Turns one file row into the contact it would become, with every problem found on the way. */
export class RowNormaliser {
  constructor(
    private readonly columnCount: number,
    private readonly mapping: ResolvedMapping,
    private readonly defaultCountry: string,
    private readonly fromSpreadsheet: boolean,
  ) {}

  normalise(row: number, cells: string[]): PreparedRow {
    const problems: RowProblem[] = [];
    const cell = (i: number) => (cells[i] ?? '').trim();

    let phone: string | null = null;
    if (this.mapping.phone < 0) {
      problems.push(problem('phone', 'phone_not_mapped', NO_PHONE_COLUMN));
    } else {
      const phoneResult = importPhone(cell(this.mapping.phone), this.defaultCountry);
      if (phoneResult.ok) phone = phoneResult.e164;
      else problems.push(problem('phone', phoneResult.code, phoneResult.text));
    }

    let name: string | null = null;
    if (this.mapping.name.length > 0) {
      const joined = this.mapping.name.map(cell).filter((s) => s !== '').join(' ');
      const result = normaliseName(joined);
      if (result.ok) name = result.value;
      else problems.push(problem('name', result.code, result.text));
    }

    let email: string | null = null;
    if (this.mapping.email !== null) {
      const result = normaliseEmail(cell(this.mapping.email));
      if (result.ok) email = result.value;
      else problems.push(problem('email', result.code, result.text));
    }

    const attributes: Record<string, AttributeValue> = {};
    for (const { index, def } of this.mapping.attributes) {
      const result = normaliseAttributeValue(def, cell(index), {
        defaultCountry: this.defaultCountry,
        fromSpreadsheet: this.fromSpreadsheet,
      });
      if (!result.ok) problems.push(problem(`attr:${def.key}`, result.code, result.text));
      else if (result.value !== null) attributes[def.key] = result.value;
    }

    if (cells.length > this.columnCount && cells.slice(this.columnCount).some((c) => c.trim() !== '')) {
      const extra = cells.length - this.columnCount;
      problems.push(
        problem(
          'row',
          'ragged_row',
          {
            en: `This row has ${extra} more cell(s) than there are columns; the extra cells were ignored.`,
            tr: `Bu satırda sütun sayısından ${extra} fazla hücre var; fazla hücreler yok sayıldı.`,
          },
          'info',
        ),
      );
    }
    if (cells.some((c) => c.includes('\uFFFD'))) {
      problems.push(
        problem(
          'row',
          'encoding_suspect',
          {
            en: 'Some characters could not be read with the chosen encoding (shown as �). Try another encoding.',
            tr: 'Bazı karakterler seçilen kodlamayla okunamadı (� olarak görünüyor). Başka bir kodlama deneyin.',
          },
          'info',
        ),
      );
    }
    return { row, cells, phone, name, email, attributes, problems, rejected: problems.some((p) => p.severity === 'error') };
  }
}

/**
 * Remembers the first row of each number in the file, in an open-addressing table of typed arrays: the key is
 * the E.164 digits as a number (at most 15 digits, exact in a double), so a million numbers take about 24 MB
 * and no garbage (a Map of boxed doubles measured several times slower here).
 */
export class FileDuplicates {
  private keys = new Float64Array(1 << 16);
  private rows = new Int32Array(1 << 16);
  private size = 0;

  /** The row that had this number first, or null when this is the first time. */
  seen(e164: string, row: number): number | null {
    const key = Number(e164.slice(1));
    const mask = this.keys.length - 1;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.rows[i]!;
      if (k === 0) {
        this.keys[i] = key;
        this.rows[i] = row;
        if (++this.size * 2 > this.keys.length) this.grow();
        return null;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = hash(key) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.rows[i] = oldRows[j]!;
    }
  }
}

function hash(key: number): number {
  const lo = key % 4294967296 | 0;
  const hi = (key / 4294967296) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ (lo >>> 13);
}

export function duplicateInFile(firstRow: number): RowProblem {
  return problem(
    'phone',
    'duplicate_in_file',
    {
      en: `Same phone number as row ${firstRow} of this file; this row is skipped.`,
      tr: `Bu dosyanın ${firstRow}. satırıyla aynı telefon numarası; bu satır atlandı.`,
    },
    'info',
  );
}
