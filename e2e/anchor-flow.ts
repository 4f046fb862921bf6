import { expect, type Page } from '@playwright/test';

const PASSWORD = 'a long enough password';

export async function signUp(page: Page, name: string) {
  await page.goto('/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(`anchor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();
}

/** The anchor page's scenario: a new user fills it from empty. */
export async function fillAnchorFromEmpty(page: Page) {
  await signUp(page, 'Marie Curie');
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Empty blocks say what to do.
  await expect(page.getByRole('heading', { name: 'Done, and how well' })).toBeVisible();
  await expect(page.getByText('Add your first plan: a goal with a target date.')).toBeVisible();

  // A plan, added in place.
  await page.getByRole('button', { name: 'Add your first plan' }).click();
  await page.getByLabel('Plan or goal').fill('Ship the portfolio');
  await page.getByLabel('Target date').fill('2030-06-30');
  await page.getByRole('button', { name: 'Add plan' }).click();
  const planBar = page.getByRole('progressbar', { name: 'Progress of Ship the portfolio' });
  await expect(planBar).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByText('No linked to-dos yet')).toBeVisible();

  // Three to-dos linked to it, added from the plan.
  await nav.getByRole('link', { name: 'Plans' }).click();
  const card = page.getByRole('article', { name: 'Ship the portfolio' });
  await card.getByRole('button', { name: 'To-dos (0)' }).click();
  const addToPlan = card.getByLabel('Add a to-do to “Ship the portfolio”');
  for (const title of ['Write the case study', 'Pick a hosting provider', 'Draft the about page']) {
    await addToPlan.fill(title);
    await addToPlan.press('Enter');
    await expect(card.getByRole('checkbox', { name: title })).toBeVisible();
  }
  await expect(card.getByText('0 of 3 to-dos done')).toBeVisible();

  // Completing one from the anchor page asks how it went, and the plan's bar moves.
  await nav.getByRole('link', { name: 'Anchor' }).click();
  await page.getByRole('checkbox', { name: 'Write the case study' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark as done' });
  await dialog.getByLabel('What did you do, and how well?').fill('Wrote 1,200 words; two reviewers approved it.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(planBar).toHaveAttribute('aria-valuenow', '33');
  await expect(page.getByText('1 of 3 to-dos done')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Write the case study' })).toHaveCount(0);

  // An achievement with its result and skills.
  await page.getByRole('button', { name: 'Add your first achievement' }).click();
  await page.getByLabel('Achievement', { exact: true }).fill('Cut CI time');
  await page.getByLabel('Quantifiable results').fill('From 22 to 9 minutes (−59%)');
  await page.getByLabel('Skills').fill('GitHub Actions, caching');
  await page.getByRole('button', { name: 'Add achievement' }).click();
  const done = page.getByRole('region', { name: 'Done, and how well' });
  await expect(done.getByText('From 22 to 9 minutes (−59%)')).toBeVisible();
  await expect(done.getByRole('list', { name: 'Skills' }).getByRole('listitem')).toHaveText(['GitHub Actions', 'caching']);

  // A focus item, then its progress and status edited in place.
  await page.getByRole('button', { name: 'Add your first focus item' }).click();
  await page.getByLabel('Focus', { exact: true }).fill('Lead the checkout redesign');
  await page.getByRole('button', { name: 'Add focus item' }).click();
  const focusBar = page.getByRole('progressbar', { name: 'Progress of Lead the checkout redesign' });
  await expect(focusBar).toHaveAttribute('aria-valuenow', '0');
  await page.getByRole('button', { name: 'Edit “Lead the checkout redesign”' }).click();
  await page.getByLabel('Progress', { exact: true }).fill('60');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Paused' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(focusBar).toHaveAttribute('aria-valuenow', '60');
}

/** Everything the scenario added is on the page (after a reload or a server restart). */
export async function expectAnchorFilled(page: Page) {
  const planBar = page.getByRole('progressbar', { name: 'Progress of Ship the portfolio' });
  const focusBar = page.getByRole('progressbar', { name: 'Progress of Lead the checkout redesign' });
  const done = page.getByRole('region', { name: 'Done, and how well' });
  await expect(planBar).toHaveAttribute('aria-valuenow', '33');
  await expect(page.getByText('1 of 3 to-dos done')).toBeVisible();
  await expect(focusBar).toHaveAttribute('aria-valuenow', '60');
  const doing = page.getByRole('region', { name: 'Doing now' });
  await expect(doing.getByText('Paused', { exact: true })).toBeVisible();
  await expect(doing.getByRole('link', { name: /Open$/ })).toContainText('2');
  await expect(doing.getByRole('link', { name: /Done this week$/ })).toContainText('1');
  await expect(done.getByText('Cut CI time')).toBeVisible();
  await expect(done.getByRole('link', { name: 'All achievements (1)' })).toBeVisible();

  // The summary is kept with the finished to-do.
  await page.goto('/todos?status=done');
  await expect(page.getByText('Wrote 1,200 words; two reviewers approved it.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Write the case study' })).toBeChecked();
}
