import { OAuth2Server } from 'oauth2-mock-server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN, as, cookieFrom, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { startFakeGitHub } from './helpers/fake-github.ts';
import { SoftPasskey } from './helpers/webauthn.ts';

const github = await startFakeGitHub('gh-client', 'gh-secret');
const google = new OAuth2Server();
await google.issuer.keys.generate('RS256');
await google.start(0, '127.0.0.1');
let googleClaims: Record<string, unknown> = {};
google.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, googleClaims));

let t: TestApp;
/** Moves the app's clock (not the providers'), to age a sign-in. */
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({
    clock: { now: () => new Date(Date.now() + clockOffsetMs) },
    env: {
      GITHUB_CLIENT_ID: 'gh-client',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.apiUrl,
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_ISSUER: google.issuer.url!,
    },
  });
});
afterAll(async () => {
  await t.close();
  await github.close();
  await google.stop();
});

const setCookies = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie']].flat().filter(Boolean).map(String);
const cookieNamed = (res: { headers: Record<string, unknown> }, name: string) =>
  setCookies(res)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

/** What a browser does: our start → the provider → back to our callback with the flight cookie. */
async function leave(app: FastifyInstance, provider: string, query = '', cookie = '') {
  const start = await app.inject({
    method: 'GET',
    url: `/api/v1/auth/oauth/${provider}/start${query}`,
    headers: cookie ? { cookie } : {},
  });
  expect(start.statusCode, start.body).toBe(302);
  return { authorize: new URL(String(start.headers.location)), flight: cookieNamed(start, 'ca_oauth')! };
}
async function atProvider(authorize: URL) {
  const res = await fetch(authorize, { redirect: 'manual' });
  return new URL(res.headers.get('location')!);
}
const callback = (app: FastifyInstance, back: URL, cookies: string[]) =>
  app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: cookies.filter(Boolean).join('; ') } });

async function signInWith(provider: string, query = '') {
  const { authorize, flight } = await leave(t.app, provider, `?next=/todos${query}`);
  const back = await atProvider(authorize);
  return callback(t.app, back, [flight]);
}

describe('sign in with GitHub', () => {
  it('offers only configured providers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json().providers).toEqual(['github', 'google']);
    const bare = await createTestApp();
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json().providers).toEqual([]);
      expectProblem(await bare.app.inject({ method: 'GET', url: '/api/v1/auth/oauth/github/start' }), 404);
    } finally {
      await bare.close();
    }
  });

  it('creates an account on first sign-in, with PKCE and state, and signs in again later', async () => {
    github.setUser({ id: 2001, login: 'mona', name: 'Mona Lisa', email: 'mona@example.com', verified: true });
    const { authorize } = await leave(t.app, 'github');
    expect(authorize.origin).toBe(github.url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3000/api/v1/auth/oauth/github/callback');
    const res = await signInWith('github');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/todos');
    const me = (await as(t.app, { cookie: cookieFrom(res) }).get('/api/v1/auth/me')).json();
    expect(me).toMatchObject({ email: 'mona@example.com', displayName: 'Mona Lisa', emailVerified: true });
    const again = await signInWith('github');
    expect((await as(t.app, { cookie: cookieFrom(again) }).get('/api/v1/auth/me')).json().id).toBe(me.id);
  });

  it('refuses a wrong state, a replayed code and a mismatched PKCE verifier', async () => {
    github.setUser({ id: 2002, login: 'eve', name: 'Eve', email: 'eve@example.com', verified: true });
    const refused = (res: { statusCode: number; headers: Record<string, unknown> }) => {
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?error=oauth&provider=github');
      expect(cookieNamed(res, 'ca_session')).toBeUndefined();
    };
    // Wrong state.
    const one = await leave(t.app, 'github');
    const back = await atProvider(one.authorize);
    back.searchParams.set('state', 'forged-state');
    refused(await callback(t.app, back, [one.flight]));
    // Replayed: the same callback twice, even with the cookie.
    const two = await leave(t.app, 'github');
    const twoBack = await atProvider(two.authorize);
    expect((await callback(t.app, twoBack, [two.flight])).headers.location).toBe('/');
    refused(await callback(t.app, twoBack, [two.flight]));
    // A code issued for someone else's challenge (an injected code): the verifier does not match.
    const three = await leave(t.app, 'github');
    const injected = new URL(three.authorize);
    injected.searchParams.set('code_challenge', 'a'.repeat(43));
    refused(await callback(t.app, await atProvider(injected), [three.flight]));
    // No flight cookie at all.
    const four = await leave(t.app, 'github');
    refused(await callback(t.app, await atProvider(four.authorize), []));
  });
});

describe('sign in with Google (OpenID Connect)', () => {
  it('signs in from a verified ID token, and refuses a mismatched verifier', async () => {
    googleClaims = { sub: 'google-123', email: 'grace@example.com', email_verified: true, name: 'Grace H' };
    const res = await signInWith('google');
    expect(res.headers.location).toBe('/todos');
    expect((await as(t.app, { cookie: cookieFrom(res) }).get('/api/v1/auth/me')).json()).toMatchObject({
      email: 'grace@example.com',
      displayName: 'Grace H',
    });

    const flow = await leave(t.app, 'google');
    const injected = new URL(flow.authorize);
    injected.searchParams.set('code_challenge', 'b'.repeat(43));
    const bad = await callback(t.app, await atProvider(injected), [flow.flight]);
    expect(bad.headers.location).toBe('/login?error=oauth&provider=google');
  });

  it('refuses an ID token whose signature does not verify (ASVS 6.8.2)', async () => {
    googleClaims = { sub: 'google-forged', email: 'forged@example.com', email_verified: true, name: 'Forged' };
    google.service.once('beforeResponse', (response: { body: Record<string, unknown> }) => {
      if (typeof response.body.id_token !== 'string') return;
      const [header, payload, signature] = response.body.id_token.split('.');
      const other = signature!.startsWith('A') ? 'B' : 'A';
      response.body.id_token = [header, payload, other + signature!.slice(1)].join('.');
    });
    const res = await signInWith('google');
    expect(res.headers.location).toBe('/login?error=oauth&provider=google');
    expect(cookieNamed(res, 'ca_session')).toBeUndefined();
  });
});

describe('linking', () => {
  it('links only with proof: signed in, or both sides verified the address', async () => {
    const user = await signUp(t.app);
    // An existing, unverified account with the same address is not taken over.
    googleClaims = { sub: 'google-link-1', email: user.email, email_verified: true, name: 'Same Address' };
    const takeover = await signInWith('google');
    expect(takeover.headers.location).toBe('/login?error=oauth&provider=google');

    // Signed in, the user links Google to their own account.
    const linkFlow = await leave(t.app, 'google', '?link=1&next=/settings', user.cookie);
    const linked = await callback(t.app, await atProvider(linkFlow.authorize), [linkFlow.flight, user.cookie]);
    expect(linked.headers.location).toBe('/settings?linked=google');
    const identities = (await as(t.app, user).get('/api/v1/auth/identities')).json().items;
    expect(identities).toMatchObject([{ provider: 'google', email: user.email }]);
    // Now that identity signs in to this account.
    const viaGoogle = await signInWith('google');
    expect((await as(t.app, { cookie: cookieFrom(viaGoogle) }).get('/api/v1/auth/me')).json().id).toBe(user.id);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/oauth/google/start?link=1' }), 401);

    // Someone else, signed in, cannot link the same Google account: they go back to their page.
    const other = await signUp(t.app);
    const steal = await leave(t.app, 'google', '?link=1&next=/security', other.cookie);
    const refused = await callback(t.app, await atProvider(steal.authorize), [steal.flight, other.cookie]);
    expect(refused.headers.location).toBe('/security?error=oauth&provider=google');
    expect((await as(t.app, other).get('/api/v1/auth/identities')).json().items).toEqual([]);

    // With a password, unlinking is allowed.
    expect((await as(t.app, user).delete(`/api/v1/auth/identities/${identities[0].id}`)).statusCode).toBe(204);
  });

  it('an account with only one provider cannot unlink it', async () => {
    github.setUser({ id: 2003, login: 'solo', name: 'Solo', email: 'solo@example.com', verified: true });
    const res = await signInWith('github');
    const session = { cookie: cookieFrom(res) };
    const [identity] = (await as(t.app, session).get('/api/v1/auth/identities')).json().items;
    expectProblem(await as(t.app, session).delete(`/api/v1/auth/identities/${identity.id}`), 409);
    const stranger = await signUp(t.app);
    expectProblem(await as(t.app, stranger).delete(`/api/v1/auth/identities/${identity.id}`), 404);
  });
});

describe('ways in', () => {
  async function addPasskey(session: { cookie: string }, name: string) {
    const options = (await as(t.app, session).post('/api/v1/auth/passkeys/registration-options')).json();
    const saved = await as(t.app, session).post('/api/v1/auth/passkeys', {
      response: new SoftPasskey(TEST_ORIGIN).register(options),
      name,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    return saved.json().id as string;
  }

  it('a passkey counts: the provider may go while one remains, the last passkey may not', async () => {
    github.setUser({ id: 2006, login: 'keyholder', name: 'Key Holder', email: 'keys@example.com', verified: true });
    const session = { cookie: cookieFrom(await signInWith('github')) };
    const first = await addPasskey(session, 'Laptop');
    const [identity] = (await as(t.app, session).get('/api/v1/auth/identities')).json().items;
    expect((await as(t.app, session).delete(`/api/v1/auth/identities/${identity.id}`)).statusCode).toBe(204);

    // One passkey and nothing else: it stays.
    const refused = expectProblem(await as(t.app, session).delete(`/api/v1/auth/passkeys/${first}`), 409);
    expect(refused.type).toBe('/problems/only-way-in');
    expect(refused.detail).toMatch(/only way to sign in/);
    expect((await as(t.app, session).get('/api/v1/auth/passkeys')).json().items).toHaveLength(1);

    // With two, either may go, but not both.
    const second = await addPasskey(session, 'Phone');
    expect((await as(t.app, session).delete(`/api/v1/auth/passkeys/${first}`)).statusCode).toBe(204);
    expectProblem(await as(t.app, session).delete(`/api/v1/auth/passkeys/${second}`), 409);
    const kinds = (await as(t.app, session).get('/api/v1/auth/security-log')).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'passkey_removed')).toHaveLength(1);
    expect(kinds).toContain('provider_unlinked');
    // Another account's passkey is not found, whatever this one has left.
    expectProblem(await as(t.app, await signUp(t.app)).delete(`/api/v1/auth/passkeys/${second}`), 404);
  });

  it('a provider may go while a passkey remains, and the last passkey while a provider remains', async () => {
    github.setUser({ id: 2007, login: 'both', name: 'Both', email: 'both@example.com', verified: true });
    const session = { cookie: cookieFrom(await signInWith('github')) };
    const key = await addPasskey(session, 'Laptop');
    expect((await as(t.app, session).delete(`/api/v1/auth/passkeys/${key}`)).statusCode).toBe(204);
    const [identity] = (await as(t.app, session).get('/api/v1/auth/identities')).json().items;
    expectProblem(await as(t.app, session).delete(`/api/v1/auth/identities/${identity.id}`), 409);
  });

  it('with a password, the last passkey and the last provider may both go', async () => {
    const user = await signUp(t.app);
    const key = await addPasskey(user, 'Laptop');
    expect((await as(t.app, user).delete(`/api/v1/auth/passkeys/${key}`)).statusCode).toBe(204);
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json().passkeys).toBe(0);
  });
});

describe('an account made through a provider', () => {
  it('takes the language and time zone of the page it started from', async () => {
    github.setUser({ id: 2008, login: 'shanghai', name: 'Shanghai', email: 'sh@example.com', verified: true });
    const res = await signInWith('github', '&locale=zh-CN&timezone=Asia/Shanghai');
    const session = { cookie: cookieFrom(res) };
    expect((await as(t.app, session).get('/api/v1/profile')).json()).toMatchObject({
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    // An unknown zone is ignored rather than refused: the sign-in is a page navigation.
    github.setUser({ id: 2009, login: 'nowhere', name: 'Nowhere', email: 'nowhere@example.com', verified: true });
    const other = { cookie: cookieFrom(await signInWith('github', '&locale=xx&timezone=Nowhere/Land')) };
    expect((await as(t.app, other).get('/api/v1/profile')).json()).toMatchObject({ locale: 'en', timezone: 'UTC' });
  });

  it('sets a first password while its sign-in is recent, then signs in with it', async () => {
    github.setUser({ id: 2004, login: 'newbie', name: 'Newbie', email: 'newbie@example.com', verified: true });
    const session = { cookie: cookieFrom(await signInWith('github')) };
    expect((await as(t.app, session).get('/api/v1/auth/me')).json().hasPassword).toBe(false);

    const set = await as(t.app, session).post('/api/v1/auth/password', { newPassword: 'a first password' });
    expect(set.statusCode, set.body).toBe(204);
    const renewed = { cookie: cookieFrom(set) };
    expect((await as(t.app, renewed).get('/api/v1/auth/me')).json().hasPassword).toBe(true);
    const kinds = (await as(t.app, renewed).get('/api/v1/auth/security-log')).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('password_set');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'newbie@example.com', password: 'a first password' },
    });
    expect(login.statusCode).toBe(200);
    // Now that it has one, the password is required to change it.
    expectProblem(await as(t.app, renewed).post('/api/v1/auth/password', { newPassword: 'another password' }), 403);
  });

  it('needs a fresh sign-in, not an old session, to set a password or delete itself', async () => {
    github.setUser({ id: 2005, login: 'later', name: 'Later', email: 'later@example.com', verified: true });
    const session = { cookie: cookieFrom(await signInWith('github')) };
    clockOffsetMs = 16 * 60 * 1000;
    try {
      const res = await as(t.app, session).post('/api/v1/auth/password', { newPassword: 'a first password' });
      expect(expectProblem(res, 403).type).toBe('/problems/recent-sign-in-required');
      expectProblem(await as(t.app, session).delete('/api/v1/auth/me', {}), 403);
      // Signing in again makes it recent; then the account can go.
      const fresh = { cookie: cookieFrom(await signInWith('github')) };
      expect((await as(t.app, fresh).delete('/api/v1/auth/me', {})).statusCode).toBe(204);
    } finally {
      clockOffsetMs = 0;
    }
  });
});
