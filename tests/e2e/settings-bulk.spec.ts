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

  // A word over 40 characters: the reason, naming the word, under the field; nothing is sent, the saved list stays.
  await words.fill('X'.repeat(41));
  await words.press('Enter');
  await expect(card.getByText(`“${'X'.repeat(24)}…” is too long: an opt-out reply can have at most 40 characters.`, { exact: false })).toBeVisible();
  await expect(card.getByTestId('bulk-settings-save')).toBeDisabled();
  const saved = await call<{ optOutKeywords: string[]; timeZone: string }>(page.request, 'campaigns.settings', {});
  expect(saved).toMatchObject({ optOutKeywords: ['ABMELDEN'], timeZone: 'Europe/Istanbul' });

  const channel = await createDemoChannel(page.request, uniqueName('Opt-out'));
  await page.goto(`/#/channels/${channel.id}/detail`);
  await page.getByTestId('connect').click();
  await page.getByTestId('simulate-scan').click();
  await expect(page.getByTestId('connection-panel')).toHaveAttribute('data-state', 'ready');

  // The campaign form's pacing area says which zone its window counts in and opens these settings in place.
  await page.goto(`/#/channels/${channel.id}/bulk/new`);
  await expect(page.getByTestId('pacing-zone')).toContainText('Europe/Istanbul');
  await page.getByTestId('pacing-zone-change').click();
  await expect(page.getByRole('dialog', { name: 'Bulk sending' }).getByText('ABMELDEN', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  await call(page.request, 'simulator.incoming', { channelId: channel.id, from: '+905324005566', text: 'abmelden', name: 'Jale Kaya' });

  await page.goto(`/#/channels/${channel.id}/contacts`);
  const row = page.getByTestId('contact-row').filter({ hasText: 'Jale Kaya' });
  await expect(row).toContainText('Opted out');
  await row.getByTestId('contact-profile').click();
  await expect(page.getByTestId('profile-opted-out')).toBeVisible();
});
