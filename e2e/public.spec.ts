import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';

/** Adds an achievement on the achievements page. */
async function addAchievement(page: Page, title: string, results = '') {
  await page.getByRole('button', { name: 'New achievement' }).click();
  await page.getByLabel('Achievement', { exact: true }).fill(title);
  if (results) await page.getByLabel('Quantifiable results').fill(results);
  await page.getByRole('button', { name: 'Add achievement' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
}

/** A day as the English interface writes it (“Mar 5, 2025”). */
const shown = (date: Date) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(date);

test('a published profile shows only what is public, without JavaScript and in print; a deleted achievement comes back from the trash', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, 'Ada Lovelace');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const { email } = (await (await page.request.get('/api/v1/auth/me')).json()) as { email: string };
  const handle = `ada-${Date.now().toString(36)}`;

  // One achievement made public from its card; another left private.
  await nav.getByRole('link', { name: 'Achievements' }).click();
  await addAchievement(page, 'Wrote the first program', 'Bernoulli numbers on the Analytical Engine');
  await addAchievement(page, 'Negotiated a raise');
  const shownSwitch = page.getByRole('switch', { name: 'Public: Wrote the first program' });
  const hiddenSwitch = page.getByRole('switch', { name: 'Public: Negotiated a raise' });
  await expect(shownSwitch).not.toBeChecked();
  await shownSwitch.click();
  await expect(
    page.getByTestId('toast').filter({ hasText: '“Wrote the first program” is now on your public profile.' }),
  ).toBeVisible();
  await page.reload();
  await expect(shownSwitch).toBeChecked();
  await expect(hiddenSwitch).not.toBeChecked();
  await expect(page.getByRole('article', { name: 'Negotiated a raise' }).getByText('Private')).toBeVisible();

  // Publishing needs a handle; the link appears once saved.
  await nav.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('textbox', { name: 'Headline' }).fill('Mathematician and writer');
  const publish = page.getByRole('switch', { name: 'Make my profile public' });
  await expect(publish).toBeDisabled();
  await expect(page.getByText('Choose a handle first: it becomes your page’s address.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Handle' }).fill(handle);
  await publish.check();
  await expect(page.getByRole('checkbox', { name: 'Headline' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Let search engines find it' })).not.toBeChecked();
  await expect(page.getByText('Save the profile to apply these changes to your page.')).toBeVisible();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();

  const url = `${baseURL}/u/${handle}`;
  await expect(page.getByRole('textbox', { name: 'Your public link' })).toHaveValue(url);
  await expect(page.getByText('Public now: achievements 1, plans 0, focus items 0, career entries 0.')).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const [tab] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('link', { name: /View as the public sees it/ }).click(),
  ]);
  await expect(tab.getByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeVisible();
  await tab.close();

  // A stranger, without JavaScript: the public achievement, not the private one, never the e-mail.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const publicPage = await stranger.newPage();
  const response = await publicPage.goto(url);
  expect(response?.status()).toBe(200);
  await expect(publicPage.getByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeVisible();
  await expect(publicPage.getByText('Mathematician and writer')).toBeVisible();
  await expect(publicPage.getByRole('heading', { name: 'Wrote the first program' })).toBeVisible();
  await expect(publicPage.getByText('Bernoulli numbers on the Analytical Engine')).toBeVisible();
  await expect(publicPage.getByText('Negotiated a raise')).toHaveCount(0);
  expect(await publicPage.content()).not.toContain(email);
  await expect(publicPage.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);

  // Printed, it is a résumé.
  await publicPage.emulateMedia({ media: 'print' });
  const printed = testInfo.outputPath('resume-print.png');
  await publicPage.screenshot({ path: printed, fullPage: true });
  await testInfo.attach('resume-print', { path: printed, contentType: 'image/png' });
  await stranger.close();

  // Deleted, then restored from the trash.
  await nav.getByRole('link', { name: 'Achievements' }).click();
  const deletedAt = new Date();
  await page.getByRole('button', { name: 'Delete “Negotiated a raise”' }).click();
  await expect(page.getByRole('article', { name: 'Negotiated a raise' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Open the trash' }).click();
  await expect(page.getByRole('heading', { name: 'Trash', level: 1 })).toBeVisible();
  const row = page
    .getByRole('region', { name: /Achievements/ })
    .getByRole('listitem')
    .filter({ hasText: 'Negotiated a raise' });
  await expect(row).toContainText(`deleted for good on ${shown(new Date(deletedAt.getTime() + 30 * 86_400_000))}`);
  await row.getByRole('button', { name: 'Restore “Negotiated a raise”' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Restored “Negotiated a raise”' })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByText(/The trash is empty/)).toBeVisible();
  await nav.getByRole('link', { name: 'Achievements' }).click();
  await expect(page.getByRole('article', { name: 'Negotiated a raise' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Public: Negotiated a raise' })).not.toBeChecked();
});

test('everything downloaded is imported into another account once; a second import adds nothing', async ({ page }, testInfo) => {
  await signUp(page, 'Mary Somerville');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Achievements' }).click();
  await addAchievement(page, 'Translated the Mécanique céleste');
  await nav.getByRole('link', { name: 'Career' }).click();
  const positionBox = page.getByRole('textbox', { name: 'Add a position' });
  await positionBox.fill('Science writer @ John Murray');
  await positionBox.press('Enter');
  await expect(page.getByRole('heading', { name: 'Science writer · John Murray' })).toBeVisible();

  await nav.getByRole('link', { name: 'Settings' }).click();
  const data = page.getByRole('region', { name: 'Your data' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    data.getByRole('link', { name: 'Download everything (JSON)' }).click(),
  ]);
  const file = testInfo.outputPath('export.json');
  await download.saveAs(file);
  expect(JSON.parse(await readFile(file, 'utf8')).formatVersion).toBe(3);

  // A file that is neither kind says so.
  const chooser = data.getByLabel('Choose a file to import…');
  await chooser.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(data.getByRole('alert')).toContainText('neither an export from here');

  // A new account takes it in; the same file again adds nothing.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signUp(page, 'Somebody Else');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await chooser.setInputFiles(file);
  const result = data.getByRole('status').filter({ hasText: 'Imported.' });
  await expect(result.getByRole('row', { name: /Achievements/ })).toHaveText(/Achievements\s*1\s*0/);
  await expect(result.getByRole('row', { name: /Career entries/ })).toHaveText(/Career entries\s*1\s*0/);
  await chooser.setInputFiles(file);
  const again = data.getByRole('status').filter({ hasText: 'Nothing new to import' });
  await expect(again.getByRole('row', { name: /Achievements/ })).toHaveText(/Achievements\s*0\s*1/);
  await expect(again.getByRole('row', { name: /Career entries/ })).toHaveText(/Career entries\s*0\s*1/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Achievements' }).click();
  await expect(page.getByRole('article', { name: 'Translated the Mécanique céleste' })).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Career' }).click();
  await expect(page.getByRole('heading', { name: 'Science writer · John Murray' })).toHaveCount(1);
});
