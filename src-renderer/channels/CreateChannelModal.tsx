import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Engine } from '../../src-shared/api';
import { fieldErrors } from '../api/errors';
import { useAction } from '../components/useAction';
import { useErrorText } from '../components/useErrorText';
import { CountrySelect } from './CountrySelect';
import { EngineChoice } from './EngineChoice';
import { phonePreview } from './phone-hint';
import { useChannels } from './store';
import { FormError } from '../components/FormError';

const FIELDS = ['name', 'phone', 'defaultCountry', 'engine'] as const;

interface Props {
  opened: boolean;
  initialEngine: Engine;
  onClose: () => void;
  onCreated: (channel: Channel) => void;
}

export function CreateChannelModal({ opened, initialEngine, onClose, onCreated }: Props) {
  const { t } = useTranslation('channels');
  const errorText = useErrorText();
  const create = useChannels((s) => s.create);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [country, setCountry] = useState('TR');
  const [engine, setEngine] = useState<Engine>(initialEngine);
  const { busy, error, run, clearError } = useAction();

  useEffect(() => {
    if (!opened) return;
    setName('');
    setPhone('');
    setCountry('TR');
    setEngine(initialEngine);
    clearError();
  }, [opened, initialEngine, clearError]);

  const errors = fieldErrors(error, FIELDS);
  const preview = phone.trim() ? phonePreview(phone, country) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const channel = await run(() => create({ name, phone, engine, defaultCountry: country }));
    if (channel) onCreated(channel);
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('create.title')}
      size="lg"
      radius="lg"
      padding="xl"
      centered
      overlayProps={{ backgroundOpacity: 0.45, blur: 3 }}
      data-testid="create-channel-modal"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={errors['']} testId="create-channel-error" />
          <TextInput
            label={t('create.name')}
            description={t('create.nameHint')}
            placeholder={t('create.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errorText(errors.name)}
            maxLength={60}
            required
            data-autofocus
            data-testid="channel-name-input"
          />
          <Group grow align="flex-start" gap="md">
            <TextInput
              label={t('create.phone')}
              description={t('create.phoneHint')}
              placeholder={t('create.phonePlaceholder')}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errorText(errors.phone)}
              inputWrapperOrder={['label', 'input', 'error', 'description']}
              type="tel"
              maxLength={40}
              required
              data-testid="channel-phone-input"
            />
            <CountrySelect
              label={t('create.country')}
              description={t('create.countryHint')}
              value={country}
              onChange={(v) => v && setCountry(v)}
              inputWrapperOrder={['label', 'input', 'error', 'description']}
              error={errorText(errors.defaultCountry)}
              data-testid="channel-country-select"
            />
          </Group>
          {preview && !errors.phone && (
            <Alert variant="light" color="teal" py={8} data-testid="phone-preview">
              {t('create.willSave', { phone: preview })}
            </Alert>
          )}
          <EngineChoice value={engine} onChange={setEngine} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="create-channel-submit">
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
