import { expect, test, type Page } from '@playwright/test';
import { signUp } from './anchor-flow.ts';

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

test('a new plan’s progress chart labels each day once, and shows the same progress as its plan', async ({ page }) => {
  await signUp(page, 'Ada Chart');
  const plan = await post<{ id: string }>(page, '/api/v1/plans', { title: 'Ship the ledger' });
  const first = await post<{ id: string }>(page, '/api/v1/todos', { title: 'Write the RFC', planId: plan.id });
  await post(page, '/api/v1/todos', { title: 'Cut over', planId: plan.id });
  await post(page, `/api/v1/todos/${first.id}/complete`, {});

  await page.goto('/progress');
  const chart = page.getByRole('img', { name: /^Progress of Ship the ledger over time/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleName(/50%/);
  // A plan made today spans a day or two: the axis used to tick every few hours and repeat the date.
  const labels = await chart.locator('text.axis').allTextContents();
  const dayLabels = labels.filter((label) => !label.endsWith('%'));
  expect(dayLabels.length).toBeGreaterThan(0);
  expect(new Set(dayLabels).size).toBe(dayLabels.length);
});
