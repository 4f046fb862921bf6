import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { expect, test, type Page } from '@playwright/test';
import { startFakeGitHub } from '../apps/server/test/helpers/fake-github.ts';
import { ownServer, useOwnServer } from './own-server.ts';

const PASSWORD = 'a long enough password';

async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.com`;
  await page.goto('/register');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();
  return email;
}

async function signInWithPassword(page: Page, email: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

test.describe('passkeys and GitHub', () => {
  // WebAuthn refuses IP-address hosts, so these tests run a server of their own at
  // http://localhost, set up for GitHub sign-in against a local fake of GitHub.
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  const server = ownServer({ name: 'passkeys', offset: 4, host: 'localhost' });

  test.use({ baseURL: server.baseURL });
  test.beforeAll(async () => {
    github = await startFakeGitHub('e2e-client', 'e2e-secret');
    await server.start({
      GITHUB_CLIENT_ID: 'e2e-client',
      GITHUB_CLIENT_SECRET: 'e2e-secret',
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.apiUrl,
    });
  });
  test.afterAll(async () => {
    await server.dispose();
    await github?.close();
  });

  test('an account made with GitHub sets a password; a GitHub account already taken cannot be linked', async ({ page }) => {
    github.setUser({ id: 7001, login: 'grace', name: 'Grace GitHub', email: 'grace-gh@example.com', verified: true });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Continue with GitHub' }).click();
    await expect(page.getByRole('heading', { name: 'Hello, Grace GitHub' })).toBeVisible();

    await page.goto('/security');
    const password = page.getByRole('region', { name: 'Set a password' });
    await expect(password.getByLabel('Current password')).toHaveCount(0);
    await password.getByLabel('New password').fill(PASSWORD);
    await password.getByRole('button', { name: 'Set password' }).click();
    // Set: the same card now changes the password, and asks for the current one.
    const change = page.getByRole('region', { name: 'Change password' });
    await expect(change.getByRole('status')).toHaveText(/^Password set\./);
    await expect(change.getByLabel('Current password')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Security log' }).getByText('Password set')).toBeVisible();
    await signOut(page);
    await signInWithPassword(page, 'grace-gh@example.com');
    await expect(page.getByRole('heading', { name: 'Hello, Grace GitHub' })).toBeVisible();
    await signOut(page);

    // Someone else tries to link the same GitHub account: back on Security, told why.
    await signUp(page, 'Other Person');
    await page.goto('/security');
    await page.getByRole('link', { name: 'Link GitHub' }).click();
    await expect(page).toHaveURL(`${server.baseURL}/security`);
    await expect(page.getByText('GitHub could not be linked.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Link GitHub' })).toBeVisible();
  });

  test('a passkey made on the Security page signs in without a password', async ({ page }) => {
    const client = await page.context().newCDPSession(page);
    await client.send('WebAuthn.enable');
    await client.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    await signUp(page, 'Ada Passkey');
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Security', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();

    const passkeys = page.getByRole('region', { name: 'Passkeys' });
    await expect(passkeys.getByText('No passkeys yet.')).toBeVisible();
    await passkeys.getByLabel('Name for a new passkey (optional)').fill('Test laptop');
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByText('Passkey “Test laptop” added.')).toBeVisible();
    await expect(passkeys.getByRole('listitem')).toHaveCount(1);
    await expect(passkeys.getByRole('listitem')).toContainText('Test laptop');
    await expect(passkeys.getByRole('listitem')).toContainText('Never used');

    await signOut(page);
    await page.getByRole('button', { name: 'Continue with a passkey' }).click();
    await expect(page.getByRole('heading', { name: 'Hello, Ada Passkey' })).toBeVisible();

    await page.goto('/security');
    await expect(page.getByRole('region', { name: 'Security log' }).getByText('Signed in with a passkey')).toBeVisible();
    await expect(passkeys.getByRole('listitem')).not.toContainText('Never used');
  });
});

test('the sign-in page explains a failed provider sign-in, and asks a provider sign-in for its code', async ({ page }) => {
  await page.goto('/login?error=oauth&provider=github');
  await expect(page.getByRole('alert')).toContainText('Signing in with GitHub did not work.');
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toBeVisible();

  await page.goto('/login?twofactor=1&next=%2Fplans');
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveCount(0);
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByLabel('E-mail')).toBeVisible();
});

test('two-factor sign-in: set up from the page, then a fresh code, then a recovery code', async ({ page }) => {
  const email = await signUp(page, 'Tess Totp');
  await page.goto('/security');

  const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(twoFactor.getByText('Off', { exact: true })).toBeVisible();
  await twoFactor.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(twoFactor.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await twoFactor.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  const key = decodeBase32IgnorePadding(secret);
  await twoFactor.getByLabel('Code from the app').fill(generateTOTP(key, 30, 6));
  await twoFactor.getByRole('button', { name: 'Turn on' }).click();

  // Ten recovery codes, shown once, put away only once they are said to be saved.
  const codes = twoFactor.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(recoveryCodes.every((code) => /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(code))).toBe(true);
  const done = twoFactor.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  const download = page.waitForEvent('download');
  await twoFactor.getByRole('button', { name: 'Download (.txt)' }).click();
  expect((await download).suggestedFilename()).toBe('career-anchor-recovery-codes.txt');
  await twoFactor.getByLabel('I have saved these codes').check();
  await done.click();
  await expect(codes).toHaveCount(0);
  await expect(twoFactor.getByText('On', { exact: true })).toBeVisible();
  await expect(twoFactor.getByText('Recovery codes left: 10')).toBeVisible();

  // The password alone is not enough now: a wrong code is refused, a fresh one lets in.
  await signOut(page);
  await signInWithPassword(page, email);
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That code is not right, or it was used already.');
  // The code of the next 30-second step: never used yet, and accepted as clock drift.
  const nextStep = BigInt(Math.floor(Date.now() / 30_000) + 1);
  await page.getByLabel('Code', { exact: true }).fill(generateHOTP(key, nextStep, 6));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Tess Totp' })).toBeVisible();

  // Without the phone: a recovery code, which then is used up.
  await signOut(page);
  await signInWithPassword(page, email);
  await page.getByRole('button', { name: 'Lost your device? Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Tess Totp' })).toBeVisible();

  await page.goto('/security');
  await expect(twoFactor.getByText('Recovery codes left: 9')).toBeVisible();
  const log = page.getByRole('region', { name: 'Security log' });
  await expect(log.getByText('Signed in with a recovery code')).toBeVisible();
  await expect(log.getByText('Two-factor sign-in turned on')).toBeVisible();
});

test('signing out another device from the Security page sends it to sign-in', async ({ page, browser, baseURL }) => {
  const email = await signUp(page, 'Sam Sessions');
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/login');
  await signInWithPassword(otherPage, email);
  await expect(otherPage.getByRole('heading', { name: 'Hello, Sam Sessions' })).toBeVisible();

  await page.goto('/security');
  const devices = page.getByRole('region', { name: 'Signed-in devices' });
  await expect(devices.getByRole('listitem')).toHaveCount(2);
  await expect(devices.getByRole('listitem').first()).toContainText('This device');
  const otherDevice = devices.getByRole('listitem').filter({ hasNotText: 'This device' });
  await otherDevice.getByRole('button', { name: /^Sign out/ }).click();
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Security log' }).getByText('A device was signed out')).toBeVisible();

  // The other device finds out on its next step.
  await otherPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'To-dos' }).click();
  await expect(otherPage).toHaveURL(/\/login\?next=%2Ftodos/);
  await other.close();
});

test.describe('confirm it’s you (REAUTH_WINDOW_MINUTES=0: every change asks)', () => {
  // A server of this block's own, where even a fresh sign-in must confirm before a change.
  useOwnServer({ name: 'reauth', offset: 5, env: { REAUTH_WINDOW_MINUTES: '0' } });

  test('adding an API token asks for the password first; a wrong one is refused, the right one finishes it', async ({ page }) => {
    await signUp(page, 'Careful Person');
    await page.goto('/security');
    const tokens = page.getByRole('region', { name: 'Personal API tokens' });
    const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
    await tokens.getByLabel('Token name').fill('laptop script');
    await tokens.getByRole('button', { name: 'Create token' }).click();

    // The dialog opens with the password field focused; Escape cancels and the panel says why.
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Your password')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(tokens.getByRole('alert')).toHaveText(/confirm it’s you/);
    await expect(tokens.getByTestId('new-token')).toHaveCount(0);

    await tokens.getByRole('button', { name: 'Create token' }).click();
    await expect(dialog).toBeVisible();
    // Focus stays in the dialog: the page behind is inert.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await dialog.getByLabel('Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The password is not correct.');
    await expect(tokens.getByTestId('new-token')).toHaveCount(0);

    await dialog.getByLabel('Your password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(tokens.getByTestId('new-token')).toHaveText(/^ca_pat_/);
    await expect(tokens.getByText('laptop script')).toBeVisible();
    const log = page.getByRole('region', { name: 'Security log' });
    await expect(log.getByText('Confirmed it was you before a change to how you sign in')).toBeVisible();
    await expect(log.getByText('Failed sign-in: wrong password').first()).toBeVisible();
  });
});

test.describe('a server that requires two-factor sign-in (REQUIRE_TWO_FACTOR=true)', () => {
  useOwnServer({ name: 'require-2fa', offset: 6, env: { REQUIRE_TWO_FACTOR: 'true' } });

  test('a new account lands on Security, can do nothing else until two-factor is on, then everything opens', async ({ page }) => {
    const email = `locked-${Date.now()}@example.com`;
    await page.goto('/register');
    await page.getByLabel('Your name').fill('Lou Locked');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(/\/security$/);
    await expect(page.getByTestId('two-factor-required')).toHaveText(/asks every account to use two-factor sign-in/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'To-dos' })).toHaveCount(0);
    await page.goto('/todos');
    await expect(page).toHaveURL(/\/security$/);

    const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
    await twoFactor.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await twoFactor.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await twoFactor.getByLabel('Code from the app').fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
    await twoFactor.getByRole('button', { name: 'Turn on' }).click();
    await expect(twoFactor.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);

    await expect(page.getByTestId('two-factor-required')).toHaveCount(0);
    await nav.getByRole('link', { name: 'To-dos' }).click();
    await expect(page).toHaveURL(/\/todos$/);
    await expect(page.getByRole('heading', { name: 'To-dos', level: 1 })).toBeVisible();
  });
});
