import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Channel } from '../../src-shared/api';
import { call, createDemoChannel, openApp, uniqueName } from './helpers';

/**
 * Windows-1254 (Turkish) bytes for text made of ASCII and Turkish letters: what Excel writes for "CSV" on a Turkish
 * Windows. TextEncoder only writes UTF-8, so the few non-ASCII letters are mapped by hand.
 */
const CP1254: Record<string, number> = {
  Ç: 0xc7, ç: 0xe7, Ğ: 0xd0, ğ: 0xf0, İ: 0xdd, ı: 0xfd, Ö: 0xd6, ö: 0xf6, Ş: 0xde, ş: 0xfe, Ü: 0xdc, ü: 0xfc,
};

function windows1254(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      const byte = CP1254[ch];
      if (byte === undefined) throw new Error(`No Windows-1254 byte for ${ch}`);
      return byte;
    }),
  );
}

async function openContacts(page: Page, channel: Channel): Promise<void> {
  await page.goto(`/#/channels/${channel.id}/contacts`);
  await expect(page.getByTestId('contacts-tab')).toBeVisible();
}

/** Picks an option of a Mantine select by its visible label. */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('contacts-search').fill(text);
}

const rows = (page: Page) => page.getByTestId('contact-row');

// Imports read files on worker threads; on a loaded 2-core machine a whole flow needs more than the default minute.
test.describe.configure({ timeout: 150_000 });

test('a Turkish Windows-1254 CSV is mapped, previewed with its bad row, imported, searched, edited and deleted', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Rehber'));
  await openContacts(page, channel);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  // A profile field, created in the UI: its key follows the label (Turkish letters folded).
  const suffix = Date.now().toString(36);
  const label = `Şehir ${suffix}`;
  const key = `sehir_${suffix}`;
  await page.getByTestId('contacts-attributes').click();
  await page.getByTestId('attribute-new').click();
  const editor = page.getByTestId('attribute-editor');
  await editor.getByTestId('attribute-label').fill(label);
  await expect(editor.getByTestId('attribute-key')).toHaveValue(key);
  await editor.getByTestId('attribute-save').click();
  await expect(page.locator(`[data-testid="attribute-row"][data-key="${key}"]`)).toContainText(label);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('attributes-modal')).toBeHidden();

  const csv = [
    'Ad Soyad;Telefon;E-posta;Memleket;Notlar',
    'Şule Yılmaz;0532 111 22 33;sule@example.com;İstanbul;ilk müşteri',
    'Ahmet Çelik;+90 (533) 222-3344;;Ankara;',
    'Işıl Öztürk;5344445566;isil@ornek.com.tr;İzmir;',
    'Gökhan Ünlü;12345;;Bursa;numara eksik',
    'Ümit Güneş;905355556677;;Muğla;',
  ].join('\r\n');
  const file = testInfo.outputPath('kisiler-1254.csv');
  fs.writeFileSync(file, windows1254(csv));

  await page.getByTestId('contacts-import').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file-input').setInputFiles(file);

  // Detected as the file is: semicolons, Turkish Windows encoding, a header row; names decoded correctly.
  // Reading runs on a worker thread that starts per job; on a busy machine the first preview can take a while.
  await expect(wizard.getByTestId('import-separator')).toHaveValue(/Semicolon.*detected/, { timeout: 30_000 });
  await expect(wizard.getByTestId('import-encoding')).toHaveValue(/Windows-1254.*detected/);
  await expect(wizard.getByTestId('import-header')).toBeChecked();
  const mappingRow = (column: string) => wizard.locator(`[data-testid="import-mapping-row"][data-column="${column}"]`);
  await expect(mappingRow('Ad Soyad').getByTestId('import-mapping-select')).toHaveValue('Name');
  await expect(mappingRow('Telefon').getByTestId('import-mapping-select')).toHaveValue('Phone *');
  await expect(mappingRow('E-posta').getByTestId('import-mapping-select')).toHaveValue('Email');
  await expect(mappingRow('Memleket').getByTestId('import-mapping-select')).toHaveValue('Do not import');

  // The column the guess could not place is matched by hand to the new profile field.
  await choose(page, mappingRow('Memleket').getByTestId('import-mapping-select'), label);
  const preview = wizard.getByTestId('import-preview');
  await expect(preview.locator('thead')).toContainText(label, { timeout: 30_000 });
  await expect(preview.getByTestId('import-preview-row').filter({ hasText: 'Şule Yılmaz' })).toContainText('İstanbul');

  const bad = preview.locator('[data-testid="import-preview-row"][data-action="reject"]');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('Gökhan Ünlü');
  await expect(bad).toHaveAttribute('data-row', '5');
  await expect(preview.getByTestId('import-row-problem').first()).toHaveAttribute('data-code', /^phone_/);
  await expect(wizard.getByTestId('import-counts-created')).toHaveText('4 new');
  await expect(wizard.getByTestId('import-counts-rejected')).toHaveText('1 rejected');

  await wizard.getByTestId('import-submit').click();
  const summary = wizard.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(summary.getByTestId('import-result-created')).toHaveText('4 new');
  await expect(summary.getByTestId('import-result-rejected')).toHaveText('1 rejected');
  const reportDownload = page.waitForEvent('download');
  await summary.getByTestId('import-report').click();
  const report = fs.readFileSync(await (await reportDownload).path(), 'utf8');
  expect(report).toContain('Gökhan Ünlü');
  expect(report).toMatch(/phone/i);
  await summary.getByTestId('import-close').click();

  await expect(page.getByTestId('contacts-count')).toHaveText('4 contacts');
  await expect(rows(page)).toHaveCount(4);

  // Turkish-aware search as you type: "sule" finds Şule, "isil" finds Işıl, digits find the phone in any form.
  await search(page, 'sule');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByTestId('contact-name')).toHaveText('Şule Yılmaz');
  await search(page, 'isil');
  await expect(rows(page).getByTestId('contact-name')).toHaveText('Işıl Öztürk');
  await search(page, '533 222');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByTestId('contact-phone')).toHaveText('+90 533 222 33 44');

  // The profile card: edit an attribute; a bad email is refused with the reason under the field.
  await rows(page).getByTestId('contact-profile').click();
  const card = page.getByTestId('profile-drawer');
  await expect(card.getByTestId('profile-name')).toHaveText('Ahmet Çelik');
  await expect(card.getByTestId('profile-phone')).toHaveText('+90 533 222 33 44');
  await expect(page).toHaveURL(/#\/channels\/\d+\/contacts\/\d+$/);
  const attr = card.getByTestId(`attr-input-${key}`);
  await expect(attr).toHaveValue('Ankara');
  await attr.fill('Çankaya');
  await card.getByTestId('contact-email-input').fill('ahmet-at-example');
  await card.getByTestId('profile-save').click();
  await expect(card.getByText('is not a valid email address')).toBeVisible();
  await card.getByTestId('contact-email-input').fill('ahmet@example.com');
  await card.getByTestId('profile-save').click();
  await expect(card.getByTestId('profile-saved')).toHaveText('Saved.');
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // The new attribute value is searchable at once.
  await search(page, 'cankaya');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).getByTestId('contact-name')).toHaveText('Ahmet Çelik');

  await rows(page).getByTestId('contact-delete').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('Delete Ahmet Çelik?');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('contacts-empty-search')).toBeVisible();
  await search(page, '');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('contacts-count')).toHaveText('3 contacts');
});

test('new contact form shows the server error under the phone; bulk delete asks with the count; export downloads', async ({
  page,
}) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Liste'));
  for (const [name, phone] of [
    ['Zeynep Kaya', '0536 000 00 01'],
    ['Mehmet Şahin', '0536 000 00 02'],
    ['Ayşe Demir', '0536 000 00 03'],
  ]) {
    await call(page.request, 'contacts.create', { channelId: channel.id, name, phone });
  }
  await openContacts(page, channel);
  await expect(rows(page)).toHaveCount(3);

  await page.getByTestId('contacts-new').click();
  const form = page.getByTestId('new-contact-modal');
  await form.getByTestId('contact-name-input').fill('Deniz Aydın');
  await form.getByTestId('contact-phone-input').fill('12');
  await form.getByTestId('new-contact-save').click();
  await expect(form.getByText('The phone number is too short.')).toBeVisible();
  await form.getByTestId('contact-phone-input').fill('0536 000 00 01');
  await form.getByTestId('new-contact-save').click();
  await expect(form).toContainText(/already/i);
  await form.getByTestId('contact-phone-input').fill('0536 000 00 04');
  await form.getByTestId('new-contact-save').click();
  await expect(form).toBeHidden();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).filter({ hasText: 'Deniz Aydın' }).getByTestId('contact-phone')).toHaveText('+90 536 000 00 04');

  // Sorted by name (Turkish order), then newest first.
  await expect(rows(page).getByTestId('contact-name')).toHaveText(['Ayşe Demir', 'Deniz Aydın', 'Mehmet Şahin', 'Zeynep Kaya']);
  await choose(page, page.getByTestId('contacts-sort'), 'Newest first');
  await expect(rows(page).first().getByTestId('contact-name')).toHaveText('Deniz Aydın');

  const download = page.waitForEvent('download');
  await page.getByTestId('contacts-export').click();
  await page.getByTestId('contacts-export-csv').click();
  const saved = await (await download).path();
  const exported = fs.readFileSync(saved, 'utf8');
  for (const name of ['Ayşe Demir', 'Deniz Aydın', 'Mehmet Şahin', 'Zeynep Kaya']) expect(exported).toContain(name);

  await rows(page).filter({ hasText: 'Zeynep Kaya' }).getByTestId('contact-select').click();
  await rows(page).filter({ hasText: 'Mehmet Şahin' }).getByTestId('contact-select').click();
  await expect(page.getByTestId('contacts-selection')).toContainText('2 selected');
  await page.getByTestId('contacts-bulk-delete').click();
  await expect(page.getByTestId('confirm-modal')).toContainText('Delete 2 contacts?');
  await page.getByTestId('confirm-ok').click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('contacts-count')).toHaveText('2 contacts');
  await expect(page.getByTestId('contacts-selection')).toHaveCount(0);
});

test('the import wizard refuses an empty file and a file that is not a spreadsheet, with a clear message', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Dosya'));
  await openContacts(page, channel);
  await page.getByTestId('contacts-import').click();
  const wizard = page.getByTestId('import-wizard');

  const empty = testInfo.outputPath('bos.csv');
  fs.writeFileSync(empty, '');
  await wizard.getByTestId('import-file-input').setInputFiles(empty);
  await expect(wizard.getByTestId('import-error')).toContainText('is empty', { timeout: 30_000 });

  const notSheet = testInfo.outputPath('liste.xlsx');
  const pngHeader = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  fs.writeFileSync(notSheet, Buffer.from([...pngHeader, ...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)]));
  await wizard.getByTestId('import-file-input').setInputFiles(notSheet);
  await expect(wizard.getByTestId('import-error')).toContainText('is not a CSV, Excel (.xlsx) or Excel 97-2003 (.xls) file', {
    timeout: 30_000,
  });
  await expect(wizard.getByTestId('import-mapping')).toHaveCount(0);

  const picture = testInfo.outputPath('photo.png');
  fs.writeFileSync(picture, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await wizard.getByTestId('import-file-input').setInputFiles(picture);
  await expect(wizard.getByTestId('import-error')).toContainText('is not an Excel or CSV file');
});

test('starting a conversation explains a disconnected channel, then sends once it is connected', async ({ page }) => {
  await openApp(page);
  const channel = await createDemoChannel(page.request, uniqueName('Sohbet'));
  await call(page.request, 'contacts.create', { channelId: channel.id, name: 'Elif Arslan', phone: '0537 000 00 09' });
  await openContacts(page, channel);

  await rows(page).getByTestId('contact-message').click();
  const modal = page.getByTestId('send-modal');
  await modal.getByTestId('send-text').fill('Merhaba Elif Hanım');
  await modal.getByTestId('send-submit').click();
  await expect(modal.getByTestId('send-error')).toBeVisible();

  await call(page.request, 'channels.connect', { id: channel.id });
  await call(page.request, 'simulator.scan', { channelId: channel.id });
  await expect
    .poll(async () => (await call<Channel>(page.request, 'channels.get', { id: channel.id })).connection.state)
    .toBe('ready');
  await modal.getByTestId('send-submit').click();
  await expect(modal.getByTestId('send-ok')).toBeVisible();
  const delivered = await call<{ to: string; body: string }[]>(page.request, 'simulator.delivered', { channelId: channel.id });
  expect(delivered.map((d) => [d.to, d.body])).toContainEqual(['+905370000009', 'Merhaba Elif Hanım']);
});
