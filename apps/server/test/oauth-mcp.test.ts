import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  auth,
  type OAuthClientProvider,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';

/**
 * The whole way an assistant connects, driven by the official MCP client's own OAuth helpers:
 * discovery from /mcp's 401, dynamic registration, PKCE, the person's consent, the code
 * exchange, calls with the access token, a refresh when it expires, and revocation by the person.
 */
let t: TestApp;
let user: TestUser;
let origin: string;
let serverUrl: URL;
let now = new Date('2026-06-10T09:00:00Z');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  serverUrl = new URL('/mcp', origin);
  // PUBLIC_URL is where the client reaches the server: issuer and resource must match it.
  t = await createTestApp({ env: { PUBLIC_URL: origin }, clock: { now: () => now } });
  await t.app.listen({ port, host: '127.0.0.1' });
  user = await signUp(t.app);
});
afterAll(() => t.close());

/** What an assistant keeps between runs, in memory; the browser is this test, through `consent`. */
class MemoryProvider implements OAuthClientProvider {
  client?: StoredOAuthClientInformation;
  stored?: StoredOAuthTokens;
  verifier = '';
  authorizationUrl?: URL;
  get redirectUrl() {
    return 'http://127.0.0.1:33418/callback';
  }
  get clientMetadata() {
    return {
      client_name: 'SDK test assistant',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation = () => this.client;
  saveClientInformation = (info: StoredOAuthClientInformation) => void (this.client = info);
  tokens = () => this.stored;
  saveTokens = (tokens: StoredOAuthTokens) => void (this.stored = tokens);
  redirectToAuthorization = (url: URL) => void (this.authorizationUrl = url);
  saveCodeVerifier = (verifier: string) => void (this.verifier = verifier);
  codeVerifier = () => this.verifier;
  invalidateCredentials = (scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') => {
    if (scope === 'all' || scope === 'tokens') this.stored = undefined;
    if (scope === 'all' || scope === 'client') this.client = undefined;
  };
}

/** The person's part: open the authorisation URL, sign in (already), allow; the code comes back. */
async function consent(authorizationUrl: URL, who: TestUser) {
  const started = await t.app.inject({ method: 'GET', url: authorizationUrl.pathname + authorizationUrl.search });
  expect(started.statusCode, started.body).toBe(302);
  const request = new URL(started.headers.location as string, origin).searchParams.get('request')!;
  const api = as(t.app, who);
  const shown = await api.get(`/api/v1/assistants/authorizations/${request}`, { origin });
  expect(shown.json()).toMatchObject({ clientName: 'SDK test assistant', redirectHost: 'http://127.0.0.1:33418' });
  const allowed = await api.post(
    `/api/v1/assistants/authorizations/${request}/allow`,
    { scopes: ['read', 'suggest'] },
    { origin },
  );
  expect(allowed.statusCode, allowed.body).toBe(200);
  const answer = new URL(allowed.json().redirectTo).searchParams;
  return { code: answer.get('code')!, iss: answer.get('iss')! };
}

describe('an MCP client connecting through OAuth', () => {
  const provider = new MemoryProvider();

  it('registers, gets the person’s consent, exchanges the code and calls tools', async () => {
    expect(await auth(provider, { serverUrl })).toBe('REDIRECT');
    expect(provider.client?.client_id).toBeTruthy();
    const url = provider.authorizationUrl!;
    expect(`${url.origin}${url.pathname}`).toBe(`${origin}/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(serverUrl.href);
    const { code, iss } = await consent(url, user);
    expect(await auth(provider, { serverUrl, authorizationCode: code, iss })).toBe('AUTHORIZED');
    expect(provider.stored?.access_token).toMatch(/^ca_oat_/);

    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_overview');
    await client.close();
    const [connected] = (await as(t.app, user).get('/api/v1/assistants/clients', { origin })).json().items;
    expect(connected).toMatchObject({ clientName: 'SDK test assistant', scopes: ['read', 'suggest'] });
    expect(connected.lastUsedAt).toBe(now.toISOString());
  });

  it('refreshes an expired access token on its own, with a new refresh token', async () => {
    const before = provider.stored!;
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    expect(provider.stored!.access_token).not.toBe(before.access_token);
    expect(provider.stored!.refresh_token).not.toBe(before.refresh_token);
  });

  it('stops working once the person disconnects it', async () => {
    const [connected] = (await as(t.app, user).get('/api/v1/assistants/clients', { origin })).json().items;
    expect((await as(t.app, user).delete(`/api/v1/assistants/clients/${connected.id}`, undefined, { origin })).statusCode).toBe(
      204,
    );
    const client = new Client({ name: 'sdk-oauth-test', version: '1.0.0' });
    provider.authorizationUrl = undefined;
    await expect(client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }))).rejects.toThrow(
      UnauthorizedError,
    );
    // The client is sent back to ask the person again.
    expect(provider.authorizationUrl).toBeDefined();
  });
});
