import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cookieFrom, createTestApp, expectProblem, signIn, signUp, type TestApp } from './helpers/app.ts';
import { createTestDatabase, serverUrl } from './helpers/database.ts';
import { waitFor } from './helpers/jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInFrom(email: string, password: string, userAgent: string, ip: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'user-agent': userAgent },
    remoteAddress: ip,
  });
  return { cookie: cookieFrom(res) };
}

describe('sessions', () => {
  it('lists signed-in devices, and revoking one ends it on its next request', async () => {
    const user = await signUp(t.app);
    const laptop = await signInFrom(user.email, user.password, FIREFOX, '198.51.100.7');
    const phone = await signInFrom(user.email, user.password, SAFARI, '203.0.113.9');
    const list = (await as(t.app, laptop).get('/api/v1/auth/sessions')).json().items;
    expect(list).toHaveLength(3);
    const mine = list.find((s: { current: boolean }) => s.current);
    expect(mine).toMatchObject({ browser: 'Firefox on Windows', ip: '198.51.100.7' });
    const theirs = list.find((s: { browser: string }) => s.browser === 'Safari on iOS');
    expect(theirs.ip).toBe('203.0.113.9');

    expect((await as(t.app, phone).get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await as(t.app, laptop).delete(`/api/v1/auth/sessions/${theirs.id}`)).statusCode).toBe(204);
    expectProblem(await as(t.app, phone).get('/api/v1/auth/me'), 401);

    expect((await as(t.app, laptop).post('/api/v1/auth/sessions/revoke-others')).statusCode).toBe(204);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, laptop).get('/api/v1/auth/sessions')).json().items).toHaveLength(1);
  });

  // Two API processes share only the database; nothing is cached per process.
  it.runIf(serverUrl)('a session revoked through one API process ends on another as soon as it hears', async () => {
    const db = await createTestDatabase();
    // Each keeps sessions for 10 s: only hearing of the revocation can end it sooner.
    const env = { ROLE: 'api', SESSION_CACHE_MS: '10000' };
    const one = await createTestApp({ database: db.options, env });
    const two = await createTestApp({ database: db.options, env });
    try {
      const user = await signUp(one.app);
      const other = { cookie: cookieFrom(await signIn(one.app, user)) };
      expect((await as(two.app, other).get('/api/v1/auth/me')).statusCode).toBe(200);
      const theirs = (await as(one.app, user).get('/api/v1/auth/sessions'))
        .json()
        .items.find((s: { current: boolean }) => !s.current);
      const revoked = Date.now();
      expect((await as(one.app, user).delete(`/api/v1/auth/sessions/${theirs.id}`)).statusCode).toBe(204);
      // The notification comes on commit; a request already on its way may be answered first.
      await waitFor(async () => ((await as(two.app, other).get('/api/v1/auth/me')).statusCode === 401 ? true : undefined), 1000);
      expect(Date.now() - revoked).toBeLessThan(1000);
      expect((await as(two.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  });

  it('another user’s session answers 404 and stays', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const [theirs] = (await as(t.app, b).get('/api/v1/auth/sessions')).json().items;
    expectProblem(await as(t.app, a).delete(`/api/v1/auth/sessions/${theirs.id}`), 404);
    expect((await as(t.app, b).get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a new sign-in gets a new session id; the old cookie is not reused', async () => {
    const user = await signUp(t.app);
    const again = await signInFrom(user.email, user.password, FIREFOX, '198.51.100.8');
    expect(again.cookie).not.toBe(user.cookie);
  });
});

describe('the security log', () => {
  it('records sign-ins, failures, token and password changes, newest first', async () => {
    const user = await signUp(t.app);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'wrong password' },
      remoteAddress: '192.0.2.50',
    });
    const session = await signInFrom(user.email, user.password, FIREFOX, '192.0.2.51');
    await as(t.app, session).post('/api/v1/auth/tokens', { name: 'cli' });
    const res = await as(t.app, session).post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'another long password',
    });
    const log = (await as(t.app, { cookie: cookieFrom(res) }).get('/api/v1/auth/security-log')).json().items;
    expect(log.map((e: { kind: string }) => e.kind)).toEqual([
      'password_changed',
      'token_created',
      'signed_in',
      'sign_in_failed',
      'registered',
    ]);
    expect(log[2]).toMatchObject({ browser: 'Firefox on Windows', ip: '192.0.2.51' });
    expect(log[3].ip).toBe('192.0.2.50');
  });

  it('names the device as browser and system, for the reader’s page to put into its own language', async () => {
    const user = await signUp(t.app);
    const phone = await signInFrom(user.email, user.password, SAFARI, '192.0.2.60');
    await signInFrom(user.email, user.password, 'curl/8.5.0', '192.0.2.61');
    const log = (await as(t.app, phone).get('/api/v1/auth/security-log')).json().items;
    expect(log.slice(0, 3)).toMatchObject([
      { kind: 'signed_in', browser: 'curl', device: { browser: null, system: null, client: 'curl' } },
      { kind: 'signed_in', browser: 'Safari on iOS', device: { browser: 'Safari', system: 'iOS', client: null } },
      // The test's own requests name the injector as their agent.
      { kind: 'registered', browser: 'lightMyRequest', device: { browser: null, system: null, client: 'lightMyRequest' } },
    ]);
    const sessions = (await as(t.app, phone).get('/api/v1/auth/sessions')).json().items;
    expect(sessions.find((s: { current: boolean }) => s.current)).toMatchObject({
      browser: 'Safari on iOS',
      device: { browser: 'Safari', system: 'iOS', client: null },
    });
  });
});

describe('token scopes', () => {
  it('a read-only token reads but cannot write', async () => {
    const user = await signUp(t.app);
    const { token } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'reader', scopes: ['read'] })).json();
    const bearer = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    expect((await bearer('GET', '/api/v1/todos')).statusCode).toBe(200);
    expectProblem(await bearer('POST', '/api/v1/todos', { title: 'x' }), 403);
    expect((await bearer('GET', '/api/v1/todos')).json().items).toEqual([]);
    const writer = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'writer' })).json().token;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/todos',
      headers: { authorization: `Bearer ${writer}` },
      payload: { title: 'From a script' },
    });
    expect(res.statusCode).toBe(201);
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { authorization: `Bearer ${writer}` } }),
      403,
    );
  });
});
