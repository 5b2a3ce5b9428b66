import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

/** `YYYY-MM-DD` of a local date, as a date input takes it. */
const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The number inside a formatted amount (`$1,250.00`, `₺1.250,00`), in minor units. */
function minorOf(text: string): number {
  const digits = text.replace(/[^\d]/g, '');
  return Number(digits) * (text.trim().startsWith('-') ? -1 : 1);
}

test('wallet: add a card, add balance, filter and export the transactions, open last month’s statement', async ({ page }) => {
  const request = page.request;
  await openApp(page);
  const channel = await createDemoChannel(request, uniqueName('Wallet shop'));
  const balanceButton = page.getByTestId('wallet-balance');
  await expect(balanceButton).not.toHaveText('…');
  const before = minorOf(await balanceButton.innerText());

  await page.getByTestId('wallet-balance-button').click();
  await expect(page).toHaveURL(/#\/wallet/);
  await page.getByTestId('wallet-section-cards').click();

  // A number failing the Luhn check is refused under its field; the corrected one is saved as brand + last four.
  await page.getByTestId('wallet-add-card').click();
  await page.getByTestId('card-holder').fill('Ayşe Yılmaz');
  await page.getByTestId('card-number').fill('4242 4242 4242 4241');
  await page.getByTestId('card-expiry').fill('12/35');
  await page.getByTestId('card-cvc').fill('123');
  await page.getByTestId('card-submit').click();
  await expect(page.getByTestId('add-card-modal').getByText(/check it for a mistyped digit/)).toBeVisible();
  await page.getByTestId('card-number').fill('4242 4242 4242 4242');
  await page.getByTestId('card-submit').click();
  await expect(page.getByTestId('add-card-modal')).toBeHidden();
  await expect(page.getByTestId('wallet-card-label')).toHaveText(['Visa •••• 4242']);

  // Add Balance with the saved card: the header follows.
  await page.getByTestId('wallet-add-balance').click();
  await expect(page.getByTestId('add-balance-card')).toHaveValue(/Visa •••• 4242/);
  await page.getByTestId('add-balance-amount').fill('5');
  await page.getByTestId('add-balance-submit').click();
  await expect(page.getByTestId('add-balance-modal').getByText(/A top-up must be between/)).toBeVisible();
  await page.getByTestId('add-balance-amount').fill('250');
  await page.getByTestId('add-balance-submit').click();
  await expect(page.getByTestId('add-balance-modal')).toBeHidden();
  await expect.poll(async () => minorOf(await balanceButton.innerText())).toBe(before + 25_000);

  // A message charge on the channel, so the type filter has something to leave out.
  await call(request, 'wallet.charge', { idempotencyKey: uniqueName('e2e-charge'), channelId: channel.id, phone: '+905321112233', kind: 'text' });
  await expect.poll(async () => minorOf(await balanceButton.innerText())).toBeLessThan(before + 25_000);

  await page.getByTestId('wallet-section-transactions').click();
  await expect(page.locator('[data-testid="wallet-row"][data-type="message_charge"]').first()).toBeVisible();

  const today = new Date();
  await page.getByTestId('wallet-filter-from').fill(day(today));
  await page.getByTestId('wallet-filter-to').fill(day(today));
  await page.getByTestId('wallet-filter-types').click();
  await page.getByRole('option', { name: 'Top-up' }).click();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid="wallet-row"][data-type="message_charge"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="wallet-row"][data-type="top_up"]')).toHaveCount(1);
  await expect(page.getByTestId('wallet-total-topups-value')).toContainText('250');

  const download = page.waitForEvent('download');
  await page.getByTestId('wallet-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wallet-transactions-.*\.csv$/);
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain('Date,Type,Channel,Number,Card,Previous balance');
  expect(lines.slice(1)).toHaveLength(1);
  expect(lines[1]).toContain('Top-up');
  expect(lines[1]).toContain('Visa •••• 4242');
  expect(lines[1]).toContain('250.00');

  // A range without today shows nothing.
  const lastYear = new Date(today.getFullYear() - 1, 0, 1);
  await page.getByTestId('wallet-filter-from').fill(day(lastYear));
  await page.getByTestId('wallet-filter-to').fill(day(new Date(today.getFullYear() - 1, 0, 31)));
  await expect(page.getByTestId('wallet-table-empty')).toBeVisible();

  // Next month begins: the app bills this month's top-up on a statement.
  const nextMonth = new Date(today.getFullYear(), today.getMonth() + 1, 1, 0, 10).getTime();
  await call(request, 'test.clock.set', { at: nextMonth });
  await page.getByTestId('wallet-section-statements').click();
  const statementRow = page.getByTestId('wallet-statement-row').first();
  await expect(statementRow).toBeVisible();
  await statementRow.getByTestId('wallet-statement-open').click();
  await expect(page).toHaveURL(/#\/wallet\/statements\/\d+/);
  await expect(page.getByTestId('wallet-statement-title')).toContainText(String(today.getFullYear()));
  await expect(page.getByTestId('wallet-statement-line')).toHaveCount(1);
  await expect(page.getByTestId('wallet-statement-line')).toContainText('Visa •••• 4242');
  await expect(page.getByTestId('wallet-statement-total')).toContainText('250');
  await expect(page.getByTestId('wallet-statement-print')).toBeVisible();

  // The channel's own Wallet tab starts filtered to the channel: the charge, not the top-up.
  await page.goto(`/#/channels/${channel.id}/wallet`);
  await expect(page.locator('[data-testid="wallet-row"][data-type="message_charge"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="wallet-row"][data-type="top_up"]')).toHaveCount(0);
});
