import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedCard } from '../../src-shared/api/wallet';
import { CARD_BRAND_LABEL } from '../../src-shared/domain/card';
import { api, toApiError, type ApiError } from '../api/client';
import { IconPlus, IconTrash } from '../components/icons';
import { notify } from '../components/notices';
import { SectionCard } from '../components/SectionCard';
import { useErrorText } from '../components/useErrorText';
import { ConfirmModal } from '../contacts/ConfirmModal';
import { errorsByField } from '../contacts/util';
import { IconCard } from './icons';
import { useWallet } from './store';
import { FormError } from '../components/FormError';

const label = (c: Pick<SavedCard, 'brand' | 'last4'>) => `${CARD_BRAND_LABEL[c.brand]} •••• ${c.last4}`;
const expiry = (c: SavedCard) => `${String(c.expiryMonth).padStart(2, '0')}/${String(c.expiryYear % 100).padStart(2, '0')}`;

/** Saved cards: add (checked by the server, which keeps brand, last four, expiry and holder only) and remove. */
export function CardsPanel() {
  const { t } = useTranslation('wallet');
  const cards = useWallet((s) => s.cards);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SavedCard | null>(null);

  useEffect(() => {
    void useWallet.getState().loadCards();
  }, []);

  return (
    <SectionCard
      title={t('sections.cards')}
      description={t('cards.intro')}
      aside={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="wallet-add-card">
          {t('cards.add')}
        </Button>
      }
      testId="wallet-cards"
    >
      {cards !== null && cards.length === 0 && (
        <Text c="dimmed" data-testid="wallet-cards-empty">
          {t('cards.empty')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {(cards ?? []).map((c) => (
          <Paper key={c.id} withBorder radius="md" p="md" data-testid="wallet-card">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap">
                <IconCard size={28} />
                <div>
                  <Text fw={600} className="wa-nums" data-testid="wallet-card-label">
                    {label(c)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {c.holder}
                  </Text>
                  <Group gap={6} mt={4}>
                    <Text size="xs" c="dimmed" className="wa-nums">
                      {t('cards.expires', { expiry: expiry(c) })}
                    </Text>
                    {c.expired && (
                      <Badge color="red" variant="light" size="xs">
                        {t('cards.expired')}
                      </Badge>
                    )}
                  </Group>
                </div>
              </Group>
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                leftSection={<IconTrash size={14} />}
                onClick={() => setRemoving(c)}
                data-testid="wallet-card-remove"
              >
                {t('cards.remove')}
              </Button>
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
      <AddCardModal opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        opened={removing !== null}
        title={t('cards.removeTitle')}
        message={removing ? t('cards.removeText', { card: label(removing) }) : ''}
        confirmLabel={t('cards.remove')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await api.call('wallet.cards.remove', { id: removing.id });
          await useWallet.getState().loadCards();
          notify({ tone: 'success', message: t('cards.removed') });
        }}
      />
    </SectionCard>
  );
}

function AddCardModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('wallet');
  return (
    <Modal opened={opened} onClose={onClose} title={t('cards.form.title')} centered data-testid="add-card-modal">
      {opened && <AddCardForm onClose={onClose} />}
    </Modal>
  );
}

const FIELDS = ['holder', 'number', 'expiry', 'cvc'] as const;

function AddCardForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('wallet');
  const errorText = useErrorText();
  const [values, setValues] = useState({ holder: '', number: '', expiry: '', cvc: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const set = (field: (typeof FIELDS)[number]) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const card = await api.call('wallet.cards.add', values);
      // The number and the code leave this window's memory with the form.
      setValues({ holder: '', number: '', expiry: '', cvc: '' });
      await useWallet.getState().loadCards();
      notify({ tone: 'success', message: t('cards.added', { card: label(card) }) });
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = errorsByField(error, FIELDS);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate autoComplete="on">
      <Stack>
        <FormError error={errors['']} testId="add-card-error" />
        <TextInput
          label={t('cards.form.holder')}
          placeholder={t('cards.form.holderPlaceholder')}
          value={values.holder}
          onChange={set('holder')}
          autoComplete="cc-name"
          maxLength={80}
          error={errorText(errors.holder)}
          data-autofocus
          data-testid="card-holder"
        />
        <TextInput
          label={t('cards.form.number')}
          value={values.number}
          onChange={set('number')}
          autoComplete="cc-number"
          inputMode="numeric"
          maxLength={30}
          error={errorText(errors.number)}
          className="wa-nums"
          data-testid="card-number"
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('cards.form.expiry')}
            placeholder="MM/YY"
            value={values.expiry}
            onChange={set('expiry')}
            autoComplete="cc-exp"
            maxLength={7}
            error={errorText(errors.expiry)}
            data-testid="card-expiry"
          />
          <TextInput
            label={t('cards.form.cvc')}
            description={t('cards.form.cvcHint')}
            value={values.cvc}
            onChange={set('cvc')}
            autoComplete="cc-csc"
            inputMode="numeric"
            maxLength={4}
            type="password"
            error={errorText(errors.cvc)}
            data-testid="card-cvc"
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="card-submit">
            {t('cards.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
