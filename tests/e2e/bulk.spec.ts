import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Channel } from '../../src-shared/api';
import type { WalletBalance, WalletSettings } from '../../src-shared/api/wallet';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

/** A 40x30 PNG: what a shop would attach to a sale message. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAK0lEQVR4nO3NMQ0AAAgDsIlALHKQigw4mvRvavpExGKxWCwWi8VisVj8N16ZXH6MzvcZIgAAAABJRU5ErkJggg==',
  'base64',
);

/** The number inside a formatted amount (`$1,250.00`), in minor units. */
const minorOf = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** A group of three demo contacts; the simulator treats a national number ending in 000 as not on WhatsApp. */
async function customerGroup(page: Page, channel: Channel, name: string): Promise<void> {
  const group = await call<{ id: number }>(page.request, 'groups.create', { channelId: channel.id, name });
  await call(page.request, 'groups.addContacts', {
    groupId: group.id,
    phones: [
      { phone: '0532 400 11 22', name: 'Şule Yılmaz' },
      { phone: '0532 400 33 44', name: 'Kemal Sunal' },
      { phone: '0532 400 50 00', name: 'Nurhan Yok' },
    ],
  });
}

async function chooseFile(page: Page, trigger: ReturnType<Page['getByTestId']>, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await trigger.click();
  await (await chooser).setFiles(file);
}

async function chooseGroup(page: Page, name: string): Promise<void> {
  await page.getByTestId('bulk-groups').click();
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await page.keyboard.press('Escape');
}

async function connectInUi(page: Page, channel: Channel): Promise<void> {
  await page.goto(`/#/channels/${channel.id}/detail`);
  await page.getByTestId('connect').click();
  await page.getByTestId('simulate-scan').click();
  await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-state', 'ready');
}

test('a bulk message with a text, a random text and an image, started while disconnected, finishes once connected', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Toplu'));
  await customerGroup(page, channel, 'Bahar Müşterileri');
  await call(page.request, 'wallet.adjust', { idempotencyKey: uniqueName('bulk-e2e'), amountMinor: 5000, reason: 'Bulk e2e balance' });
  const prices = (await call<WalletSettings>(page.request, 'wallet.settings')).prices;
  const image = testInfo.outputPath('vitrin.png');
  const notImage = testInfo.outputPath('liste.txt');
  fs.writeFileSync(image, PNG);
  fs.writeFileSync(notImage, 'name;phone\n');

  await page.goto(`/#/channels/${channel.id}/bulk`);
  await expect(page.getByRole('tab', { name: 'Bulk Message Sending' })).toBeVisible();
  await expect(page.getByTestId('bulk-empty')).toBeVisible();
  await expect(page.getByTestId('bulk-list-warning')).toContainText('WhatsApp Business API');
  await page.getByTestId('bulk-new').click();
  await expect(page).toHaveURL(/\/bulk\/new$/);

  await page.getByTestId('bulk-title').fill('Bahar indirimi');
  await page.getByTestId('bulk-description').fill('Mart kampanyası');
  await chooseGroup(page, 'Bahar Müşterileri');
  await page.getByTestId('part-add-random_text').click();
  await page.getByTestId('part-add-image').click();

  // Bad input is named under its field, and nothing typed so far is lost.
  await page.getByTestId('bulk-start').click();
  await expect(page.getByText('Write the text of this message, or remove it.')).toBeVisible();
  await expect(page.getByText('Write this variant, or remove it.')).toHaveCount(2);
  await expect(page.getByText('Choose an image, or remove this message.')).toBeVisible();
  await expect(page.getByTestId('bulk-form-fix')).toBeVisible();
  await expect(page.getByTestId('bulk-warning-modal').getByTestId('bulk-warning-text')).toHaveCount(0);
  await expect(page).toHaveURL(/\/bulk\/new$/);
  await expect(page.getByTestId('bulk-title')).toHaveValue('Bahar indirimi');

  await chooseFile(page, page.getByTestId('part-image-choose'), notImage);
  await expect(page.getByText('That file is not a JPEG, PNG or WebP image; choose another one.')).toBeVisible();
  await expect(page.getByTestId('part-image-name')).toHaveText('');
  await chooseFile(page, page.getByTestId('part-image-choose'), image);
  await expect(page.getByTestId('part-image-name')).toHaveText('vitrin.png');
  await page.getByTestId('part-caption').fill('Vitrinimiz {{name}}');
  await page.getByTestId('part-text').fill('{Merhaba|Selam} {{name|değerli müşterimiz}}, bahar indirimi başladı!');
  await page.getByTestId('part-variant').nth(0).fill('Kodunuz: BAHAR10');
  await page.getByTestId('part-variant').nth(1).fill('Kodunuz: BAHAR15');
  await expect(page.getByTestId('bulk-form-fix')).toHaveCount(0);

  // Before start: recipients, cost from the wallet's prices against the balance, and the duration under the pacing.
  const preview = page.getByTestId('bulk-preview');
  await expect(preview.getByTestId('bulk-preview-recipients')).toHaveText('3');
  await expect(preview.getByTestId('bulk-preview-messages')).toHaveText('9');
  await expect.poll(async () => minorOf(await preview.getByTestId('bulk-preview-cost').innerText())).toBe(3 * (2 * prices.text + prices.image));
  const balance = await call<WalletBalance>(page.request, 'wallet.balance');
  await expect.poll(async () => minorOf(await preview.getByTestId('bulk-preview-balance').innerText())).toBe(balance.balanceMinor);
  await expect(preview.getByTestId('bulk-preview-duration')).toHaveText(/minute|h /);
  await expect(preview.getByTestId('bulk-preview-finish')).toContainText('it would finish around');
  await page.getByTestId('pacing-demo').click();
  await expect(preview.getByTestId('bulk-preview-duration')).toHaveText('right away');
  await expect(preview.getByTestId('bulk-preview-finish')).toHaveCount(0);

  // The live preview renders the parts for the recipient chosen.
  await page.getByTestId('bulk-preview-recipient').click();
  await page.getByRole('option', { name: /Kemal Sunal/ }).click();
  const bubbles = preview.getByTestId('bulk-preview-part');
  await expect(bubbles.nth(0)).toContainText(/^(Merhaba|Selam) Kemal Sunal, bahar indirimi başladı!/);
  await expect(bubbles.nth(1)).toContainText(/Kodunuz: BAHAR1[05]/);
  await expect(bubbles.nth(2)).toContainText('vitrin.png');
  await expect(bubbles.nth(2)).toContainText('Vitrinimiz Kemal Sunal');

  // The QR-mode warning must be accepted before the first send of the channel.
  await page.getByTestId('bulk-start').click();
  const warning = page.getByRole('dialog', { name: 'Bulk sending in QR mode' });
  await expect(warning.getByTestId('bulk-warning-text')).toContainText('may lead to your account being closed');
  await warning.getByTestId('bulk-warning-accept').click();

  // Started while the channel is not connected: it waits, saying why.
  await expect(page).toHaveURL(/\/bulk\/\d+$/);
  const campaignUrl = page.url();
  await expect(page.getByTestId('bulk-view-title')).toHaveText('Bahar indirimi');
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('bulk-pause-reason')).toHaveAttribute('data-reason', 'disconnected');
  await expect(page.getByTestId('bulk-pause-reason')).toContainText('not connected');
  await expect(page.getByTestId('bulk-count-pending').getByTestId('bulk-count-value')).toHaveText('9');

  await connectInUi(page, channel);
  await page.goto(campaignUrl);
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('bulk-count-sent').getByTestId('bulk-count-value')).toHaveText('6');
  await expect(page.getByTestId('bulk-count-invalid_number').getByTestId('bulk-count-value')).toHaveText('3');
  await expect(page.getByTestId('bulk-count-pending').getByTestId('bulk-count-value')).toHaveText('0');

  // Results: the number not on WhatsApp, and the variant each recipient got.
  const rows = page.getByTestId('result-row');
  await expect(rows).toHaveCount(3);
  const invalid = rows.filter({ hasText: 'Nurhan Yok' });
  await expect(invalid.getByTestId('result-part')).toHaveCount(3);
  for (const part of await invalid.getByTestId('result-part').all()) await expect(part).toHaveAttribute('data-state', 'invalid_number');
  await expect(invalid.getByTestId('result-detail')).toHaveText('The number is not on WhatsApp');
  const kemal = rows.filter({ hasText: 'Kemal Sunal' });
  for (const part of await kemal.getByTestId('result-part').all()) await expect(part).toHaveAttribute('data-state', 'sent');
  await expect(kemal.getByTestId('result-detail')).toHaveText(/^variant [12]$/);
  await page.getByTestId('results-filter').getByText('Not on WhatsApp').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('result-phone')).toHaveText('+90 532 400 50 00');

  // The wallet shows one charge per message sent, none for the number not on WhatsApp.
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await expect(page.locator('[data-testid="wallet-row"][data-type="message_charge"]')).toHaveCount(6);
  await expect(page.locator('[data-testid="wallet-row"][data-type="refund"]')).toHaveCount(0);
  await expect
    .poll(async () => (await call<WalletBalance>(page.request, 'wallet.balance')).balanceMinor)
    .toBe(balance.balanceMinor - 2 * (2 * prices.text + prices.image));

  // Past Sends, filtered by status, finds it and opens its results.
  await page.getByRole('tab', { name: 'Bulk Message Sending' }).click();
  await expect(page.getByTestId('bulk-list-warning')).toHaveCount(0);
  await page.getByTestId('bulk-filter-status').click();
  await page.getByRole('option', { name: 'Draft' }).click();
  await expect(page.getByTestId('bulk-no-match')).toBeVisible();
  await page.getByTestId('bulk-filter-status').click();
  await page.getByRole('option', { name: 'Completed' }).click();
  const row = page.getByTestId('bulk-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('bulk-row-not-sent')).toContainText('3 not sent');
  await row.getByTestId('bulk-row-title').click();
  await expect(page).toHaveURL(campaignUrl);
  await expect(page.getByTestId('result-row')).toHaveCount(3);
});

test('a draft is saved and edited; sending is paused, resumed, duplicated and cancelled; the warning is asked once per channel', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Taslak'));
  await customerGroup(page, channel, 'Yavaş Liste');
  await call(page.request, 'wallet.adjust', { idempotencyKey: uniqueName('bulk-e2e'), amountMinor: 5000, reason: 'Bulk e2e balance' });
  await connectInUi(page, channel);

  await page.goto(`/#/channels/${channel.id}/bulk/new`);
  await page.getByTestId('bulk-title').fill('Hafta sonu');
  await page.getByTestId('part-text').fill('Merhaba {{name}}, hafta sonu açığız.');
  // A draft needs no recipients yet.
  await page.getByTestId('bulk-save-draft').click();
  await expect(page).toHaveURL(/\/bulk\/\d+$/);
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'draft');

  await page.getByTestId('bulk-edit').click();
  await expect(page).toHaveURL(/\/bulk\/\d+\/edit$/);
  await expect(page.getByTestId('bulk-title')).toHaveValue('Hafta sonu');
  await expect(page.getByTestId('part-text')).toHaveValue('Merhaba {{name}}, hafta sonu açığız.');
  await page.getByTestId('bulk-title').fill('Hafta sonu açığız');
  await chooseGroup(page, 'Yavaş Liste');
  // A slow pace, so the send can be watched between two messages.
  await page.getByTestId('pacing-window').click({ force: true });
  await page.getByTestId('pacing-delayMinSec').fill('40');
  await page.getByTestId('pacing-delayMaxSec').fill('60');
  await expect(page.getByTestId('bulk-preview-recipients')).toHaveText('3');
  await page.getByTestId('bulk-save-draft').click();
  await expect(page).toHaveURL(/\/bulk\/\d+$/);
  await expect(page.getByTestId('bulk-view-title')).toHaveText('Hafta sonu açığız');
  await expect(page.getByTestId('result-row')).toHaveCount(3);

  await page.getByTestId('bulk-view-start').click();
  const warning = page.getByRole('dialog', { name: 'Bulk sending in QR mode' });
  await warning.getByTestId('bulk-warning-accept').click();
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'sending');
  await expect(page.getByTestId('bulk-wait')).toHaveAttribute('data-reason', 'delay');
  await expect(page.getByTestId('bulk-wait')).toContainText(/Next message in \d+ s/);
  await expect(page.getByTestId('bulk-eta')).toBeVisible();
  await expect(page.getByTestId('bulk-count-sent').getByTestId('bulk-count-value')).toHaveText('1');

  await page.getByTestId('bulk-pause').click();
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('bulk-pause-reason')).toHaveAttribute('data-reason', 'user');
  await page.getByTestId('bulk-resume').click();
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'sending');
  const original = page.url();

  await page.getByTestId('bulk-duplicate').click();
  await expect(page).not.toHaveURL(original);
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('bulk-view-title')).toHaveText('Hafta sonu açığız');
  await expect(page.getByTestId('bulk-copy-of')).toBeVisible();

  // Acknowledged once for this channel: the copy starts without asking again.
  await page.getByTestId('bulk-view-start').click();
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'sending');
  await expect(warning).toHaveCount(0);
  await expect(page.getByTestId('bulk-wait')).toHaveAttribute('data-reason', 'queued');

  await page.getByTestId('bulk-copy-of').click();
  await expect(page).toHaveURL(original);
  // The original's own view, not the copy's on its way out: it has sent one and links to no original.
  await expect(page.getByTestId('bulk-copy-of')).toHaveCount(0);
  await expect(page.getByTestId('bulk-count-sent').getByTestId('bulk-count-value')).toHaveText('1');
  await page.getByTestId('bulk-cancel').click();
  const confirmCancel = page.getByRole('dialog', { name: 'Cancel bulk message' });
  await expect(confirmCancel).toBeVisible();
  await confirmCancel.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('bulk-view')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('bulk-count-skipped').getByTestId('bulk-count-value')).not.toHaveText('0');

  // Another channel asks again.
  const other = await createDemoChannel(page.request, uniqueName('Başka'), '+90 532 765 43 21');
  await customerGroup(page, other, 'Diğer Liste');
  await page.goto(`/#/channels/${other.id}/bulk/new`);
  await page.getByTestId('bulk-title').fill('Başka kanal');
  await chooseGroup(page, 'Diğer Liste');
  await page.getByTestId('part-text').fill('Merhaba');
  await page.getByTestId('bulk-start').click();
  await expect(warning.getByTestId('bulk-warning-text')).toBeVisible();
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(warning).toHaveCount(0);
  await expect(page).toHaveURL(/\/bulk\/new$/);
});
