import { asc, eq } from 'drizzle-orm';
import type { AttributeDef, AttributeType } from '../../src-shared/api/contacts';
import { AppError, notFound } from '../../src-shared/errors';
import { foldText } from '../../src-shared/domain/text';
import type { Db } from '../db/connection';
import { contactAttributes } from '../db/schema';
import type { Clock } from '../platform/clock';

type Row = typeof contactAttributes.$inferSelect;

const ATTRIBUTE = { en: 'The attribute', tr: 'Özellik' };
/** Field names the import and placeholders already use; an attribute may not shadow them. */
const RESERVED_KEYS = new Set(['name', 'phone', 'email', 'ignore', 'push_name', 'source', 'id']);

export interface AttributesDeps {
  db: Db;
  clock: Clock;
  /** Removes every contact's value for a deleted attribute; returns how many contacts had one. */
  removeValues(key: string, searchable: boolean): Promise<number>;
}

/** "Visitor Profile Information": the typed custom fields of contact cards. */
export class AttributesService {
  constructor(private readonly deps: AttributesDeps) {}

  list(): AttributeDef[] {
    return this.deps.db.select().from(contactAttributes).orderBy(asc(contactAttributes.id)).all().map(toDef);
  }

  /** key -> definition, for validating writes. */
  byKey(): Map<string, AttributeDef> {
    return new Map(this.list().map((d) => [d.key, d]));
  }

  types(): Map<string, AttributeType> {
    return new Map(this.list().map((d) => [d.key, d.type]));
  }

  get(id: number): AttributeDef {
    const row = this.deps.db.select().from(contactAttributes).where(eq(contactAttributes.id, id)).get();
    if (!row) throw notFound(ATTRIBUTE, 'id');
    return toDef(row);
  }

  create(input: { key: string; label: string; type: AttributeType; options?: string[] }): AttributeDef {
    if (RESERVED_KEYS.has(input.key)) {
      throw new AppError(
        'attribute_key_reserved',
        {
          en: `"${input.key}" is a built-in contact field; choose another key.`,
          tr: `"${input.key}" yerleşik bir kişi alanı; başka bir anahtar seçin.`,
        },
        { field: 'key' },
      );
    }
    const existing = this.list();
    if (existing.some((d) => d.key === input.key)) {
      throw new AppError(
        'attribute_key_taken',
        { en: `An attribute with the key "${input.key}" already exists.`, tr: `"${input.key}" anahtarlı bir özellik zaten var.` },
        { field: 'key' },
      );
    }
    this.assertLabelFree(existing, input.label, null);
    const options = checkOptions(input.type, input.options);
    const now = this.deps.clock.now();
    const row = this.deps.db
      .insert(contactAttributes)
      .values({ key: input.key, label: input.label, type: input.type, options, createdAt: now, updatedAt: now })
      .returning()
      .get();
    return toDef(row);
  }

  update(input: { id: number; label?: string; options?: string[] }): AttributeDef {
    const current = this.get(input.id);
    const patch: Partial<Row> = { updatedAt: this.deps.clock.now() };
    if (input.label !== undefined) {
      this.assertLabelFree(this.list(), input.label, current.id);
      patch.label = input.label;
    }
    if (input.options !== undefined) patch.options = checkOptions(current.type, input.options);
    const row = this.deps.db.update(contactAttributes).set(patch).where(eq(contactAttributes.id, current.id)).returning().get();
    return toDef(row);
  }

  async delete(id: number): Promise<{ deleted: true; valuesRemoved: number }> {
    const def = this.get(id);
    // The definition goes first: from then on no write can set the key again while old values are cleared.
    this.deps.db.delete(contactAttributes).where(eq(contactAttributes.id, id)).run();
    const valuesRemoved = await this.deps.removeValues(def.key, def.type !== 'number' && def.type !== 'date');
    return { deleted: true, valuesRemoved };
  }

  private assertLabelFree(all: AttributeDef[], label: string, exceptId: number | null): void {
    const folded = foldText(label);
    if (all.some((d) => d.id !== exceptId && foldText(d.label) === folded)) {
      throw new AppError(
        'attribute_label_taken',
        { en: `An attribute named "${label}" already exists.`, tr: `"${label}" adında bir özellik zaten var.` },
        { field: 'label' },
      );
    }
  }
}

function checkOptions(type: AttributeType, options: string[] | undefined): string[] | null {
  if (type !== 'choice') {
    if (options !== undefined) {
      throw new AppError(
        'attribute_options_not_allowed',
        { en: 'Only single-choice attributes have options.', tr: 'Yalnızca tek seçimli özelliklerin seçenekleri olur.' },
        { field: 'options' },
      );
    }
    return null;
  }
  if (!options || options.length === 0) {
    throw new AppError(
      'attribute_options_required',
      { en: 'A single-choice attribute needs at least one option.', tr: 'Tek seçimli bir özellik en az bir seçenek ister.' },
      { field: 'options' },
    );
  }
  const seen = new Set<string>();
  for (const o of options) {
    const f = foldText(o);
    if (seen.has(f)) {
      throw new AppError(
        'attribute_option_duplicate',
        { en: `The option "${o}" is listed twice.`, tr: `"${o}" seçeneği iki kez yazılmış.` },
        { field: 'options' },
      );
    }
    seen.add(f);
  }
  return options;
}

function toDef(row: Row): AttributeDef {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
