import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';
import { rowAction } from './todo-rows.ts';

/** A write through the API with the browser's session; cookie writes must say where they come from. */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The calendar day `daysAgo` days before today (UTC), at midnight UTC. */
function dayAgo(daysAgo: number): Date {
  const date = new Date();
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  return date;
}

/** A day as the heat map names it in each language (“Wednesday, March 5, 2025”, “2025年3月5日星期三”). */
const fullDay = (locale: string, date: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(date);

test('Control+K finds a Chinese to-do by two characters, marks them, and Enter opens that to-do', async ({ page }) => {
  await signUp(page, 'Lin Hui');
  await page.goto('/todos');
  const quickAdd = page.getByLabel('New to-do');
  for (const title of ['我在学习中文', 'Book the dentist']) {
    await quickAdd.fill(title);
    await quickAdd.press('Enter');
    await expect(page.getByRole('checkbox', { name: title })).toBeVisible();
  }

  // From another page, the keyboard opens the palette with the search field focused.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Anchor' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Lin Hui' })).toBeVisible();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Search' });
  const field = palette.getByRole('combobox', { name: 'Search everything you wrote' });
  await expect(field).toBeFocused();

  await field.pressSequentially('中文');
  const todos = palette.getByRole('group', { name: 'To-dos' });
  const hit = todos.getByRole('option', { name: '我在学习中文' });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText('中文');
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute('aria-activedescendant', (await hit.getAttribute('id')) ?? '');
  await expect(palette.getByRole('option', { name: 'Book the dentist' })).toHaveCount(0);

  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/todos\?focus=[0-9a-f-]+$/);
  const todo = page.getByRole('checkbox', { name: '我在学习中文' });
  await expect(todo).toBeFocused();

  // “/” (outside a field) opens it again, with the to-do among the recently opened; Escape closes it.
  await page.keyboard.press('/');
  await expect(
    palette.getByRole('group', { name: 'Recently opened' }).getByRole('option', { name: /我在学习中文/ }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(todo).toBeFocused();

  // The header's button opens it too (phones have no keyboard shortcut).
  await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
  await expect(field).toBeFocused();
  await field.fill('dentist');
  await expect(palette.getByRole('option', { name: 'Book the dentist' }).locator('mark')).toHaveText('dentist');

  // Several words, in any order: each is marked, in the title and in the text under it.
  await field.fill('学习 文');
  await expect(todos.getByRole('option', { name: '我在学习中文' }).locator('mark')).toHaveText(['学习', '文']);
  await post(page, '/api/v1/todos', { title: 'Write RFC for ledger cutover', notes: 'The <b>cutover</b> date' });
  await field.fill('cutover rfc');
  const rfc = todos.getByRole('option', { name: /^Write RFC for ledger cutover/ });
  await expect(rfc.locator('.title mark')).toHaveText(['RFC', 'cutover']);
  // Text is shown as written, never read as HTML.
  await expect(rfc.locator('.snippet')).toHaveText('The <b>cutover</b> date');
  await expect(rfc.locator('.snippet mark')).toHaveText(['cutover']);
  await expect(rfc.locator('b')).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('the Progress page draws a year of finished to-dos as a heat map, in English and in Chinese', async ({ page }) => {
  await signUp(page, 'Grace Hopper');

  // A year of work: on every third day, one to three to-dos finished at noon.
  const todos = [];
  let total = 0;
  for (let daysAgo = 3; daysAgo <= 360; daysAgo += 3) {
    const count = 1 + ((daysAgo / 3) % 3);
    for (let n = 0; n < count; n++) {
      const completedAt = new Date(dayAgo(daysAgo).getTime() + 12 * 3600_000).toISOString();
      todos.push({ id: randomUUID(), title: `Finished ${daysAgo} days ago (${n + 1})`, status: 'done', completedAt });
    }
    total += count;
  }
  await post(page, '/api/v1/import', { formatVersion: 2, todos });

  // The anchor page shows the last weeks at a glance and links to the page.
  await page.reload();
  const strip = page.getByRole('link', { name: /done in the last 12 weeks/ });
  await expect(strip).toBeVisible();
  await strip.click();
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole('heading', { name: 'Progress', level: 1 })).toBeVisible();

  const grid = page.getByRole('grid', { name: 'To-dos finished per day' });
  await expect(grid).toBeVisible();
  await expect(page.getByText(`${total} to-dos finished on 120 different days`)).toBeVisible();
  // Three finished six days ago (6 / 3 = 2, so 1 + 2); weeks start on Sunday in English.
  const sixDaysAgo = grid.getByRole('gridcell', { name: `${fullDay('en', dayAgo(6))}: 3 finished` });
  await expect(sixDaysAgo).toBeVisible();
  await expect(grid.getByRole('row').first().getByRole('gridcell').first()).toHaveAccessibleName(/^Sunday, /);

  // One stop for Tab; the arrow keys move a week or a day.
  await sixDaysAgo.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(grid.getByRole('gridcell', { name: `${fullDay('en', dayAgo(13))}: 0 finished` })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(grid.getByRole('gridcell', { name: `${fullDay('en', dayAgo(14))}: 0 finished` })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('gridcell', { name: `${fullDay('en', dayAgo(12))}: 2 finished` })).toBeFocused();

  // The same numbers as a table.
  const year = page.getByRole('region', { name: 'To-dos finished in the last year' });
  await year.getByText('Show as table').click();
  await expect(year.getByRole('table').getByTestId('heatmap-total')).toHaveText(String(total));
  await expect(page.getByRole('region', { name: 'Weekly pace' }).getByRole('img')).toHaveAccessibleName(
    /^To-dos finished per week\. On average /,
  );

  // In Chinese: the words, the dates, and weeks starting on Monday.
  await page.getByRole('banner').getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(page.getByRole('heading', { name: '进展', level: 1 })).toBeVisible();
  const zhGrid = page.getByRole('grid', { name: '每日完成的待办' });
  await expect(zhGrid.getByRole('gridcell', { name: `${fullDay('zh-CN', dayAgo(6))}：完成 3 项` })).toBeVisible();
  await expect(zhGrid.getByRole('row').first().getByRole('gridcell').first()).toHaveAccessibleName(/星期一：/);
  await expect(page.getByText(`共在 120 天里完成了 ${total} 项待办`)).toBeVisible();
  const zhYear = page.getByRole('region', { name: '近一年完成的待办' });
  await zhYear.getByText('以表格显示').click();
  await expect(zhYear.getByTestId('heatmap-total')).toHaveText(String(total));
});

test('tags: typing one offers those in use; a rename onto another merges them; the tag page lists what carries it', async ({
  page,
}) => {
  await signUp(page, 'Ada Tags');
  await post(page, '/api/v1/todos', { title: 'Write the parser', tags: ['typescript'] });
  await post(page, '/api/v1/todos', { title: 'Refactor the lexer', tags: ['TS'] });
  const plan = await post<{ id: string }>(page, '/api/v1/plans', { title: 'Learn Rust', tags: ['rust', 'typescript'] });

  // In the to-do editor, the tag being typed is completed from the tags in use.
  await page.goto('/todos');
  await rowAction(page, 'Refactor the lexer', 'Edit');
  const field = page.getByRole('combobox', { name: 'Tags' });
  await field.fill('TS, ty');
  const matches = page.getByRole('listbox', { name: 'Already in use' });
  await expect(matches.getByRole('option')).toHaveCount(1);
  await expect(matches.getByRole('option', { name: /^typescript/ })).toBeVisible();
  await field.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-activedescendant', /.+/);
  await field.press('Enter');
  await expect(field).toHaveValue('TS, typescript, ');
  await expect(matches).toBeHidden();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Tags' }).filter({ hasText: 'typescript' })).toHaveCount(2);

  // Renaming “TS” onto “typescript” says it merges, then does.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await page.getByRole('link', { name: 'Browse your tags' }).click();
  await expect(page.getByRole('heading', { name: 'Tags', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Rename “TS”' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename “TS”' });
  await rename.getByLabel('New name').fill('TypeScript');
  await expect(rename.getByText('“typescript” already exists')).toBeVisible();
  await rename.getByRole('button', { name: 'Merge' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByText('Merged into “typescript”.')).toBeVisible();
  const list = page.getByRole('list', { name: 'Tags' });
  await expect(list.getByRole('link', { name: 'TS', exact: true })).toHaveCount(0);
  await expect(list.getByRole('listitem').filter({ hasText: 'typescript' })).toContainText('3 tagged');

  // Merging two selected tags into the most used of them.
  await page.getByRole('checkbox', { name: 'Select “rust”' }).check();
  await page.getByRole('checkbox', { name: 'Select “typescript”' }).check();
  await page.getByRole('button', { name: 'Merge selected (2)' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge 2 tags' });
  await expect(merge.getByLabel('Merge into')).toHaveValue('typescript');
  await merge.getByLabel('Merge into').fill('');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge.getByText('This field is required.')).toBeVisible();
  await merge.getByLabel('Merge into').fill('languages');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText('Merged into “languages”.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // The tag's page lists everything with it and opens each where it lives.
  await list.getByRole('link', { name: 'languages' }).click();
  await expect(page).toHaveURL(/\/tags\/languages$/);
  const items = page.getByRole('list', { name: 'Items tagged “languages”' });
  await expect(items.getByRole('listitem')).toHaveCount(3);
  await items.getByRole('link', { name: 'Learn Rust' }).click();
  await expect(page).toHaveURL(new RegExp(`/plans#${plan.id}$`));
  await expect(page.getByRole('article', { name: 'Learn Rust' })).toBeVisible();
});
