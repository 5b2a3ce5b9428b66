import { expect, test } from '@playwright/test';
import type { Channel, Settings } from '../../src-shared/api';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

test.afterEach(async ({ page }) => {
  // The language is an app-wide setting on the server; put it back so every test starts in English.
  await call(page.request, 'settings.update', { language: 'en' });
});

test('a demo channel is created in the UI, shows its QR code, and is ready after a simulated scan', async ({ page }) => {
  const name = uniqueName('Demo shop');
  await openApp(page);
  await page.getByTestId('create-channel-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('channel-name-input').fill(name);
  await dialog.getByTestId('channel-phone-input').fill('0532 123 45 67');
  await expect(dialog.getByTestId('phone-preview')).toHaveText('Saved as +90 532 123 45 67');
  await dialog.getByTestId('engine-simulator').click();
  await dialog.getByTestId('create-channel-submit').click();

  await expect(page).toHaveURL(/#\/channels\/\d+\/detail$/);
  await expect(page.getByTestId('channel-title')).toHaveText(name);
  await expect(page.getByTestId('channel-phone')).toHaveText('+90 532 123 45 67');
  await expect(page.getByTestId('demo-badge').first()).toBeVisible();

  const panel = page.getByTestId('connection-panel');
  await expect(panel).toHaveAttribute('data-state', 'qr');
  const qr = page.getByTestId('qr-image');
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await expect(page.getByTestId('header-connection-state')).toHaveText('Waiting for scan');

  await page.getByTestId('simulate-scan').click();
  await expect(panel).toHaveAttribute('data-state', 'ready');
  await expect(qr).toHaveCount(0);
  await expect(page.getByTestId('header-connection-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('header-connection-state')).toHaveText('Connected');
  await expect(page.getByTestId('connected-as')).toContainText('+90 532 123 45 67');

  // The connection lives in the app, not in the page: a reload and the channel list show it as it is.
  await page.reload();
  await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('link', { name: 'All channels' }).click();
  const card = page.getByTestId('channel-card').filter({ hasText: name });
  await expect(card.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
  await expect(card.getByTestId('demo-badge')).toBeVisible();
});

test('renaming a channel on its Detail tab saves it everywhere', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Before'));
  const renamed = uniqueName('After');
  await page.goto(`/#/channels/${channel.id}/detail`);
  await expect(page.getByTestId('channel-title')).toHaveText(channel.name);
  await expect(page.getByTestId('detail-save')).toBeDisabled();

  await page.getByTestId('detail-name-input').fill(renamed);
  await page.getByTestId('detail-save').click();

  await expect(page.getByTestId('notice-success')).toContainText('Changes saved.');
  await expect(page.getByTestId('channel-title')).toHaveText(renamed);
  await expect(page.getByTestId('channel-switcher')).toContainText(renamed);
  await expect(page.getByTestId('detail-save')).toBeDisabled();
  expect((await call<Channel>(page.request, 'channels.get', { id: channel.id })).name).toBe(renamed);

  await page.reload();
  await expect(page.getByTestId('channel-title')).toHaveText(renamed);
  await expect(page.getByTestId('detail-name-input')).toHaveValue(renamed);
});

test('an invalid phone number shows the reason under the field and changes nothing', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Phone check'));
  await page.goto(`/#/channels/${channel.id}/detail`);

  const phone = page.getByTestId('detail-phone-input');
  await phone.fill('123');
  await page.getByTestId('detail-save').click();
  await expect(page.getByText('The phone number is too short.')).toBeVisible();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('channel-phone')).toHaveText('+90 532 123 45 67');
  expect((await call<Channel>(page.request, 'channels.get', { id: channel.id })).phone).toBe('+905321234567');

  // A landline is a real number but cannot run WhatsApp: the reason says so, and no channel is created.
  const name = uniqueName('Landline');
  await page.goto('/#/');
  await page.getByTestId('create-channel-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('channel-name-input').fill(name);
  await dialog.getByTestId('channel-phone-input').fill('0212 123 45 67');
  await dialog.getByTestId('engine-simulator').click();
  await dialog.getByTestId('create-channel-submit').click();
  await expect(dialog.getByText('This is not a mobile number; WhatsApp needs a mobile number.')).toBeVisible();
  await expect(dialog.getByTestId('channel-phone-input')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('channel-card').filter({ hasText: name })).toHaveCount(0);
  const all = await call<Channel[]>(page.request, 'channels.list');
  expect(all.some((c) => c.name === name)).toBe(false);
});

test('the language switch turns the UI Turkish and the choice survives a reload', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Dil'));
  await page.goto(`/#/channels/${channel.id}/detail`);
  await expect(page.getByTestId('tab-detail')).toHaveText('Detail');

  await page.getByTestId('language-tr').click();
  await expect(page.getByTestId('tab-detail')).toHaveText('Detay');
  await expect(page.getByRole('heading', { name: 'Kanal bilgileri' })).toBeVisible();
  await expect(page.getByTestId('header-connection-state')).toHaveText('Bağlı değil');
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect.poll(async () => (await call<Settings>(page.request, 'settings.get')).language).toBe('tr');

  await page.reload();
  await expect(page.getByTestId('tab-detail')).toHaveText('Detay');
  await page.getByRole('link', { name: 'Tüm kanallar' }).click();
  await expect(page.getByRole('heading', { name: 'Kanallar' })).toBeVisible();

  // Server errors come in both languages; the Turkish one is shown now.
  await page.goto(`/#/channels/${channel.id}/detail`);
  await page.getByTestId('detail-phone-input').fill('123');
  await page.getByTestId('detail-save').click();
  await expect(page.getByText('Telefon numarası çok kısa.')).toBeVisible();

  await page.getByTestId('language-en').click();
  await expect(page.getByText('The phone number is too short.')).toBeVisible();
  await expect(page.getByTestId('tab-detail')).toHaveText('Detail');
});

test('deleting a channel asks first, then removes it from the list', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Short lived'));
  await page.goto(`/#/channels/${channel.id}/detail`);
  await page.getByTestId('delete-channel').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Delete “${channel.name}”?`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('channel-title')).toHaveText(channel.name);

  await page.getByTestId('delete-channel').click();
  await page.getByTestId('delete-channel-confirm').click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByTestId('notice-success')).toContainText(`Channel “${channel.name}” deleted.`);
  await expect(page.getByTestId('channel-card').filter({ hasText: channel.name })).toHaveCount(0);
  const all = await call<Channel[]>(page.request, 'channels.list');
  expect(all.some((c) => c.id === channel.id)).toBe(false);

  await page.goto(`/#/channels/${channel.id}/detail`);
  await expect(page.getByTestId('channel-not-found')).toBeVisible();
});
