import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttributeDef } from '../../src-shared/api/contacts';
import type { ApiError } from '../api/client';
import { AttributeField, type AttributeDraft } from './AttributeField';
import { errorsByField } from './util';

export interface ContactDraft {
  phone: string;
  name: string;
  email: string;
  attributes: AttributeDraft;
}

/** The fields a server error can be about on the contact form (attribute errors name `attributes.<key>`). */
export function contactFieldNames(defs: AttributeDef[]): string[] {
  return ['phone', 'name', 'email', ...defs.map((d) => `attributes.${d.key}`)];
}

interface Props {
  defs: AttributeDef[];
  draft: ContactDraft;
  error: ApiError | null;
  onChange: (draft: ContactDraft) => void;
  autoFocusPhone?: boolean;
}

/** The editable part of a contact card, shared by "New contact" and the profile card. */
export function ContactFields({ defs, draft, error, onChange, autoFocusPhone }: Props) {
  const { t, i18n } = useTranslation('contacts');
  const byField = errorsByField(error, contactFieldNames(defs));
  const msg = (field: string) => byField[field]?.text(i18n.resolvedLanguage ?? 'en');

  return (
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fields.name')}
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })}
          error={msg('name')}
          data-testid="contact-name-input"
        />
        <TextInput
          label={t('fields.phone')}
          placeholder={t('form.phoneHint')}
          type="tel"
          required
          autoFocus={autoFocusPhone}
          value={draft.phone}
          onChange={(e) => onChange({ ...draft, phone: e.currentTarget.value })}
          error={msg('phone')}
          data-testid="contact-phone-input"
        />
        <TextInput
          label={t('fields.email')}
          type="email"
          value={draft.email}
          onChange={(e) => onChange({ ...draft, email: e.currentTarget.value })}
          error={msg('email')}
          data-testid="contact-email-input"
        />
        {defs.map((def) => (
          <AttributeField
            key={def.id}
            def={def}
            value={draft.attributes[def.key] ?? ''}
            error={msg(`attributes.${def.key}`)}
            onChange={(value) => onChange({ ...draft, attributes: { ...draft.attributes, [def.key]: value } })}
          />
        ))}
      </SimpleGrid>
  );
}
