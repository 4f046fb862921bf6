import { expect, test } from '@playwright/test';

test('sign up, stay signed in across a reload, sign out, sign in, switch to Chinese', async ({ page }) => {
  const email = `e2e-${Date.now()}@example.com`;
  const password = 'a long enough password';

  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('link', { name: 'Create account' }).click();

  // The API's problem details show next to the fields.
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  // A common password is refused next to its field, whatever its case.
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('Password1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('This password is too common; choose another.')).toBeVisible();

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Grace Hopper' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello, Grace Hopper' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);

  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('the wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password.');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  await page.getByTestId('language-switch').first().selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: '锚点', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

  // In Chinese too: a common new password is refused on the Security page, in Chinese.
  await page.goto('/security');
  const form = page.getByRole('region', { name: '修改密码' });
  await form.getByLabel('当前密码').fill(password);
  await form.getByLabel('新密码').fill('iloveyou');
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(form.getByText('这个密码太常见了，请换一个。')).toBeVisible();
});

test('the shell works on a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Phone User');
  await page.getByLabel('E-mail').fill(`phone-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Phone User' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Open menu' }).click();
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
