import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'a long enough password';

async function signUp(page: Page, name: string) {
  await page.goto('/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(`anchor-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();
}

test('a new user fills the anchor page from empty, and all of it survives a reload', async ({ page }) => {
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

  // Everything is still there after a reload.
  await page.reload();
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
});

test('to-dos: quick add with “n”, complete and reopen, edit, star, reorder, delete and undo', async ({ page }) => {
  await signUp(page, 'Alan Turing');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'To-dos' }).click();
  await expect(page.getByRole('heading', { name: 'To-dos', level: 1 })).toBeVisible();
  await expect(page.getByText('Nothing to do yet.')).toBeVisible();

  const quickAdd = page.getByLabel('New to-do');
  await page.getByRole('heading', { name: 'To-dos', level: 1 }).click();
  await page.keyboard.press('n');
  await expect(quickAdd).toBeFocused();
  for (const title of ['Alpha', 'Bravo', 'Charlie']) {
    await quickAdd.fill(title);
    await quickAdd.press('Enter');
  }
  const list = page.getByRole('list', { name: 'To-dos' });
  const titles = list.locator(':scope > li label');
  // New ones go on top.
  await expect(titles).toHaveText(['Charlie', 'Bravo', 'Alpha']);

  // Reorder with the keyboard-friendly buttons; the order is kept by the server.
  await page.getByRole('button', { name: 'Move “Alpha” up' }).click();
  await expect(titles).toHaveText(['Charlie', 'Alpha', 'Bravo']);
  await page.getByRole('button', { name: 'Move “Charlie” down' }).click();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo']);
  await page.reload();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo']);

  // Edit: notes, priority, tags; star it.
  await page.getByRole('button', { name: 'Edit “Bravo”' }).click();
  const form = page.getByRole('form', { name: 'Edit to-do' });
  await form.getByLabel('Title').fill('Bravo, renamed');
  await form.getByLabel('Notes').fill('Call before noon');
  await form.getByLabel('Priority').selectOption({ label: 'High' });
  await form.getByLabel('Tags').fill('calls, 客户');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(list.getByText('Call before noon')).toBeVisible();
  await expect(list.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['calls', '客户']);
  const star = page.getByRole('button', { name: 'Important: Bravo, renamed' });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Important', exact: true }).click();
  await expect(titles).toHaveText(['Bravo, renamed']);
  await page.getByRole('button', { name: 'Important', exact: true }).click();
  await expect(titles).toHaveCount(3);

  // Complete without a summary (Skip), find it under Done, reopen it.
  await page.getByRole('checkbox', { name: 'Alpha' }).click();
  await page.getByRole('dialog', { name: 'Mark as done' }).getByRole('button', { name: 'Skip' }).click();
  await expect(titles).toHaveText(['Charlie', 'Bravo, renamed']);
  await page.getByRole('radio', { name: 'Done' }).check();
  await expect(page).toHaveURL(/status=done/);
  await expect(titles).toHaveText(['Alpha']);
  await page.getByRole('checkbox', { name: 'Alpha' }).click();
  await expect(page.getByText('Nothing done yet.')).toBeVisible();
  await page.getByRole('radio', { name: 'Open' }).check();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo, renamed']);

  // Delete, then undo from the toast.
  await page.getByRole('button', { name: 'Delete “Charlie”' }).click();
  await expect(titles).toHaveText(['Alpha', 'Bravo, renamed']);
  await page.getByTestId('toast').filter({ hasText: 'Deleted “Charlie”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo, renamed']);
  // Ctrl+Z outside a field undoes the latest deletion too.
  await page.getByRole('button', { name: 'Delete “Alpha”' }).click();
  await expect(titles).toHaveText(['Charlie', 'Bravo, renamed']);
  await page.keyboard.press('Control+z');
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo, renamed']);
  await page.reload();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo, renamed']);
});

test('profile: handle errors next to the field, saving the language switches to Chinese', async ({ page, browser }) => {
  await signUp(page, 'Grace Taken');
  const handle = `grace-${Date.now().toString(36)}`;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Handle').fill(handle);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();

  const other = await browser.newPage();
  try {
    await signUp(other, 'Lin Hui');
    await other.goto('/profile');
    const field = other.getByLabel('Handle');
    await field.fill('admin');
    await other.getByRole('button', { name: 'Save profile' }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(other.getByText('This handle is reserved. Please choose another.')).toBeVisible();
    await field.fill(handle);
    await other.getByRole('button', { name: 'Save profile' }).click();
    await expect(other.getByText('This handle is already taken.')).toBeVisible();

    await field.fill(`lin-${Date.now().toString(36)}`);
    await other.getByLabel('Headline').fill('材料科学研究员');
    await other.getByRole('button', { name: 'Add link' }).click();
    await other.getByLabel('Label', { exact: true }).fill('GitHub');
    await other.getByLabel('Address').fill('https://github.com/example');
    await other.getByRole('main').getByLabel('Language', { exact: true }).selectOption({ label: '简体中文' });
    await other.getByRole('button', { name: 'Save profile' }).click();

    // Saving the language reloads the app in it.
    await expect(other.getByRole('heading', { name: '个人资料', level: 1 })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(other.getByLabel('一句话简介')).toHaveValue('材料科学研究员');
    await expect(other.getByLabel('网址')).toHaveValue('https://github.com/example');

    await other.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '锚点' }).click();
    await expect(other.getByRole('heading', { name: '你好，Lin Hui' })).toBeVisible();
    await expect(other.getByText('材料科学研究员')).toBeVisible();
    await expect(other.getByRole('heading', { name: '做过什么，做得怎样' })).toBeVisible();
    await expect(other.getByRole('button', { name: '添加第一个计划' })).toBeVisible();

    await other.goto('/todos');
    await expect(other.getByRole('heading', { name: '待办', level: 1 })).toBeVisible();
    const quickAdd = other.getByLabel('新待办');
    await quickAdd.fill('整理实验数据');
    await quickAdd.press('Enter');
    await expect(other.getByRole('checkbox', { name: '整理实验数据' })).toBeVisible();

    await other.goto('/plans');
    await expect(other.getByRole('heading', { name: '计划与目标', level: 1 })).toBeVisible();
    await other.goto('/achievements');
    await expect(other.getByRole('heading', { name: '成就', level: 1 })).toBeVisible();
  } finally {
    await other.close();
  }
});
