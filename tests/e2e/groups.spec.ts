import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, test, type Page } from '@playwright/test';
import type { Channel } from '../../src-shared/api';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

const members = (page: Page) => page.getByTestId('member-row');
const memberCount = (page: Page) => page.getByTestId('group-view').getByTestId('group-member-count');

async function openGroups(page: Page, channel: Channel): Promise<void> {
  await page.goto(`/#/channels/${channel.id}/groups`);
  await expect(page.getByTestId('groups-tab')).toBeVisible();
}

test('a group is created, filled by hand and from an .xlsx, trimmed, renamed and deleted; its contacts stay', async ({ page }, testInfo) => {
  // A long walk through the UI, with a file import on worker threads in the middle.
  test.setTimeout(180_000);
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Gruplar'));
  await call(page.request, 'contacts.create', { channelId: channel.id, name: 'Şule Yılmaz', phone: '0532 111 22 33' });
  await call(page.request, 'contacts.create', { channelId: channel.id, name: 'Kemal Sunal', phone: '0532 111 22 34' });

  await openGroups(page, channel);
  await expect(page.getByRole('tab', { name: 'Customer Groups' })).toBeVisible();
  await expect(page.getByTestId('groups-empty')).toBeVisible();

  // "+" creates the group; the name is trimmed and must be free in the channel (Turkish-aware).
  await page.getByTestId('groups-new').click();
  const form = page.getByTestId('group-form-modal');
  await form.getByTestId('group-name-input').fill('  Isparta Bayileri  ');
  await form.getByTestId('group-description-input').fill('Fuar listesi');
  await form.getByTestId('group-form-submit').click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('group-row').filter({ hasText: 'Isparta Bayileri' });
  await expect(row.getByTestId('group-member-count')).toHaveText('0 members');

  await page.getByTestId('groups-new').click();
  await form.getByTestId('group-name-input').fill('ısparta bayileri');
  await form.getByTestId('group-form-submit').click();
  await expect(form.getByText('already has a group named "Isparta Bayileri"')).toBeVisible();
  await page.keyboard.press('Escape');

  await row.getByTestId('group-name').click();
  await expect(page).toHaveURL(/#\/channels\/\d+\/groups\/\d+$/);
  await expect(page.getByTestId('group-title')).toHaveText('Isparta Bayileri');
  await expect(page.getByTestId('group-empty')).toBeVisible();

  // By hand 1: found in the directory by a Turkish-folded search.
  await page.getByTestId('group-add').click();
  const add = page.getByTestId('add-members-modal');
  await add.getByTestId('add-search').fill('sule');
  await expect(add.getByTestId('add-result')).toHaveCount(1);
  await add.getByRole('checkbox', { name: /Şule Yılmaz/ }).check();
  await add.getByTestId('add-selected').click();
  await expect(add).toBeHidden();
  await expect(members(page)).toHaveCount(1);
  await expect(memberCount(page)).toHaveText('1 member');

  // By hand 2: a new number and a name, which creates the contact card too.
  await page.getByTestId('group-add').click();
  await add.getByTestId('add-tab-number').click();
  await add.getByTestId('add-phone-input').fill('0532 12');
  await add.getByTestId('add-number-submit').click();
  await expect(add.getByText('The phone number is too short.')).toBeVisible();
  await add.getByTestId('add-phone-input').fill('0532 999 88 77');
  await add.getByTestId('add-name-input').fill('Yeni Müşteri');
  await add.getByTestId('add-number-submit').click();
  await expect(add).toBeHidden();
  await expect(memberCount(page)).toHaveText('2 members');
  await expect(members(page).filter({ hasText: 'Yeni Müşteri' }).getByTestId('member-phone')).toHaveText('+90 532 999 88 77');

  // From a file: the directory's import wizard; a row already in the group is counted, not added twice.
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Name', 'Phone'],
    ['Işıl Öztürk', 905321110011],
    ['Ahmet Çelik', '0533 222 33 44'],
    ['Şule Yılmaz', '+90 532 111 22 33'],
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Liste');
  const file = testInfo.outputPath('fuar.xlsx');
  fs.writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));

  await page.getByTestId('group-upload').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles(file);
  // The preview and the import run on worker threads, which take a while to start on a busy machine.
  await expect(wizard.getByTestId('import-counts-created')).toHaveText('2 new', { timeout: 30_000 });
  await wizard.getByTestId('import-submit').click();
  await expect(wizard.getByTestId('import-summary')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('notice-success').filter({ hasText: 'From the file' })).toHaveText(
    'From the file: 2 added to the group, 1 already in it.',
  );
  await wizard.getByTestId('import-close').click();

  await expect(memberCount(page)).toHaveText('4 members');
  await expect(members(page)).toHaveCount(4);
  await page.getByTestId('group-search').fill('isil');
  await expect(members(page)).toHaveCount(1);
  await expect(members(page).getByTestId('member-phone')).toHaveText('+90 532 111 00 11');
  await page.getByTestId('group-search').fill('');
  await expect(members(page)).toHaveCount(4);

  // Remove one member: the group shrinks, the contact is kept.
  await members(page).filter({ hasText: 'Ahmet Çelik' }).getByTestId('member-remove').click();
  const removeDialog = page.getByRole('dialog', { name: 'Remove from group' });
  await expect(removeDialog).toContainText('Remove Ahmet Çelik from “Isparta Bayileri”? The contact stays in All Contacts.');
  await removeDialog.getByTestId('confirm-ok').click();
  await expect(members(page)).toHaveCount(3);
  await expect(memberCount(page)).toHaveText('3 members');

  // Rename, also to another spelling of its own name.
  await page.getByTestId('group-view').getByTestId('group-edit').click();
  await form.getByTestId('group-name-input').fill('ISPARTA Fuar 2026');
  await form.getByTestId('group-form-submit').click();
  await expect(page.getByTestId('group-title')).toHaveText('ISPARTA Fuar 2026');

  // Delete, with a confirmation that says the contacts stay.
  await page.getByTestId('group-view').getByTestId('group-delete').click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete group' });
  await expect(deleteDialog).toContainText('Its 3 contacts stay in All Contacts; only the group goes.');
  await deleteDialog.getByTestId('confirm-ok').click();
  await expect(page).toHaveURL(/#\/channels\/\d+\/groups$/);
  await expect(page.getByTestId('groups-empty')).toBeVisible();

  await page.goto(`/#/channels/${channel.id}/contacts`);
  await expect(page.getByTestId('contacts-count')).toHaveText('5 contacts');
  for (const name of ['Şule Yılmaz', 'Yeni Müşteri', 'Işıl Öztürk', 'Ahmet Çelik']) {
    await expect(page.getByTestId('contact-row').filter({ hasText: name })).toHaveCount(1);
  }
});

test('contacts chosen in the directory, or all results of a search, join a group', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Rehberden'));
  for (const [name, phone] of [
    ['Ali Isparta', '0532 000 00 01'],
    ['Veli ISPARTA', '0532 000 00 02'],
    ['Ayşe Antalya', '0532 000 00 03'],
  ]) {
    await call(page.request, 'contacts.create', { channelId: channel.id, name, phone });
  }
  await page.goto(`/#/channels/${channel.id}/contacts`);
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(3);

  // One chosen contact into a new group named on the spot.
  await rows.filter({ hasText: 'Ayşe Antalya' }).getByTestId('contact-select').click();
  await page.getByTestId('contacts-selection').getByTestId('add-to-group').click();
  const dialog = page.getByTestId('add-to-group-modal');
  await dialog.getByTestId('add-to-group-new-name').fill('Güney');
  await dialog.getByTestId('add-to-group-submit').click();
  await expect(page.getByTestId('notice-success').filter({ hasText: 'Güney' })).toContainText('1 added');

  // Every result of a search into another group.
  await page.getByTestId('contacts-selection').getByRole('button', { name: 'Clear' }).click();
  await page.getByTestId('contacts-search').fill('ısparta');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('add-to-group').click();
  await dialog.getByTestId('add-to-group-new-name').fill('Isparta');
  await dialog.getByTestId('add-to-group-submit').click();
  await expect(page.getByTestId('notice-success').filter({ hasText: '“Isparta”' })).toContainText('2 added');

  await page.goto(`/#/channels/${channel.id}/groups`);
  await expect(page.getByTestId('group-row').filter({ hasText: 'Güney' }).getByTestId('group-member-count')).toHaveText('1 member');
  await expect(page.getByTestId('group-row').filter({ hasText: 'Isparta' }).getByTestId('group-member-count')).toHaveText('2 members');
});
