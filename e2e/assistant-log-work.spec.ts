import { expect, test } from '@playwright/test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { signUp } from './anchor-flow.ts';
import { BASE_URL } from './playwright.config.ts';

test('work an assistant logs waits in Suggestions; accepted, the to-do is done and the achievement is on the anchor', async ({
  page,
}) => {
  await signUp(page, 'Lise Meitner');
  const nav = page.getByRole('navigation', { name: 'Main' });

  // An open to-do the logged work will match.
  await nav.getByRole('link', { name: 'To-dos' }).click();
  const quickAdd = page.getByLabel('New to-do');
  await quickAdd.fill('Ship the billing export');
  await quickAdd.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Ship the billing export' })).not.toBeChecked();

  // A personal token, made with the signed-in session (just signed in, so recent enough).
  const created = await page.request.post('/api/v1/auth/tokens', { data: { name: 'assistant', scopes: ['read', 'write'] } });
  expect(created.status()).toBe(201);
  const token = (await created.json()).token as string;

  // The assistant logs two pieces of work: one matches the to-do, the other nothing open.
  const client = new Client({ name: 'e2e-assistant', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', BASE_URL), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  try {
    const matched = await client.callTool({
      name: 'log_work',
      arguments: { text: 'Shipped the billing export to production' },
    });
    expect(matched.structuredContent).toMatchObject({ outcome: 'suggested', suggestion: { targetSection: 'todos' } });
    const unmatched = await client.callTool({
      name: 'log_work',
      arguments: { text: 'Mentored two interns through their first release' },
    });
    expect(unmatched.structuredContent).toMatchObject({ outcome: 'suggested', suggestion: { targetSection: 'achievements' } });
  } finally {
    await client.close();
  }

  // Nothing changed yet: the to-do is still open.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Ship the billing export' })).not.toBeChecked();

  // Both wait in Suggestions, saying an assistant sent them.
  await nav.getByRole('link', { name: /Suggestions/ }).click();
  await expect(page.getByRole('heading', { name: 'Suggestions', level: 1 })).toBeVisible();
  const todoCard = page.getByRole('article', { name: 'Ship the billing export' });
  const achievementCard = page.getByRole('article', { name: 'Mentored two interns through their first release' });
  await expect(todoCard.getByText('Suggested by an assistant you connected')).toBeVisible();
  await expect(todoCard.getByText('Shipped the billing export to production')).toBeVisible();
  await expect(achievementCard.getByText('Suggested by an assistant you connected')).toBeVisible();

  // Accepting the first finishes the to-do.
  await todoCard.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(todoCard).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: '“Ship the billing export” was marked done.' })).toBeVisible();

  // Accepting the second adds the achievement; the toast leads to the anchor page.
  await achievementCard.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(achievementCard).toHaveCount(0);
  await expect(page.getByText('Nothing waiting.')).toBeVisible();
  const toast = page
    .getByTestId('toast')
    .filter({ hasText: '“Mentored two interns through their first release” was added to your achievements.' });
  await toast.getByRole('button', { name: 'View on your page' }).click();
  await expect(page).toHaveURL(/\/$/);
  const done = page.getByRole('region', { name: 'Done, and how well' });
  await expect(done.getByText('Mentored two interns through their first release')).toBeVisible();

  // The to-do is among the done ones, with the assistant's account as its summary.
  await page.goto('/todos?status=done');
  await expect(page.getByRole('checkbox', { name: 'Ship the billing export' })).toBeChecked();
  await expect(page.getByText('Shipped the billing export to production')).toBeVisible();
});
