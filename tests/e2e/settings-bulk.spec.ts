import { expect, test } from '@playwright/test';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

// The bulk sending settings are app-wide; this test puts them back so other specs see the defaults.
test.afterEach(async ({ page }) => {
  await call(page.request, 'campaigns.settings.update', { timeZone: null, optOutKeywords: [] });
});

test('bulk sending settings: a zone and an own opt-out word are kept, a bad word is refused, and a reply with it opts the customer out', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.goto('/#/settings');
  const card = page.getByTestId('bulk-settings');
  await expect(card.getByTestId('bulk-settings-builtin')).toContainText('İPTAL');

  await card.getByTestId('bulk-settings-zone').click();
  await card.getByTestId('bulk-settings-zone').fill('Istanbul');
  await page.getByRole('option', { name: 'Europe/Istanbul' }).click();
  const words = card.getByTestId('bulk-settings-keywords');
  await words.fill('ABMELDEN');
  await words.press('Enter');
  await card.getByTestId('bulk-settings-save').click();
  await expect(page.getByText('Bulk sending settings saved.')).toBeVisible();

  await page.reload();
  await expect(card.getByTestId('bulk-settings-zone')).toHaveValue('Europe/Istanbul');
  await expect(card.getByText('ABMELDEN', { exact: true })).toBeVisible();

  // A word over 40 characters: the reason under the field, and the saved list stays as it was.
  await words.fill('X'.repeat(41));
  await words.press('Enter');
  await card.getByTestId('bulk-settings-save').click();
  await expect(card.getByText(/at most 40 characters/)).toBeVisible();
  const saved = await call<{ optOutKeywords: string[]; timeZone: string }>(page.request, 'campaigns.settings', {});
  expect(saved).toMatchObject({ optOutKeywords: ['ABMELDEN'], timeZone: 'Europe/Istanbul' });

  const channel = await createDemoChannel(page.request, uniqueName('Opt-out'));
  await page.goto(`/#/channels/${channel.id}/detail`);
  await page.getByTestId('connect').click();
  await page.getByTestId('simulate-scan').click();
  await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-state', 'ready');
  await call(page.request, 'simulator.incoming', { channelId: channel.id, from: '+905324005566', text: 'Abmelden', name: 'Jale Kaya' });

  await page.goto(`/#/channels/${channel.id}/contacts`);
  const row = page.getByTestId('contact-row').filter({ hasText: 'Jale Kaya' });
  await expect(row).toContainText('Opted out');
  await row.getByTestId('contact-profile').click();
  await expect(page.getByTestId('profile-opted-out')).toBeVisible();
});
