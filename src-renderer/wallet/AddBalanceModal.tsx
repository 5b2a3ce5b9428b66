import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_BRAND_LABEL } from '../../src-shared/domain/card';
import { parseMoney } from '../../src-shared/domain/money';
import { api, toApiError, type ApiError } from '../api/client';
import { notify } from '../components/notices';
import { useErrorText } from '../components/useErrorText';
import { errorsByField } from '../contacts/util';
import { newIdempotencyKey } from './random-key';
import { useMoney, useWallet } from './store';
import { FormError } from '../components/FormError';

/** "Add Balance": a saved card and an amount within the owner's limits; records a top-up. */
export function AddBalanceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('wallet');
  return (
    <Modal opened={opened} onClose={onClose} title={t('add.title')} centered data-testid="add-balance-modal">
      {opened && <AddBalanceForm onClose={onClose} />}
    </Modal>
  );
}

function AddBalanceForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('wallet');
  const errorText = useErrorText();
  const { money, currency } = useMoney();
  const cards = useWallet((s) => s.cards);
  const settings = useWallet((s) => s.settings);
  const usable = useMemo(() => (cards ?? []).filter((c) => !c.expired), [cards]);
  const [cardId, setCardId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [amountProblem, setAmountProblem] = useState(false);
  // One key per opening of the dialog: a retried submit is the same top-up.
  const [key] = useState(() => newIdempotencyKey('topup'));

  useEffect(() => {
    void useWallet.getState().loadCards();
  }, []);
  useEffect(() => {
    if (cardId === null && usable[0]) setCardId(String(usable[0].id));
  }, [usable, cardId]);

  const minor = currency ? parseMoney(amount, currency) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (minor === null || minor <= 0) {
      setAmountProblem(true);
      return;
    }
    setAmountProblem(false);
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('wallet.topUp', { cardId: Number(cardId), amountMinor: minor, idempotencyKey: key });
      notify({ tone: 'success', message: `${t('add.done', { amount: money(result.entry.amountMinor), balance: money(result.balanceMinor) })} ${t('add.billed')}` });
      onClose();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const errors = errorsByField(error, ['cardId', 'amountMinor']);
  if (cards !== null && usable.length === 0) {
    return (
      <Alert color="yellow" data-testid="add-balance-no-cards">
        {t('add.noCards')}
      </Alert>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormError error={errors['']} testId="add-balance-error" />
        <Select
          label={t('add.card')}
          placeholder={t('add.cardPlaceholder')}
          data={usable.map((c) => ({ value: String(c.id), label: `${CARD_BRAND_LABEL[c.brand]} •••• ${c.last4} · ${c.holder}` }))}
          value={cardId}
          onChange={setCardId}
          allowDeselect={false}
          error={errorText(errors.cardId)}
          data-testid="add-balance-card"
        />
        <TextInput
          label={t('add.amount', { currency: currency ?? '' })}
          description={settings ? t('add.amountHint', { min: money(settings.topUpMinMinor), max: money(settings.topUpMaxMinor) }) : undefined}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          inputMode="decimal"
          error={amountProblem ? t('add.amountInvalid') : errorText(errors.amountMinor)}
          data-autofocus
          data-testid="add-balance-amount"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={cardId === null} data-testid="add-balance-submit">
            {minor !== null && minor > 0 ? t('add.submit', { amount: money(minor) }) : t('add.submitEmpty')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('add.billed')}
        </Text>
      </Stack>
    </form>
  );
}
