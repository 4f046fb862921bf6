import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'a long enough password';

async function signUp(page: Page, name: string) {
  await page.goto('/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(`reports-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();
}

/** Adds a to-do on the to-do page and finishes it with a summary. */
async function finishTodo(page: Page, title: string, summary: string, options: { important?: boolean } = {}) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'To-dos' }).click();
  const quickAdd = page.getByLabel('New to-do');
  await quickAdd.fill(title);
  await quickAdd.press('Enter');
  if (options.important) {
    const star = page.getByRole('button', { name: `Important: ${title}` });
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
  }
  await page.getByRole('checkbox', { name: title }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark as done' });
  await dialog.getByLabel('What did you do, and how well?').fill(summary);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('checkbox', { name: title })).toHaveCount(0);
}

test('an important to-do finished becomes a suggestion; accepted, it shows on the anchor page', async ({ page }) => {
  await signUp(page, 'Grace Hopper');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await finishTodo(page, 'Lead the 2.0 launch', 'Shipped to 1,200 customers; churn down 8%.', { important: true });

  // The suggestion is made in the background: the centre shows it once it exists.
  await nav.getByRole('link', { name: 'Suggestions' }).click();
  await expect(page.getByRole('heading', { name: 'Suggestions', level: 1 })).toBeVisible();
  const card = page.getByRole('article', { name: 'Lead the 2.0 launch' });
  await expect(async () => {
    await page.reload();
    await expect(card).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(card.getByText('Achievements', { exact: true })).toBeVisible();
  await expect(card.getByText('After you finished an important to-do')).toBeVisible();
  await expect(card.getByText('Built-in rules (no AI)')).toBeVisible();
  await expect(card.getByText('Shipped to 1,200 customers; churn down 8%.')).toBeVisible();
  await expect(nav.getByRole('link', { name: /Suggestions/ })).toContainText('1');

  // The anchor page offers it too.
  await nav.getByRole('link', { name: 'Anchor' }).click();
  const strip = page.getByRole('region', { name: 'Suggestions for your page' });
  await expect(strip.getByText('Lead the 2.0 launch')).toBeVisible();
  await expect(strip.getByRole('button', { name: 'Accept “Lead the 2.0 launch”' })).toBeVisible();

  // Accepted in the centre, in one click; the toast leads to the anchor page.
  await strip.getByRole('link', { name: /Review all/ }).click();
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByText('Nothing waiting.')).toBeVisible();
  const toast = page.getByTestId('toast').filter({ hasText: '“Lead the 2.0 launch” was added to your achievements.' });
  await toast.getByRole('button', { name: 'View on your page' }).click();

  await expect(page).toHaveURL(/\/$/);
  const done = page.getByRole('region', { name: 'Done, and how well' });
  await expect(done.getByText('Lead the 2.0 launch')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Suggestions for your page' })).toHaveCount(0);

  // The history keeps it, with where it went.
  await page.goto('/suggestions?status=accepted');
  await expect(page.getByRole('article', { name: 'Lead the 2.0 launch' }).getByRole('link', { name: /See it in/ })).toBeVisible();
});

test('a weekly report is drafted while you watch, edited, finalised and exported', async ({ page }) => {
  await signUp(page, 'Katherine Johnson');
  await finishTodo(page, 'Write the onboarding guide', 'Published 12 pages; support tickets down a third.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByText('No reports yet.')).toBeVisible();

  await page.getByRole('button', { name: 'New report' }).click();
  await expect(page.getByRole('radio', { name: 'This week' })).toBeChecked();

  // Before drafting: exactly what would be sent — here nothing, since no model is configured.
  await page.getByRole('button', { name: 'What will be sent?' }).click();
  await expect(page.getByTestId('nothing-leaves')).toContainText('Nothing leaves the server');
  await expect(page.locator('pre.prompt')).toContainText('Write the onboarding guide');

  // Whatever the stream shows is recorded as it happens, however briefly it is on screen.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { streamed: string[] }).streamed = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="draft-stream"]')?.textContent;
      if (text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Draft it for me' }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const streamed = await page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
  expect(streamed.some((text) => text.includes('Write the onboarding guide — Published 12 pages'))).toBe(true);

  // The editor: the draft, labelled as the built-in drafter's, with the period's to-do beside it.
  await expect(page.getByText('Built-in drafter (no AI)', { exact: true })).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Draft');
  await expect(page.getByRole('textbox', { name: 'Accomplishments' })).toHaveValue(/Write the onboarding guide/);
  const side = page.getByRole('complementary', { name: /Finished in this period/ });
  await expect(side.getByText('Published 12 pages; support tickets down a third.')).toBeVisible();

  // An edit is saved on its own, and previews as Markdown.
  await page.getByRole('textbox', { name: 'Challenges' }).fill('- Two reviews **slipped** to next week');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const challenges = page.getByRole('region', { name: 'Challenges' });
  await challenges.getByRole('tab', { name: 'Preview' }).click();
  await expect(challenges.locator('strong')).toHaveText('slipped');

  // Finalised: read-only, and it can be reopened.
  await page.getByRole('button', { name: 'Finalise' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Final');
  await expect(page.getByRole('button', { name: 'Reopen as draft' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Challenges' })).toHaveCount(0);

  // Exported as Markdown, with what was written.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export Markdown' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toContain('## Challenges');
  expect(markdown).toContain('- Two reviews **slipped** to next week');
  expect(markdown).toContain('Write the onboarding guide — Published 12 pages; support tickets down a third.');

  // In the list, with its status and author.
  await page.getByRole('link', { name: 'All reports' }).click();
  const item = page.getByRole('listitem').filter({ hasText: 'Weekly report' });
  await expect(item.getByText('Final', { exact: true })).toBeVisible();
  await expect(item.getByText('Built-in drafter (no AI)')).toBeVisible();
});

test('a report written by hand: insert a finished to-do, keep it through a reload, delete and undo', async ({ page }) => {
  await signUp(page, 'Dorothy Vaughan');
  await finishTodo(page, 'Migrate the billing jobs', 'Moved 40 jobs; nightly run 3× faster.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByRole('button', { name: 'Write by hand' }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Written by hand', { exact: true })).toBeVisible();

  const accomplishments = page.getByRole('textbox', { name: 'Accomplishments' });
  await expect(accomplishments).toHaveValue('');
  await page.getByRole('button', { name: 'Insert “Migrate the billing jobs” into Accomplishments' }).click();
  await expect(accomplishments).toHaveValue('- Migrate the billing jobs — Moved 40 jobs; nightly run 3× faster.');
  await expect(page.getByText('In the report', { exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Learnings' }).fill('Batch the retries.');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');

  await page.reload();
  await expect(accomplishments).toHaveValue('- Migrate the billing jobs — Moved 40 jobs; nightly run 3× faster.');
  await expect(page.getByRole('textbox', { name: 'Learnings' })).toHaveValue('Batch the retries.');
  await expect(page.getByText('In the report', { exact: true })).toBeVisible();

  const address = page.url();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByText('No reports yet.')).toBeVisible();
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(page).toHaveURL(address);
  await expect(page.getByRole('textbox', { name: 'Learnings' })).toHaveValue('Batch the retries.');
});
