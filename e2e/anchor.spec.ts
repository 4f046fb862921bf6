import { expect, test } from '@playwright/test';
import { expectAnchorFilled, fillAnchorFromEmpty, signUp } from './anchor-flow.ts';
import { rowAction } from './todo-rows.ts';

test('a new user fills the anchor page from empty, and all of it survives a reload', async ({ page }) => {
  await fillAnchorFromEmpty(page);
  await page.reload();
  await expectAnchorFilled(page);
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

  // Reorder from the row's menu; the order is kept by the server.
  await rowAction(page, 'Alpha', 'Move up');
  await expect(titles).toHaveText(['Charlie', 'Alpha', 'Bravo']);
  await rowAction(page, 'Charlie', 'Move down');
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo']);
  await page.reload();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo']);

  // Edit: notes, priority, tags; star it.
  await rowAction(page, 'Bravo', 'Edit');
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
  await rowAction(page, 'Charlie', 'Delete');
  await expect(titles).toHaveText(['Alpha', 'Bravo, renamed']);
  await page.getByTestId('toast').filter({ hasText: 'Deleted “Charlie”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(titles).toHaveText(['Alpha', 'Charlie', 'Bravo, renamed']);
  // Ctrl+Z outside a field undoes the latest deletion too.
  await rowAction(page, 'Alpha', 'Delete');
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
    await other.getByLabel('Address', { exact: true }).fill('https://github.com/example');
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
