import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
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
import { startFakeGitHub } from './helpers/fake-github.ts';
import { SoftPasskey } from './helpers/webauthn.ts';

const github = await startFakeGitHub('gh-client', 'gh-secret');
let now = new Date('2026-06-10T10:00:00Z');
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
const WINDOW_MINUTES = 15;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    clock: { now: () => now },
    throttleLimits: { windowSeconds: 900, perAccount: 3, perIp: 100 },
    env: {
      GITHUB_CLIENT_ID: 'gh-client',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.apiUrl,
    },
  });
});
afterAll(async () => {
  await t.close();
  await github.close();
});

const codeAt = (secret: string, at: Date) =>
  generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at.getTime() / 30_000)), 6);
const expiresOf = (res: LightMyRequestResponse) => /Expires=([^;]+)/.exec(String([res.headers['set-cookie']].flat()))?.[1];
const recentSignInRequired = (res: LightMyRequestResponse) =>
  expect(expectProblem(res, 403).type).toBe('/problems/recent-sign-in-required');
const kinds = async (user: { cookie: string }) =>
  (await as(t.app, user).get('/api/v1/auth/security-log')).json().items.map((e: { kind: string }) => e.kind) as string[];

/** Confirms with the password; answers the user with the new cookie. */
async function confirm(user: TestUser, body: object = { password: user.password }): Promise<TestUser> {
  const res = await as(t.app, user).post('/api/v1/auth/confirm', body);
  expect(res.statusCode, res.body).toBe(204);
  return { ...user, cookie: cookieFrom(res) };
}

async function registerPasskey(user: TestUser) {
  const passkey = new SoftPasskey(TEST_ORIGIN);
  const options = await as(t.app, user).post('/api/v1/auth/passkeys/registration-options');
  expect(options.statusCode, options.body).toBe(200);
  const saved = await as(t.app, user).post('/api/v1/auth/passkeys', { response: passkey.register(options.json()), name: 'Soft' });
  expect(saved.statusCode, saved.body).toBe(201);
  return { passkey, id: saved.json().id as string };
}

/** Links the fake GitHub account to the user (the browser's round trip through the provider). */
async function linkGitHub(user: TestUser, githubId: number) {
  github.setUser({ id: githubId, login: `gh${githubId}`, name: 'Linked', email: `gh${githubId}@example.com`, verified: true });
  const start = await as(t.app, user).get('/api/v1/auth/oauth/github/start?link=1&next=/security');
  expect(start.statusCode, start.body).toBe(302);
  const flight = String([start.headers['set-cookie']].flat().find((c) => String(c).startsWith('ca_oauth='))).split(';')[0];
  const atProvider = await fetch(String(start.headers.location), { redirect: 'manual' });
  const back = new URL(atProvider.headers.get('location')!);
  const done = await t.app.inject({
    method: 'GET',
    url: back.pathname + back.search,
    headers: { cookie: `${flight}; ${user.cookie}` },
  });
  expect(done.headers.location).toBe('/security?linked=github');
}

/** A sign-in with the fake GitHub, in a browser that may carry a session cookie already. */
async function signInWithGitHub(app: FastifyInstance, cookie = '') {
  const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oauth/github/start?next=/security' });
  const flight = String([start.headers['set-cookie']].flat().find((c) => String(c).startsWith('ca_oauth='))).split(';')[0];
  const back = new URL((await fetch(String(start.headers.location), { redirect: 'manual' })).headers.get('location')!);
  const done = await app.inject({
    method: 'GET',
    url: back.pathname + back.search,
    headers: { cookie: [flight, cookie].filter(Boolean).join('; ') },
  });
  expect(done.headers.location).toBe('/security');
  return { cookie: cookieFrom(done) };
}

describe('changes to how one signs in need a recent sign-in', () => {
  it('documents exactly these routes as needing one', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const gated = Object.entries(document.paths as Record<string, Record<string, { description?: string }>>)
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, operation]) => operation.description?.startsWith('Needs a recent sign-in'))
          .map(([method]) => `${method.toUpperCase()} ${path.replace('/api/v1', '')}`),
      )
      .sort();
    expect(gated).toEqual([
      'DELETE /auth/identities/{id}',
      'DELETE /auth/passkeys/{id}',
      'DELETE /auth/sessions/{id}',
      'POST /auth/2fa/recovery-codes',
      'POST /auth/2fa/totp/enable',
      'POST /auth/2fa/totp/setup',
      'POST /auth/passkeys',
      'POST /auth/passkeys/registration-options',
      'POST /auth/sessions/revoke-others',
      'POST /auth/tokens',
      'POST /calendar-feed/rotate',
    ]);
  });

  it('every gated route answers 403 recent-sign-in-required after the window, changes nothing, and works after POST /auth/confirm', async () => {
    let user = await signUp(t.app);
    // Set up while fresh: a second device, a second factor, a passkey and a linked GitHub, to have something to change later.
    const otherDevice = { cookie: cookieFrom(await signIn(t.app, user)) };
    const setup = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
    const enabled = await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeAt(setup.secret, now) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    user = { ...user, cookie: cookieFrom(enabled) };
    const { id: passkeyId } = await registerPasskey(user);
    await linkGitHub(user, 3001);
    const [identity] = (await as(t.app, user).get('/api/v1/auth/identities')).json().items;
    const otherSession = (await as(t.app, user).get('/api/v1/auth/sessions'))
      .json()
      .items.find((s: { current: boolean }) => !s.current);

    later(WINDOW_MINUTES + 1);
    const call = as(t.app, user);
    recentSignInRequired(await call.post('/api/v1/auth/2fa/recovery-codes', { code: codeAt(setup.secret, now) }));
    recentSignInRequired(await call.post('/api/v1/auth/passkeys/registration-options'));
    recentSignInRequired(
      await call.post('/api/v1/auth/passkeys', { response: new SoftPasskey(TEST_ORIGIN).register({ challenge: 'x' }) }),
    );
    recentSignInRequired(await call.delete(`/api/v1/auth/passkeys/${passkeyId}`));
    recentSignInRequired(await call.delete(`/api/v1/auth/identities/${identity.id}`));
    recentSignInRequired(await call.post('/api/v1/auth/tokens', { name: 'ci' }));
    recentSignInRequired(await call.delete(`/api/v1/auth/sessions/${otherSession.id}`));
    recentSignInRequired(await call.post('/api/v1/auth/sessions/revoke-others'));
    // Linking is a page navigation: back to its page, told why, not a JSON answer.
    const link = await call.get('/api/v1/auth/oauth/github/start?link=1&next=/security');
    expect(link.statusCode).toBe(302);
    expect(link.headers.location).toBe('/security?error=reauth&provider=github');
    expect(String(link.headers['set-cookie'] ?? '')).not.toContain('ca_oauth=');
    // Nothing changed.
    expect((await call.get('/api/v1/auth/2fa')).json()).toEqual({ totp: true, recoveryCodesLeft: 10, passkeys: 1 });
    expect((await call.get('/api/v1/auth/identities')).json().items).toHaveLength(1);
    expect((await call.get('/api/v1/auth/tokens')).json().items).toEqual([]);
    expect((await as(t.app, otherDevice).get('/api/v1/auth/me')).statusCode).toBe(200);
    // Reading, and everything outside sign-in settings, still works.
    expect((await call.get('/api/v1/auth/passkeys')).statusCode).toBe(200);
    expect((await call.post('/api/v1/todos', { title: 'still works' })).statusCode).toBe(201);

    user = await confirm(user);
    const again = as(t.app, user);
    later(1);
    const renewed = await again.post('/api/v1/auth/2fa/recovery-codes', { code: codeAt(setup.secret, now) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const { passkey: second } = await registerPasskey(user);
    expect(second.id).toBeTruthy();
    expect((await again.delete(`/api/v1/auth/passkeys/${passkeyId}`)).statusCode).toBe(204);
    expect((await again.delete(`/api/v1/auth/identities/${identity.id}`)).statusCode).toBe(204);
    expect((await again.post('/api/v1/auth/tokens', { name: 'ci' })).statusCode).toBe(201);
    expect((await again.delete(`/api/v1/auth/sessions/${otherSession.id}`)).statusCode).toBe(204);
    expectProblem(await as(t.app, otherDevice).get('/api/v1/auth/me'), 401);
    expect((await again.post('/api/v1/auth/sessions/revoke-others')).statusCode).toBe(204);
    const linkAgain = await again.get('/api/v1/auth/oauth/github/start?link=1&next=/security');
    expect(new URL(String(linkAgain.headers.location)).origin).toBe(github.url);
  });

  it('TOTP set-up and enabling are gated too', async () => {
    let user = await signUp(t.app);
    later(WINDOW_MINUTES + 1);
    recentSignInRequired(await as(t.app, user).post('/api/v1/auth/2fa/totp/setup'));
    user = await confirm(user);
    const setup = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
    later(WINDOW_MINUTES + 1);
    recentSignInRequired(await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeAt(setup.secret, now) }));
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json().totp).toBe(false);
    user = await confirm(user);
    const enabled = await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeAt(setup.secret, now) });
    expect(enabled.statusCode, enabled.body).toBe(200);
  });

  it('an account with neither password, code nor passkey confirms by signing in again with its provider', async () => {
    github.setUser({ id: 3100, login: 'only-gh', name: 'Only GitHub', email: 'only-gh@example.com', verified: true });
    const signIn = (cookie = '') => signInWithGitHub(t.app, cookie);
    const old = await signIn();
    later(WINDOW_MINUTES + 1);
    recentSignInRequired(await as(t.app, old).post('/api/v1/auth/tokens', { name: 'x' }));
    // Nothing to confirm with at POST /auth/confirm…
    expectProblem(await as(t.app, old).post('/api/v1/auth/confirm', { password: 'any password at all' }), 403);
    expectProblem(await as(t.app, old).post('/api/v1/auth/confirm/passkey/authentication-options'), 404);
    // …so the browser signs in again with GitHub: a fresh sign-in, replacing its old session.
    const fresh = await signIn(old.cookie);
    expectProblem(await as(t.app, old).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, fresh).post('/api/v1/auth/tokens', { name: 'x' })).statusCode).toBe(201);
  });

  it('a personal token never counts as a recent sign-in, and cannot confirm', async () => {
    const user = await signUp(t.app);
    const { token } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'script' })).json();
    const bearer = { authorization: `Bearer ${token}` };
    expectProblem(await as(t.app, null).post('/api/v1/auth/tokens', { name: 'more' }, bearer), 403);
    expectProblem(await as(t.app, null).post('/api/v1/auth/confirm', { password: user.password }, bearer), 403);
    const link = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oauth/github/start?link=1&next=/x', headers: bearer });
    expect(link.headers.location).toBe('/x?error=reauth&provider=github');
  });
});

describe('POST /auth/confirm', () => {
  it('rotates the session id, keeps its absolute expiry, and logs identity_confirmed', async () => {
    const signedUpAt = now;
    const user = await signUp(t.app);
    later(20);
    const res = await as(t.app, user).post('/api/v1/auth/confirm', { password: user.password });
    expect(res.statusCode, res.body).toBe(204);
    expect(expiresOf(res)).toBe(new Date(signedUpAt.getTime() + 30 * 24 * 3600 * 1000).toUTCString());
    const fresh = { cookie: cookieFrom(res) };
    expect(fresh.cookie).not.toBe(user.cookie);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, fresh).get('/api/v1/auth/me')).json().id).toBe(user.id);
    expect((await as(t.app, fresh).get('/api/v1/auth/sessions')).json().items).toHaveLength(1);
    expect((await kinds(fresh))[0]).toBe('identity_confirmed');
    // The window starts again from the confirmation, and ends as it would after a sign-in.
    later(WINDOW_MINUTES - 1);
    expect((await as(t.app, fresh).post('/api/v1/auth/tokens', { name: 'a' })).statusCode).toBe(201);
    later(2);
    recentSignInRequired(await as(t.app, fresh).post('/api/v1/auth/tokens', { name: 'b' }));
  });

  it('refuses a wrong password and counts it as a failed sign-in: 429 after the limit, even with the right one', async () => {
    const user = await signUp(t.app);
    const wrong = await as(t.app, user).post('/api/v1/auth/confirm', { password: 'not my password' });
    expect(expectProblem(wrong, 403).type).toBe('/problems/wrong-password');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(await kinds(user)).toContain('sign_in_failed');
    for (let i = 0; i < 2; i++)
      expectProblem(await as(t.app, user).post('/api/v1/auth/confirm', { password: `guess ${i}` }), 403);
    const blocked = await as(t.app, user).post('/api/v1/auth/confirm', { password: user.password });
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The same counter as the sign-in form: signing in is throttled too.
    expectProblem(await signIn(t.app, user), 429);
    // The session itself is untouched.
    expect((await as(t.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
    later(16);
    expect((await as(t.app, user).post('/api/v1/auth/confirm', { password: user.password })).statusCode).toBe(204);
  });

  it('takes a code from the authenticator app, once, but not a recovery code', async () => {
    let user = await signUp(t.app);
    const setup = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
    const enabled = await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeAt(setup.secret, now) });
    user = { ...user, cookie: cookieFrom(enabled) };
    const { recoveryCodes } = enabled.json();
    later(WINDOW_MINUTES + 1);
    const recovery = await as(t.app, user).post('/api/v1/auth/confirm', { code: recoveryCodes[0] });
    expect(expectProblem(recovery, 403).type).toBe('/problems/wrong-code');
    const code = codeAt(setup.secret, now);
    user = await confirm(user, { code });
    expect((await as(t.app, user).post('/api/v1/auth/tokens', { name: 'ok' })).statusCode).toBe(201);
    // The same code again is refused.
    expectProblem(await as(t.app, user).post('/api/v1/auth/confirm', { code }), 403);
    // Exactly one of password and code.
    expectProblem(await as(t.app, user).post('/api/v1/auth/confirm', {}), 400);
    expectProblem(await as(t.app, user).post('/api/v1/auth/confirm', { password: user.password, code }), 400);
  });

  it('needs a session', async () => {
    expectProblem(await as(t.app, null).post('/api/v1/auth/confirm', { password: 'whatever it is' }), 401);
  });
});

describe('confirming with a passkey', () => {
  it('takes one of this user’s passkeys, and refuses another user’s', async () => {
    const alice = await signUp(t.app);
    const { passkey: alicesKey } = await registerPasskey(alice);
    const bob = await signUp(t.app);
    // Without a passkey of his own, there is nothing to offer.
    expectProblem(await as(t.app, bob).post('/api/v1/auth/confirm/passkey/authentication-options'), 404);
    await registerPasskey(bob);
    later(WINDOW_MINUTES + 1);

    const options = await as(t.app, bob).post('/api/v1/auth/confirm/passkey/authentication-options');
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().allowCredentials.map((c: { id: string }) => c.id)).not.toContain(alicesKey.id);
    // Alice's passkey answering Bob's challenge does not confirm Bob.
    const stolen = await as(t.app, bob).post('/api/v1/auth/confirm/passkey', {
      response: alicesKey.authenticate(options.json()),
    });
    expectProblem(stolen, 400);
    expect(stolen.headers['set-cookie']).toBeUndefined();
    recentSignInRequired(await as(t.app, bob).post('/api/v1/auth/tokens', { name: 'x' }));
    expect(await kinds(bob)).not.toContain('identity_confirmed');

    // Nor does a challenge issued for password-less sign-in, or one issued to someone else.
    const anyone = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/authentication-options' })).json();
    expectProblem(await as(t.app, alice).post('/api/v1/auth/confirm/passkey', { response: alicesKey.authenticate(anyone) }), 400);
    const bobsChallenge = (await as(t.app, bob).post('/api/v1/auth/confirm/passkey/authentication-options')).json();
    expectProblem(
      await as(t.app, alice).post('/api/v1/auth/confirm/passkey', { response: alicesKey.authenticate(bobsChallenge) }),
      400,
    );

    // Alice's own passkey, on her own challenge: confirmed, with a new session id.
    const own = (await as(t.app, alice).post('/api/v1/auth/confirm/passkey/authentication-options')).json();
    const res = await as(t.app, alice).post('/api/v1/auth/confirm/passkey', { response: alicesKey.authenticate(own) });
    expect(res.statusCode, res.body).toBe(204);
    const fresh = { cookie: cookieFrom(res) };
    expectProblem(await as(t.app, alice).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, fresh).post('/api/v1/auth/tokens', { name: 'y' })).statusCode).toBe(201);
    expect(await kinds(fresh)).toContain('identity_confirmed');
    // The challenge worked once.
    expectProblem(await as(t.app, fresh).post('/api/v1/auth/confirm/passkey', { response: alicesKey.authenticate(own) }), 400);
  });
});

describe('REAUTH_WINDOW_MINUTES=0: ask every time', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({
      clock: { now: () => now },
      env: {
        REAUTH_WINDOW_MINUTES: '0',
        GITHUB_CLIENT_ID: 'gh-client',
        GITHUB_CLIENT_SECRET: 'gh-secret',
        GITHUB_URL: github.url,
        GITHUB_API_URL: github.apiUrl,
      },
    });
  });
  afterAll(() => strict.close());

  it('even a fresh sign-in asks; a confirmation lets this session finish what it started, for a few minutes', async () => {
    const user = await signUp(strict.app);
    recentSignInRequired(await as(strict.app, user).post('/api/v1/auth/tokens', { name: 'a' }));
    const res = await as(strict.app, user).post('/api/v1/auth/confirm', { password: user.password });
    expect(res.statusCode, res.body).toBe(204);
    const confirmed = { cookie: cookieFrom(res) };
    later(1);
    // The retried request, and a two-step change (options, then the passkey).
    expect((await as(strict.app, confirmed).post('/api/v1/auth/tokens', { name: 'a' })).statusCode).toBe(201);
    expect((await as(strict.app, confirmed).post('/api/v1/auth/passkeys/registration-options')).statusCode).toBe(200);
    later(5);
    recentSignInRequired(await as(strict.app, confirmed).post('/api/v1/auth/tokens', { name: 'b' }));
  });

  it('an account made through GitHub confirms by signing in again there from its session; a sign-in from nowhere does not', async () => {
    github.setUser({ id: 3200, login: 'strict-gh', name: 'Strict', email: 'strict-gh@example.com', verified: true });
    const first = await signInWithGitHub(strict.app);
    recentSignInRequired(await as(strict.app, first).post('/api/v1/auth/tokens', { name: 'a' }));
    const again = await signInWithGitHub(strict.app, first.cookie);
    expect((await as(strict.app, again).post('/api/v1/auth/tokens', { name: 'a' })).statusCode).toBe(201);
    const elsewhere = await signInWithGitHub(strict.app);
    recentSignInRequired(await as(strict.app, elsewhere).post('/api/v1/auth/tokens', { name: 'b' }));
  });

  it('rejects a value that is not a whole number of minutes', async () => {
    const { loadConfig } = await import('../src/config.ts');
    expect(() => loadConfig({ APP_SECRET: 'x'.repeat(32), REAUTH_WINDOW_MINUTES: '-1' })).toThrow(/REAUTH_WINDOW_MINUTES/);
    expect(() => loadConfig({ APP_SECRET: 'x'.repeat(32), REAUTH_WINDOW_MINUTES: 'soon' })).toThrow(/REAUTH_WINDOW_MINUTES/);
    expect(loadConfig({ APP_SECRET: 'x'.repeat(32) }).reauthWindowMs).toBe(15 * 60_000);
  });
});
