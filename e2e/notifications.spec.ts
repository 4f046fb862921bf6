import { expect, test, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';

/** A calendar day `offset` days from today (UTC), as YYYY-MM-DD. */
function day(offset: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** A date as the English interface writes it (“Mar 5, 2025”). */
const shown = (isoDay: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));

/** A write through the API with the browser's session; cookie writes must say where they come from. */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A plan with a target date and linked to-dos, the first `done` of them finished. */
async function planWithTodos(page: Page, title: string, targetDate: string, todos: string[], done = 0) {
  const plan = await post<{ id: string }>(page, '/api/v1/plans', { title, targetDate, status: 'in_progress' });
  for (const [i, todo] of todos.entries()) {
    const created = await post<{ id: string }>(page, '/api/v1/todos', { title: todo, planId: plan.id });
    if (i < done) await post(page, `/api/v1/todos/${created.id}/complete`, { summary: 'Done and reviewed.' });
  }
  return plan;
}

test('an overdue to-do rings the bell; its notification opens the overdue to-dos; the rest are marked read', async ({ page }) => {
  await signUp(page, 'Ada Lovelace');
  const bell = page.getByRole('banner').getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications');

  // Something for each of two reminders: an overdue to-do, and a plan due in 10 days with nothing finished.
  await post(page, '/api/v1/todos', { title: 'Renew the certificate', dueOn: day(-3) });
  const plan = await planWithTodos(page, 'Pass the cloud exam', day(10), ['Book the exam', 'Take a practice test']);

  // The digest comes after a chosen hour: from midnight on, it is due at once. Saved settings apply right away.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const reminders = page.getByRole('region', { name: 'Reminders' });
  const digest = reminders.getByRole('group', { name: 'Daily to-do digest' });
  await expect(digest.getByRole('switch', { name: 'Daily to-do digest' })).toBeChecked();
  await digest.getByLabel('Time').selectOption({ label: '12:00 AM' });
  await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
  await expect(reminders.getByText('Reminder settings saved.')).toBeVisible();

  // The bell counts them without a reload: it asks again whenever the tab comes back into view.
  await expect(async () => {
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(bell).toHaveAccessibleName('Notifications, 2 unread', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('bell-count')).toHaveText('2');

  // The list opens from the keyboard too, and Escape puts focus back on the bell.
  await bell.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Latest notifications' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Mark all read' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('list', { name: 'Latest notifications' })).toBeHidden();
  await expect(bell).toBeFocused();

  // The digest, opened from the bell, lands on the overdue to-dos and counts as read.
  await bell.click();
  await expect(bell).toHaveAttribute('aria-expanded', 'true');
  const latest = page.getByRole('list', { name: 'Latest notifications' });
  await expect(latest.getByRole('listitem')).toHaveCount(2);
  await latest.getByRole('link', { name: '0 due today, 1 overdue' }).click();
  await expect(page).toHaveURL(/\/todos\?due=overdue$/);
  await expect(page.getByRole('checkbox', { name: 'Renew the certificate' })).toBeVisible();
  await expect(page.getByLabel('Due', { exact: true })).toHaveValue('overdue');
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await expect(bell).toHaveAttribute('aria-expanded', 'false');

  // The notification page: unread ones only, then all marked read at once.
  await bell.click();
  await page.getByRole('link', { name: 'See all notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: /Unread/ }).check();
  await expect(page).toHaveURL(/show=unread/);
  const list = page.getByRole('list', { name: 'Notifications' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('link', { name: 'Unread: “Pass the cloud exam” may miss its target date' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'All notifications marked read.' })).toBeVisible();
  await expect(bell).toHaveAccessibleName('Notifications');
  await expect(page.getByTestId('bell-count')).toHaveCount(0);
  await expect(list.getByRole('link', { name: /^Unread:/ })).toHaveCount(0);

  // Read, they stay listed; the plan's one opens that plan with its to-dos.
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('link', { name: '“Pass the cloud exam” may miss its target date' }).click();
  await expect(page).toHaveURL(new RegExp(`/plans#${plan.id}$`));
  const card = page.getByRole('article', { name: 'Pass the cloud exam' });
  await expect(card.getByRole('button', { name: 'To-dos (2)' })).toHaveAttribute('aria-expanded', 'true');
  await page.goto('/notifications?show=unread');
  await expect(page.getByText('You are all caught up: nothing unread.')).toBeVisible();
});

test('insights: empty at first; a plan behind its pace shows its target and projected dates', async ({ page }) => {
  await signUp(page, 'Alan Turing');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { name: 'Insights', level: 1 })).toBeVisible();
  await expect(page.getByText(/^No insights yet\./)).toBeVisible();

  // Ten days to go, four to-dos, one finished: at that pace the rest take twelve weeks.
  const target = day(10);
  const plan = await planWithTodos(page, 'Ship the mobile app', target, ['Design', 'Build', 'Test', 'Release'], 1);
  await page.getByRole('button', { name: 'Refresh' }).click();

  const card = page.getByRole('article', { name: '“Ship the mobile app” may miss its target date' });
  await expect(card).toBeVisible();
  const response = await page.request.get('/api/v1/insights');
  const risk = ((await response.json()) as { items: { kind: string; data: Record<string, unknown> }[] }).items.find(
    (item) => item.kind === 'plan_at_risk',
  );
  const projected = String(risk?.data.projected);
  expect(projected > target).toBe(true);
  const late = Math.round((Date.parse(projected) - Date.parse(target)) / 86_400_000);
  await expect(card.getByRole('term')).toHaveText(['Target date', 'Projected finish', 'Later than the target by', 'To-dos left']);
  await expect(card.getByRole('definition')).toHaveText([shown(target), shown(projected), `${late} days`, '3']);
  await expect(card.getByText(/at the last 28 days’ pace \(1 done\)/)).toBeVisible();
  // Other cards tell the pace and where the time went.
  await expect(page.getByRole('article', { name: /finished in the last 4 weeks$/ })).toBeVisible();

  await card.getByRole('link', { name: 'Open the plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/plans#${plan.id}$`));
  await expect(
    page.getByRole('article', { name: 'Ship the mobile app' }).getByRole('button', { name: 'To-dos (4)' }),
  ).toHaveAttribute('aria-expanded', 'true');
});

test('the weekly nudge opens a new report on its week; reminders can be paused', async ({ page }) => {
  await signUp(page, 'Grace Hopper');

  // A week long past: its seven days, as a weekly report.
  await page.goto('/reports?new=weekly&start=2025-03-03');
  const form = page.getByRole('region', { name: 'New report' });
  await expect(form.getByRole('heading', { name: 'New report' })).toBeFocused();
  await expect(form.getByRole('radio', { name: 'Custom dates' })).toBeChecked();
  await expect(form.getByLabel('From')).toHaveValue('2025-03-03');
  await expect(form.getByLabel('To', { exact: true })).toHaveValue('2025-03-09');
  await expect(form.getByText('Weekly', { exact: true })).toBeVisible();

  // Pausing keeps each choice; a day count out of range is caught before saving.
  await page.goto('/settings#reminders-heading');
  const reminders = page.getByRole('region', { name: 'Reminders' });
  const quiet = reminders.getByRole('group', { name: 'Quiet plans' });
  await quiet.getByLabel('After how many quiet days').fill('2');
  await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
  await expect(quiet.getByText('Enter a whole number from 3 to 180.')).toBeVisible();
  await expect(quiet.getByLabel('After how many quiet days')).toBeFocused();
  await quiet.getByLabel('After how many quiet days').fill('30');
  await reminders.getByRole('switch', { name: 'Pause all reminders' }).check();
  await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
  await expect(reminders.getByText('Reminder settings saved.')).toBeVisible();

  await page.reload();
  await expect(reminders.getByRole('switch', { name: 'Pause all reminders' })).toBeChecked();
  await expect(quiet.getByLabel('After how many quiet days')).toHaveValue('30');
  await expect(quiet.getByLabel('After how many quiet days')).toBeDisabled();
});
