import { expect, test, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';

/** A write through the API with the browser's session; cookie writes must say where they come from. */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A day as the app writes it (medium style, English), from today in the browser's zone. */
function day(offset: number) {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  const iso = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return {
    iso,
    text: new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)),
  };
}

test('quick add reads “tomorrow 3pm #ledger !1 every weekday” as chips, keeps a removed one as text, and files it under Upcoming', async ({
  page,
}) => {
  await signUp(page, 'Grace Hopper');
  await page.goto('/todos?view=today');
  const quickAdd = page.getByRole('combobox', { name: 'New to-do' });
  const chips = page.getByRole('list', { name: 'Read from the text' });

  // Removing a chip keeps its words in the title.
  await quickAdd.fill('Meet 3 people #team');
  await expect(chips.getByRole('listitem')).toHaveText([/#team/]);
  await chips.getByRole('button', { name: 'Keep “#team” as text' }).click();
  await expect(chips.getByRole('listitem')).toHaveCount(0);
  await expect(quickAdd).toBeFocused();
  await quickAdd.press('Enter');
  const list = page.getByRole('list', { name: 'To-dos' });
  // Added in Today with no date in its text: it is due today, and shown here.
  await expect(list.getByRole('checkbox', { name: 'Meet 3 people #team' })).toBeVisible();

  await quickAdd.fill('Review RFC tomorrow 3pm #ledger !1 every weekday');
  const tomorrow = day(1);
  await expect(chips.getByRole('listitem')).toHaveText([
    `Date: ${tomorrow.text} 15:00 ×`,
    'Tag: #ledger ×',
    'Priority: High ×',
    'Repeats: ↻ every weekday ×',
  ]);
  await page.screenshot({ path: 'test-results/quick-add-chips.png' });
  await quickAdd.press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: 'Added “Review RFC”. It is not shown' })).toBeVisible();
  await expect(list.getByRole('checkbox', { name: 'Review RFC' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Upcoming' }).click();
  await expect(page).toHaveURL(/view=upcoming/);
  const row = list.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: 'Review RFC', exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByText('15:00')).toBeVisible();
  await expect(row.getByText('↻ every weekday')).toBeVisible();
  await expect(row.getByRole('list', { name: 'Tags' })).toHaveText('ledger');
  // Upcoming is grouped by day: its heading names the day.
  await expect(
    list.getByText(
      new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${tomorrow.iso}T00:00:00Z`)),
    ),
  ).toBeVisible();
});

test('keyboard only: move, select three, complete them in one request, undo; ? lists the keys', async ({ page }) => {
  await signUp(page, 'Ken Thompson');
  for (const title of ['One', 'Two', 'Three', 'Four', 'Five']) await post(page, '/api/v1/todos', { title });
  await page.goto('/todos');
  const list = page.getByRole('list', { name: 'To-dos' });
  const titles = list.locator(':scope > li label');
  await expect(titles).toHaveCount(5);

  // One tab stop for the whole list.
  await page.getByRole('combobox', { name: 'New to-do' }).focus();
  await page.keyboard.press('Escape');
  const first = list.getByRole('checkbox').first();
  await first.focus();
  const order = await titles.allTextContents();
  await expect(list.locator('[tabindex="0"]')).toHaveCount(1);

  await page.keyboard.press('j');
  await expect(list.getByRole('checkbox', { name: order[1], exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('checkbox', { name: order[2], exact: true })).toBeFocused();
  await page.keyboard.press('k');
  await expect(list.getByRole('checkbox', { name: order[1], exact: true })).toBeFocused();

  // Select three with x, j between.
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/api/v1/todos/')) requests.push(new URL(request.url()).pathname);
  });
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const bar = page.getByRole('toolbar', { name: 'Selected to-dos' });
  await expect(bar.getByText('3 selected')).toBeVisible();
  for (const title of order.slice(1, 4)) {
    await expect(list.getByRole('button', { name: `Select “${title}”` })).toHaveAttribute('aria-pressed', 'true');
  }

  // c completes the selection: one request; focus goes on to the next row.
  await page.keyboard.press('c');
  await expect(titles).toHaveText([order[0], order[4]]);
  expect(requests).toEqual(['/api/v1/todos/bulk']);
  await expect(list.getByRole('checkbox', { name: order[4], exact: true })).toBeFocused();
  await expect(bar).toBeHidden();

  // Ctrl+Z undoes the three at once.
  await page.keyboard.press('Control+z');
  await expect(titles).toHaveText(order);
  expect(requests).toEqual(['/api/v1/todos/bulk', '/api/v1/todos/bulk']);

  // The row's menu opens from the keyboard and Escape gives focus back.
  const row = list.getByRole('checkbox', { name: order[0], exact: true });
  await row.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const menuButton = page.getByRole('button', { name: `Actions for “${order[0]}”` });
  await expect(menuButton).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `Actions for “${order[0]}”` });
  await expect(menu.getByRole('menuitem', { name: 'Mark as done' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Delete removes the row (with undo) and focus moves to the next one.
  await row.focus();
  await page.keyboard.press('Delete');
  await expect(titles).toHaveCount(4);
  await expect(list.getByRole('checkbox', { name: order[1], exact: true })).toBeFocused();

  // Shortcuts leave fields alone.
  const quickAdd = page.getByRole('combobox', { name: 'New to-do' });
  await quickAdd.focus();
  await page.keyboard.type('jxc?');
  await expect(quickAdd).toHaveValue('jxc?');
  await quickAdd.fill('');

  // ? lists every key.
  await list.getByRole('checkbox', { name: order[1], exact: true }).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const text of [
    'Next to-do',
    'Select or deselect',
    'Complete (the selected ones, if any)',
    'Set the due date',
    'New to-do',
  ]) {
    await expect(help.getByText(text, { exact: true })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(list.getByRole('checkbox', { name: order[1], exact: true })).toBeFocused();
});

test('on a phone, every box and row button is at least 24 × 24 px, and the key hint is hidden', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  try {
    await signUp(page, 'Ada Phone');
    for (const title of ['Call the bank', 'Renew passport']) await post(page, '/api/v1/todos', { title, tags: ['admin'] });
    await page.goto('/todos');
    const list = page.getByRole('list', { name: 'To-dos' });
    await expect(list.getByRole('checkbox')).toHaveCount(2);
    await expect(page.getByText('Press N anywhere')).toBeHidden();
    await page.screenshot({ path: 'test-results/todos-phone.png', fullPage: true });
    const targets = list.locator('input[type="checkbox"], button');
    const count = await targets.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i++) {
      const box = await targets.nth(i).boundingBox();
      const label = (await targets.nth(i).getAttribute('aria-label')) ?? (await targets.nth(i).getAttribute('id'));
      expect(box, label ?? '').not.toBeNull();
      expect(box!.width, `${label} width`).toBeGreaterThanOrEqual(24);
      expect(box!.height, `${label} height`).toBeGreaterThanOrEqual(24);
    }
  } finally {
    await context.close();
  }
});

test('the command palette switches the theme (kept across a reload, set before the first paint) and adds a to-do with quick add', async ({
  page,
}) => {
  await signUp(page, 'Dark Mode');
  const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  const field = palette.getByRole('combobox', { name: 'Search everything you wrote' });
  await field.fill('theme dark');
  const option = palette.getByRole('option', { name: 'Theme: dark' });
  await expect(option).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBackground).not.toBe(lightBackground);

  // After a reload the page is dark from its first paint: the attribute is there before the app runs.
  const themeAtFirstPaint = page
    .waitForEvent('domcontentloaded')
    .then(() => page.evaluate(() => document.documentElement.dataset.theme));
  await page.reload();
  expect(await themeAtFirstPaint).toBe('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Back to the system's choice.
  await page.keyboard.press('Control+K');
  await field.fill('theme system');
  await palette.getByRole('option', { name: 'Theme: as the system' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);

  // Any text offers “New to-do”, read like quick add; and the palette goes to pages.
  await page.keyboard.press('Control+K');
  await field.fill('Pay rent tomorrow #home');
  await palette.getByRole('option', { name: 'New to-do: Pay rent tomorrow #home' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Added “Pay rent”' })).toBeVisible();
  await page.keyboard.press('Control+K');
  await field.fill('go to-dos');
  await palette.getByRole('option', { name: 'Go to To-dos' }).click();
  await expect(page).toHaveURL(/\/todos$/);
  const row = page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').filter({ hasText: 'Pay rent' });
  await expect(row.getByRole('list', { name: 'Tags' })).toHaveText('home');
  await expect(row.getByText(`Due ${shortDay(1)}`)).toBeVisible();
});

/** Tomorrow as the due badge writes it (“Dec 5”, with the year only when it is not this year). */
function shortDay(offset: number) {
  const { iso } = day(offset);
  const date = new Date(`${iso}T00:00:00Z`);
  const sameYear = date.getUTCFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat('en', {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(date);
}

test('the editor sets a time, a rule, a reminder and subtasks; the row shows them, and a recurring one skips an occurrence', async ({
  page,
}) => {
  await signUp(page, 'Sub Tasker');
  const today = day(0);
  await post(page, '/api/v1/todos', { title: 'Water the plants', dueOn: today.iso });
  await page.goto('/todos');
  const list = page.getByRole('list', { name: 'To-dos' });
  await list.getByRole('checkbox', { name: 'Water the plants' }).focus();
  await page.keyboard.press('d');
  const form = page.getByRole('form', { name: 'Edit to-do' });
  await expect(form.getByLabel('Due date')).toBeFocused();
  await form.getByLabel('Time').fill('18:30');
  await form.getByLabel('Repeats').selectOption({ label: 'every day' });
  await form.getByLabel('Remind me').selectOption({ label: '15 minutes before' });
  const subtask = form.getByRole('textbox', { name: 'Add a subtask' });
  for (const title of ['Fill the can', 'Balcony', 'Kitchen']) {
    await subtask.fill(title);
    await subtask.press('Enter');
  }
  await form.getByRole('button', { name: 'Move “Kitchen” up' }).click();
  await form.getByRole('checkbox', { name: 'Done: Fill the can' }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  // Focus comes back to the row.
  await expect(list.getByRole('checkbox', { name: 'Water the plants' })).toBeFocused();
  const row = list.getByRole('listitem').filter({ hasText: 'Water the plants' });
  await expect(row.getByText('18:30')).toBeVisible();
  await expect(row.getByText('↻ every day')).toBeVisible();
  await expect(row.getByText('1/3')).toBeVisible();

  await page.keyboard.press('e');
  await expect(form.getByLabel('Subtask 2')).toHaveValue('Kitchen');
  await expect(form.getByLabel('Remind me')).toHaveValue('15');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: 'Actions for “Water the plants”' }).click();
  await page.getByRole('menuitem', { name: 'Skip this occurrence' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Skipped; next: ${day(1).text}` })).toBeVisible();
});

test('in Chinese, quick add chips and the row describe the rule in Chinese', async ({ page }) => {
  await signUp(page, 'Lin Zhou');
  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  // Switching reloads the app in the new language.
  await expect(page.getByRole('heading', { name: '你好，Lin Zhou' })).toBeVisible();
  await page.goto('/todos?view=all');
  const quickAdd = page.getByRole('combobox', { name: '新待办' });
  await quickAdd.fill('周会 每2周的周一 #团队');
  const chips = page.getByRole('list', { name: '从文字中识别出' });
  await expect(chips.getByText('↻ 每2周的周一')).toBeVisible();
  await quickAdd.fill('交周报 每个工作日 !1');
  await expect(chips.getByText('↻ 每个工作日')).toBeVisible();
  await quickAdd.press('Enter');
  const row = page.getByRole('list', { name: '待办' }).getByRole('listitem').filter({ hasText: '交周报' });
  await expect(row.getByText('↻ 每个工作日')).toBeVisible();
  await row.getByRole('checkbox', { name: '交周报' }).focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' }).getByText('下一个待办')).toBeVisible();
});

test('quick add completes +plan from the plans, and the bulk bar moves the selection to a plan and tags it in one request each', async ({
  page,
}) => {
  await signUp(page, 'Plan Ner');
  const plan = await post<{ id: string }>(page, '/api/v1/plans', { title: 'Ledger migration' });
  for (const title of ['Alpha', 'Bravo']) await post(page, '/api/v1/todos', { title });
  await page.goto('/todos');
  const quickAdd = page.getByRole('combobox', { name: 'New to-do' });
  await quickAdd.pressSequentially('Cut over +led');
  const plans = page.getByRole('listbox', { name: 'Plans' });
  await expect(plans.getByRole('option', { name: 'Ledger migration' })).toHaveAttribute('aria-selected', 'true');
  await quickAdd.press('Enter');
  await expect(quickAdd).toHaveValue('Cut over +"Ledger migration" ');
  await expect(page.getByRole('list', { name: 'Read from the text' }).getByText('Ledger migration')).toBeVisible();
  await quickAdd.press('Enter');
  const list = page.getByRole('list', { name: 'To-dos' });
  const cutOver = list.getByRole('listitem').filter({ hasText: 'Cut over' });
  await expect(cutOver.getByRole('link', { name: 'Ledger migration' })).toBeVisible();

  // Click one, shift-click another: the range between is selected.
  await list.getByRole('button', { name: 'Select “Cut over”' }).click();
  await list.getByRole('button', { name: 'Select “Bravo”' }).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Selected to-dos' });
  await expect(bar.getByText('3 selected')).toBeVisible();
  const bulkCalls: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/todos/bulk')) bulkCalls.push(request.postDataJSON());
  });
  await bar.getByLabel('Plan').selectOption({ label: 'Ledger migration' });
  await expect(list.getByRole('link', { name: 'Ledger migration' })).toHaveCount(3);
  expect(bulkCalls).toHaveLength(1);
  expect(bulkCalls[0]).toMatchObject({ action: 'update', changes: { planId: plan.id } });

  // Ctrl+A in the list selects every row shown.
  await list.getByRole('checkbox', { name: 'Alpha' }).focus();
  await page.keyboard.press('Control+a');
  await expect(bar.getByText('3 selected')).toBeVisible();
  await bar.getByLabel('Tag', { exact: true }).fill('cutover');
  await bar.getByRole('button', { name: 'Add tag' }).click();
  await expect(list.getByRole('list', { name: 'Tags' })).toHaveText(['cutover', 'cutover', 'cutover']);
  // Undo sends the inverse: the tag comes off all three.
  await page.getByTestId('toast').filter({ hasText: 'Changed: 3 to-dos' }).last().getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('list', { name: 'Tags' })).toHaveCount(0);
  expect(bulkCalls.at(-1)).toMatchObject({ action: 'update', changes: { removeTags: ['cutover'] } });
});
