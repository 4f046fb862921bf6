import { expect, request as httpRequest, test } from '@playwright/test';
import {
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  auth,
  type OAuthClientProvider,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { BASE_URL } from './playwright.config.ts';

const PASSWORD = 'a long enough password';
const REDIRECT = 'http://127.0.0.1:33418/callback';

/** An assistant's memory between runs; its "browser" is the Playwright page. */
class MemoryProvider implements OAuthClientProvider {
  client?: StoredOAuthClientInformation;
  stored?: StoredOAuthTokens;
  verifier = '';
  authorizationUrl?: URL;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return { client_name: 'E2E Assistant', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' };
  }
  clientInformation = () => this.client;
  saveClientInformation = (info: StoredOAuthClientInformation) => void (this.client = info);
  tokens = () => this.stored;
  saveTokens = (tokens: StoredOAuthTokens) => void (this.stored = tokens);
  redirectToAuthorization = (url: URL) => void (this.authorizationUrl = url);
  saveCodeVerifier = (verifier: string) => void (this.verifier = verifier);
  codeVerifier = () => this.verifier;
  invalidateCredentials = (scope: string) => {
    if (scope === 'all' || scope === 'tokens') this.stored = undefined;
  };
}

test('an assistant connects through the browser’s consent page and the person revokes it from Security', async ({ page }) => {
  const serverUrl = new URL('/mcp', BASE_URL);
  const email = `assistant-${Date.now()}@example.com`;
  const api = await httpRequest.newContext({ baseURL: BASE_URL });
  const registered = await api.post('/api/v1/auth/register', { data: { email, password: PASSWORD, displayName: 'Ada' } });
  expect(registered.status()).toBe(201);
  await api.dispose();

  // The assistant registers itself and sends the person to the authorisation URL.
  const provider = new MemoryProvider();
  expect(await auth(provider, { serverUrl })).toBe('REDIRECT');
  const callback = new Promise<URL>((resolve) =>
    page.route(`${REDIRECT}**`, async (route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'You can close this window.' });
    }),
  );

  // Not signed in: the sign-in page first, then the consent page.
  await page.goto(provider.authorizationUrl!.href);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('E2E Assistant wants to read your anchor and suggest changes')).toBeVisible();
  await expect(page.getByText('If you allow it, you will be sent back to http://127.0.0.1:33418.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Read your anchor' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Read your anchor' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Suggest changes' })).toBeChecked();
  // The client asked for every scope the server offers, but direct changes start unticked:
  // the person has to opt in to them.
  const write = page.getByRole('checkbox', { name: 'Make changes directly' });
  await expect(write).not.toBeChecked();
  await expect(write).toBeEnabled();
  await page.getByRole('button', { name: 'Allow' }).click();

  // Back at the assistant with a code, which it exchanges for tokens. The page must have landed
  // there before it goes anywhere else, or that navigation cuts the redirect short.
  const answer = await callback;
  await page.waitForURL(`${REDIRECT}**`);
  const code = answer.searchParams.get('code')!;
  expect(await auth(provider, { serverUrl, authorizationCode: code, iss: answer.searchParams.get('iss')! })).toBe('AUTHORIZED');
  const client = new Client({ name: 'e2e-assistant', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
  expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('log_work');
  await client.close();

  // The person sees it on the Security page, with its scopes and last use, and revokes it.
  await page.goto('/security');
  const entry = page.getByTestId('connected-assistant').filter({ hasText: 'E2E Assistant' });
  await expect(entry).toContainText('Read your anchor, Suggest changes');
  await expect(entry).toContainText('last used');
  page.once('dialog', (dialog) => void dialog.accept());
  await entry.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('connected-assistants')).toContainText('No assistant is connected.');

  // The assistant's tokens stop working at once: it is sent back to ask again.
  const again = new Client({ name: 'e2e-assistant', version: '1.0.0' });
  await expect(again.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }))).rejects.toThrow(
    UnauthorizedError,
  );
});
