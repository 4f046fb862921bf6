import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_ORIGIN,
  as,
  cookieFrom,
  createTestApp,
  expectProblem,
  signIn,
  signUp,
  type TestApp,
  type TestUser,
} from './helpers/app.ts';

/**
 * The OAuth 2.1 authorisation server assistants use to reach /mcp: metadata, registration, the
 * authorisation code with PKCE through the consent page, refresh rotation, revocation, expiry.
 */
let t: TestApp;
let user: TestUser;
let stranger: TestUser;
let now = new Date('2026-06-10T09:00:00Z');
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

const REDIRECT = 'http://127.0.0.1:8765/callback';
const RESOURCE = `${TEST_ORIGIN}/mcp`;

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  user = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function register(body: unknown = { client_name: 'Test assistant', redirect_uris: [REDIRECT] }, ip?: string) {
  return t.app.inject({ method: 'POST', url: '/oauth/register', payload: body as object, ...(ip ? { remoteAddress: ip } : {}) });
}

/** Registrations are limited per address: each test client comes from an address of its own. */
let clientCount = 0;
async function newClient(name = 'Test assistant'): Promise<string> {
  clientCount++;
  const ip = `10.0.${clientCount >> 8}.${clientCount & 255}`;
  const res = await register({ client_name: name, redirect_uris: [REDIRECT, 'https://assistant.example/cb'] }, ip);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().client_id;
}

const authorizeUrl = (params: Record<string, string>) => `/oauth/authorize?${new URLSearchParams(params)}`;

function authorize(clientId: string, challenge: string, extra: Record<string, string> = {}) {
  return t.app.inject({
    method: 'GET',
    url: authorizeUrl({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-123',
      scope: 'read suggest',
      resource: RESOURCE,
      ...extra,
    }),
  });
}

/** The consent page's request id, from where the authorisation endpoint sent the browser. */
function requestIdOf(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body).toBe(302);
  const location = new URL(res.headers.location as string, TEST_ORIGIN);
  expect(location.pathname).toBe('/oauth/consent');
  return location.searchParams.get('request')!;
}

/** The query of the client's redirect address a decision sends the browser to. */
function answerOf(redirectTo: string): URLSearchParams {
  const url = new URL(redirectTo);
  expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
  expect(url.searchParams.get('iss')).toBe(TEST_ORIGIN);
  return url.searchParams;
}

/** Registration, authorisation and consent as `who`: the code and what the exchange needs. */
async function codeFor(who: TestUser, options: { clientId?: string; scopes?: string[] } = {}) {
  const clientId = options.clientId ?? (await newClient());
  const { verifier, challenge } = pkce();
  const id = requestIdOf(await authorize(clientId, challenge));
  expect((await as(t.app, who).get(`/api/v1/assistants/authorizations/${id}`)).statusCode).toBe(200);
  const allowed = await as(t.app, who).post(
    `/api/v1/assistants/authorizations/${id}/allow`,
    options.scopes ? { scopes: options.scopes } : {},
  );
  expect(allowed.statusCode, allowed.body).toBe(200);
  const answer = answerOf(allowed.json().redirectTo);
  expect(answer.get('state')).toBe('state-123');
  return { clientId, verifier, code: answer.get('code')! };
}

function tokenRequest(form: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

const exchange = (c: { clientId: string; verifier: string; code: string }, extra: Record<string, string> = {}) =>
  tokenRequest({
    grant_type: 'authorization_code',
    code: c.code,
    client_id: c.clientId,
    redirect_uri: REDIRECT,
    code_verifier: c.verifier,
    resource: RESOURCE,
    ...extra,
  });

const refresh = (clientId: string, refreshToken: string) =>
  tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, resource: RESOURCE });

function expectOAuthError(res: LightMyRequestResponse, error: string, status = 400) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json().error).toBe(error);
  expect(typeof res.json().error_description).toBe('string');
}

async function connect(who: TestUser = user, scopes?: string[]) {
  const c = await codeFor(who, { scopes });
  const res = await exchange(c);
  expect(res.statusCode, res.body).toBe(200);
  return { ...c, tokens: res.json() as { access_token: string; refresh_token: string; scope: string; expires_in: number } };
}

const resolve = (token: string) => t.ctx.services.oauthServer.resolveAccessToken(token);
const clients = async (who: TestUser) => (await as(t.app, who).get('/api/v1/assistants/clients')).json().items as any[];

describe('metadata', () => {
  it('describes the endpoints, PKCE S256, public clients and the scopes (RFC 8414)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.json()).toMatchObject({
      issuer: TEST_ORIGIN,
      authorization_endpoint: `${TEST_ORIGIN}/oauth/authorize`,
      token_endpoint: `${TEST_ORIGIN}/oauth/token`,
      registration_endpoint: `${TEST_ORIGIN}/oauth/register`,
      revocation_endpoint: `${TEST_ORIGIN}/oauth/revoke`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['read', 'suggest', 'write'],
    });
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/oauth/token' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('content-type');
  });
});

describe('dynamic client registration (RFC 7591)', () => {
  it('registers a public client with its name and redirect addresses', async () => {
    const res = await register({
      client_name: 'Claude',
      redirect_uris: [
        'https://claude.ai/api/mcp/auth_callback',
        'http://localhost:6274/cb',
        'cursor://anysphere.cursor-mcp/oauth',
      ],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      client_name: 'Claude',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
    expect(res.json().client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json()).not.toHaveProperty('client_secret');
  });

  it('refuses redirect addresses that are not https, loopback http or an app’s own scheme', async () => {
    for (const uri of [
      'http://example.com/cb',
      'http://192.168.1.5/cb',
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'https://example.com/cb#fragment',
      'https://user:pass@example.com/cb',
      'not a url',
      `https://example.com/${'x'.repeat(1000)}`,
    ]) {
      expectOAuthError(await register({ client_name: 'x', redirect_uris: [uri] }), 'invalid_redirect_uri');
    }
    expectOAuthError(await register({ client_name: 'x' }), 'invalid_redirect_uri');
    expectOAuthError(await register({ client_name: 'x', redirect_uris: [] }), 'invalid_redirect_uri');
  });

  it('refuses metadata of the wrong shape or size', async () => {
    const redirect_uris = [REDIRECT];
    for (const body of [
      [1, 2],
      { client_name: 42, redirect_uris },
      { client_name: 'x'.repeat(101), redirect_uris },
      { client_name: 'Evil\u202Egnp.exe', redirect_uris },
      { client_name: 'x', redirect_uris: Array.from({ length: 11 }, (_, i) => `https://a.example/${i}`) },
      { client_name: 'x', redirect_uris: 'https://a.example/' },
      { client_name: 'x', redirect_uris, grant_types: ['client_credentials'] },
      { client_name: 'x', redirect_uris, response_types: ['token'] },
      { client_name: 'x', redirect_uris, scope: 'admin' },
    ]) {
      expectOAuthError(await register(body), 'invalid_client_metadata');
    }
    const huge = await register({ client_name: 'x', redirect_uris, padding: 'x'.repeat(20_000) });
    expectProblem(huge, 413);
    const form = await t.app.inject({
      method: 'POST',
      url: '/oauth/register',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'client_name=x',
    });
    expectOAuthError(form, 'invalid_client_metadata');
  });

  it('limits registrations per address', async () => {
    for (let i = 0; i < 30; i++) expect((await register(undefined, '10.9.9.9')).statusCode).toBe(201);
    expectProblem(await register(undefined, '10.9.9.9'), 429);
    expect((await register(undefined, '10.9.9.10')).statusCode).toBe(201);
  });
});

describe('the authorisation endpoint', () => {
  it('shows a page, never a redirect, when the client or its address is unknown', async () => {
    const clientId = await newClient();
    const { challenge } = pkce();
    for (const res of [
      await authorize('0190f0e8-aaaa-7bbb-8ccc-0123456789ab', challenge),
      await authorize('not-a-uuid', challenge),
      await authorize(clientId, challenge, { redirect_uri: 'https://attacker.example/cb' }),
      await t.app.inject({ method: 'GET', url: `/oauth/authorize?client_id=${clientId}` }),
      await t.app.inject({ method: 'GET', url: `/oauth/authorize?client_id=${clientId}&client_id=${clientId}` }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('sends errors back to a registered address with the state (RFC 6749 §4.1.2.1)', async () => {
    const clientId = await newClient();
    const { challenge } = pkce();
    const cases: [Record<string, string>, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: '' }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: 'short' }, 'invalid_request'],
      [{ scope: 'read admin' }, 'invalid_scope'],
      [{ resource: 'https://elsewhere.example/mcp' }, 'invalid_target'],
    ];
    for (const [extra, error] of cases) {
      const res = await authorize(clientId, challenge, extra);
      expect(res.statusCode).toBe(302);
      const answer = answerOf(res.headers.location as string);
      expect(answer.get('error'), JSON.stringify(extra)).toBe(error);
      expect(answer.get('state')).toBe('state-123');
    }
    // A loopback address matches whatever port the client listens on this time (RFC 8252 §7.3).
    const otherPort = await authorize(clientId, challenge, { redirect_uri: 'http://127.0.0.1:9999/callback' });
    requestIdOf(otherPort);
  });
});

describe('consent', () => {
  it('needs a signed-in session, shows the request and is claimed by whoever opens it', async () => {
    const clientId = await newClient('<b>Helper</b>');
    const id = requestIdOf(await authorize(clientId, pkce().challenge, { scope: 'read write' }));
    expectProblem(await as(t.app, null).get(`/api/v1/assistants/authorizations/${id}`), 401);
    const shown = await as(t.app, user).get(`/api/v1/assistants/authorizations/${id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      clientName: '<b>Helper</b>',
      redirectHost: 'http://127.0.0.1:8765',
      requestedScopes: ['read', 'suggest', 'write'],
      grantedScopes: null,
    });
    expectProblem(await as(t.app, stranger).get(`/api/v1/assistants/authorizations/${id}`), 404);
    expectProblem(await as(t.app, stranger).post(`/api/v1/assistants/authorizations/${id}/allow`, {}), 404);
    // A personal token cannot approve an assistant.
    const pat = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'cli' })).json().token;
    const byToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assistants/authorizations/${id}/allow`,
      headers: { authorization: `Bearer ${pat}` },
      payload: {},
    });
    expectProblem(byToken, 403);
    // Nor another site, riding on the cookie.
    const crossSite = await as(t.app, user).post(
      `/api/v1/assistants/authorizations/${id}/allow`,
      {},
      { origin: 'https://evil.example' },
    );
    expectProblem(crossSite, 403);
  });

  it('deny sends access_denied with the state, and the request is spent', async () => {
    const clientId = await newClient();
    const id = requestIdOf(await authorize(clientId, pkce().challenge));
    await as(t.app, user).get(`/api/v1/assistants/authorizations/${id}`);
    const denied = await as(t.app, user).post(`/api/v1/assistants/authorizations/${id}/deny`);
    expect(denied.statusCode).toBe(200);
    const answer = answerOf(denied.json().redirectTo);
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('state')).toBe('state-123');
    expectProblem(await as(t.app, user).post(`/api/v1/assistants/authorizations/${id}/allow`, {}), 404);
    expect(await clients(user)).toHaveLength(0);
  });

  it('an unopened request expires after ten minutes', async () => {
    const id = requestIdOf(await authorize(await newClient(), pkce().challenge));
    advance(10 * 60_000 + 1);
    expectProblem(await as(t.app, user).get(`/api/v1/assistants/authorizations/${id}`), 404);
  });
});

describe('tokens', () => {
  it('a code with the right verifier gives short-lived tokens that resolve to the person and the scopes', async () => {
    const c = await codeFor(user, { scopes: ['read', 'write'] });
    const res = await exchange(c);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read suggest write' });
    expect(body.access_token).toMatch(/^ca_oat_/);
    expect(body.refresh_token).toMatch(/^ca_ort_/);
    const actor = await resolve(body.access_token);
    const [grant] = (await clients(user)).filter((g) => g.clientId === c.clientId);
    expect(actor).toEqual({
      userId: user.id,
      via: 'oauth',
      clientId: c.clientId,
      scopes: ['read', 'suggest', 'write'],
      sessionId: null,
      tokenId: grant.id,
    });
    expect(grant).toMatchObject({ clientName: 'Test assistant', scopes: ['read', 'suggest', 'write'] });
    // The access token is for /mcp only: the HTTP API does not take it.
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/todos',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expectProblem(api, 401);
    expect(await resolve('ca_oat_unknown')).toBeNull();
    expect(await resolve(body.refresh_token)).toBeNull();
  });

  it('refuses a wrong verifier, another client or another redirect address, and the code is spent', async () => {
    const c = await codeFor(user);
    expectOAuthError(await exchange(c, { code_verifier: pkce().verifier }), 'invalid_grant');
    expectOAuthError(await exchange(c), 'invalid_grant');
    const other = await codeFor(user);
    expectOAuthError(await exchange(other, { client_id: c.clientId }), 'invalid_grant');
    const third = await codeFor(user);
    expectOAuthError(await exchange(third, { redirect_uri: 'https://assistant.example/cb' }), 'invalid_grant');
    const fourth = await codeFor(user);
    expectOAuthError(await exchange(fourth, { resource: 'https://elsewhere.example/mcp' }), 'invalid_target');
  });

  it('a code used twice revokes the connection and every token it gave', async () => {
    const { tokens, ...c } = await connect();
    expect(await resolve(tokens.access_token)).not.toBeNull();
    expectOAuthError(await exchange(c), 'invalid_grant');
    expect(await resolve(tokens.access_token)).toBeNull();
    expectOAuthError(await refresh(c.clientId, tokens.refresh_token), 'invalid_grant');
    expect((await clients(user)).some((g) => g.clientId === c.clientId)).toBe(false);
  });

  it('a code expires after a minute', async () => {
    const c = await codeFor(user);
    advance(61_000);
    expectOAuthError(await exchange(c), 'invalid_grant');
  });

  it('refresh rotates the refresh token; an old one used again revokes the connection', async () => {
    const { clientId, tokens } = await connect();
    const first = await refresh(clientId, tokens.refresh_token);
    expect(first.statusCode, first.body).toBe(200);
    const next = first.json();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(await resolve(next.access_token)).toMatchObject({ userId: user.id, clientId });
    // A refresh token of another client is refused.
    expectOAuthError(await refresh(await newClient(), next.refresh_token), 'invalid_grant');
    // The first refresh token again: stolen, or the client is confused. Either way, everything ends.
    expectOAuthError(await refresh(clientId, tokens.refresh_token), 'invalid_grant');
    expect(await resolve(next.access_token)).toBeNull();
    expectOAuthError(await refresh(clientId, next.refresh_token), 'invalid_grant');
  });

  it('a refresh cannot widen the scopes', async () => {
    const { clientId, tokens } = await connect(user, ['read']);
    expect(tokens.scope).toBe('read');
    const res = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
      scope: 'read write',
    });
    expectOAuthError(res, 'invalid_scope');
  });

  it('access tokens expire after an hour, refresh tokens after 30 days', async () => {
    const { clientId, tokens } = await connect();
    advance(60 * 60_000 + 1);
    expect(await resolve(tokens.access_token)).toBeNull();
    const renewed = (await refresh(clientId, tokens.refresh_token)).json();
    expect(await resolve(renewed.access_token)).not.toBeNull();
    advance(30 * 86_400_000 + 1);
    expectOAuthError(await refresh(clientId, renewed.refresh_token), 'invalid_grant');
    // A month on, the people sign in again for the tests that follow.
    for (const who of [user, stranger]) who.cookie = cookieFrom(await signIn(t.app, who));
  });

  it('records last use at most once a minute', async () => {
    const { tokens } = await connect();
    const lastUse = async () => (await clients(user)).find((g) => g.id === (resolvedGrant ?? ''))?.lastUsedAt;
    const resolvedGrant = (await resolve(tokens.access_token))!.tokenId;
    const first = await lastUse();
    expect(first).toBe(now.toISOString());
    advance(30_000);
    await resolve(tokens.access_token);
    expect(await lastUse()).toBe(first);
    advance(31_000);
    await resolve(tokens.access_token);
    expect(await lastUse()).toBe(now.toISOString());
  });

  it('answers bad token requests in OAuth’s JSON form', async () => {
    expectOAuthError(await tokenRequest({ grant_type: 'password', username: 'a', password: 'b' }), 'unsupported_grant_type');
    expectOAuthError(await tokenRequest({ grant_type: 'authorization_code' }), 'invalid_request');
    expectOAuthError(await tokenRequest({}), 'invalid_request');
    expectOAuthError(await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'y' }), 'invalid_grant');
    const repeated = await t.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=refresh_token&grant_type=authorization_code',
    });
    expectOAuthError(repeated, 'invalid_request');
    const json = await t.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'refresh_token' } });
    expectOAuthError(json, 'invalid_request');
    const long = await tokenRequest({ grant_type: 'authorization_code', code: 'x'.repeat(3000) });
    expectOAuthError(long, 'invalid_request');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `code=${'x'.repeat(20_000)}`,
    });
    expectProblem(huge, 413);
  });
});

describe('revocation', () => {
  const revoke = (form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/oauth/revoke',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });

  it('an access token ends alone; a refresh token ends the connection (RFC 7009)', async () => {
    const { clientId, tokens } = await connect();
    expect((await revoke({ token: tokens.access_token, client_id: clientId })).statusCode).toBe(200);
    expect(await resolve(tokens.access_token)).toBeNull();
    const renewed = (await refresh(clientId, tokens.refresh_token)).json();
    expect(await resolve(renewed.access_token)).not.toBeNull();
    // Another client's id changes nothing; an unknown token is not an error.
    expect((await revoke({ token: renewed.refresh_token, client_id: await newClient() })).statusCode).toBe(200);
    expect(await resolve(renewed.access_token)).not.toBeNull();
    expect((await revoke({ token: 'ca_ort_nothing' })).statusCode).toBe(200);
    expect((await revoke({ token: renewed.refresh_token, token_type_hint: 'refresh_token' })).statusCode).toBe(200);
    expect(await resolve(renewed.access_token)).toBeNull();
    expect((await clients(user)).some((g) => g.clientId === clientId)).toBe(false);
    expectOAuthError(await revoke({}), 'invalid_request');
  });

  it('the person disconnects an assistant from the web app; another user’s id is not found', async () => {
    const { clientId, tokens } = await connect(stranger);
    const [grant] = await clients(stranger);
    expect(grant.clientId).toBe(clientId);
    expectProblem(await as(t.app, user).delete(`/api/v1/assistants/clients/${grant.id}`), 404);
    expect(await resolve(tokens.access_token)).not.toBeNull();
    expect((await clients(user)).some((g) => g.id === grant.id)).toBe(false);
    expect((await as(t.app, stranger).delete(`/api/v1/assistants/clients/${grant.id}`)).statusCode).toBe(204);
    expect(await resolve(tokens.access_token)).toBeNull();
    expectOAuthError(await refresh(clientId, tokens.refresh_token), 'invalid_grant');
    expect(await clients(stranger)).toEqual([]);
    expectProblem(await as(t.app, stranger).delete(`/api/v1/assistants/clients/${grant.id}`), 404);
    const log = (await as(t.app, stranger).get('/api/v1/auth/security-log')).json().items.map((e: any) => e.kind);
    expect(log).toEqual(expect.arrayContaining(['assistant_connected', 'assistant_revoked']));
  });

  it('consenting again to the same assistant updates the one connection', async () => {
    const clientId = await newClient();
    await codeFor(stranger, { clientId, scopes: ['read'] });
    const again = await codeFor(stranger, { clientId, scopes: ['read', 'write'] });
    const mine = (await clients(stranger)).filter((g) => g.clientId === clientId);
    expect(mine).toHaveLength(1);
    expect(mine[0].scopes).toEqual(['read', 'suggest', 'write']);
    expect((await exchange(again)).json().scope).toBe('read suggest write');
  });
});
