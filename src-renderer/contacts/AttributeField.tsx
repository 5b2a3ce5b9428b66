import { Select, TextInput } from '@mantine/core';
import type { AttributeDef, AttributeValue } from '../../src-shared/api/contacts';

/** Form state for custom attributes: every value as typed; the server parses and validates it for its type. */
export type AttributeDraft = Record<string, string>;

export function draftOf(defs: AttributeDef[], values: Record<string, AttributeValue>): AttributeDraft {
  const draft: AttributeDraft = {};
  for (const def of defs) {
    const value = values[def.key];
    draft[def.key] = value === undefined ? '' : String(value);
  }
  return draft;
}

/**
 * What to send: changed values only; a cleared value is `null`, which removes it. On a new contact (`before`
 * empty) blank fields are simply left out.
 */
export function attributeChanges(
  defs: AttributeDef[],
  draft: AttributeDraft,
  before: Record<string, AttributeValue>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const def of defs) {
    const now = (draft[def.key] ?? '').trim();
    const was = before[def.key];
    if (now === (was === undefined ? '' : String(was))) continue;
    out[def.key] = now === '' ? null : now;
  }
  return out;
}

interface Props {
  def: AttributeDef;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/** One input per attribute, of the kind its type calls for. */
export function AttributeField({ def, value, error, onChange }: Props) {
  const common = { label: def.label, error, 'data-testid': `attr-input-${def.key}` };
  switch (def.type) {
    case 'choice':
      return (
        <Select
          {...common}
          data={def.options ?? []}
          value={value === '' ? null : value}
          onChange={(v) => onChange(v ?? '')}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'number':
      return <TextInput {...common} inputMode="decimal" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'date':
      return <TextInput {...common} type="date" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'email':
      return <TextInput {...common} type="email" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return <TextInput {...common} type="tel" value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'text':
      return <TextInput {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
