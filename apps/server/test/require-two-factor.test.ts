import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cookieFrom, createTestApp, expectProblem, signIn, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { operations } from './helpers/openapi.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { REQUIRE_TWO_FACTOR: 'true' } });
});
afterAll(() => t.close());

const code = (secret: string) => generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000)), 6);
const setUpRequired = (res: { statusCode: number; body: string }) =>
  res.statusCode === 403 && JSON.parse(res.body).type === '/problems/two-factor-setup-required';

async function turnOn(user: TestUser): Promise<TestUser> {
  const { secret } = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
  const enabled = await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: code(secret) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  return { ...user, cookie: cookieFrom(enabled) };
}

describe('REQUIRE_TWO_FACTOR', () => {
  it('lets a new account reach only its own sign-in settings until two-factor is on (every route walked)', async () => {
    const user = await signUp(t.app);
    const { list, document } = await operations(t.app);
    const reachable: string[] = [];
    for (const op of list) {
      if (document.paths[op.path]![op.method].security) continue; // public
      const url = op.path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
      const res = await t.app.inject({
        method: op.method.toUpperCase() as 'GET',
        url,
        headers: { cookie: user.cookie, origin: 'http://127.0.0.1:3000' },
        ...(op.method === 'get' || op.method === 'delete' ? {} : { payload: {} }),
      });
      if (!setUpRequired(res)) reachable.push(`${op.method.toUpperCase()} ${op.path.replace('/api/v1', '')}`);
    }
    expect(reachable.sort()).toEqual([
      'DELETE /auth/identities/{id}',
      'DELETE /auth/me',
      'DELETE /auth/passkeys/{id}',
      'DELETE /auth/sessions/{id}',
      'DELETE /auth/tokens/{id}',
      'GET /auth/2fa',
      'GET /auth/identities',
      'GET /auth/me',
      'GET /auth/passkeys',
      'GET /auth/security-log',
      'GET /auth/sessions',
      'GET /auth/tokens',
      'POST /auth/2fa/recovery-codes',
      'POST /auth/2fa/totp/enable',
      'POST /auth/2fa/totp/setup',
      'POST /auth/confirm',
      'POST /auth/confirm/passkey',
      'POST /auth/confirm/passkey/authentication-options',
      'POST /auth/email/verification',
      'POST /auth/passkeys',
      'POST /auth/passkeys/registration-options',
      'POST /auth/password',
      'POST /auth/sessions/revoke-others',
    ]);
  });

  it('says so in the user, refuses personal work and tokens, and opens everything once it is on', async () => {
    let user = await signUp(t.app);
    expect((await as(t.app, user).get('/api/v1/auth/me')).json().twoFactorSetupRequired).toBe(true);
    const refused = await as(t.app, user).post('/api/v1/todos', { title: 'not yet' });
    expect(expectProblem(refused, 403).type).toBe('/problems/two-factor-setup-required');
    expect(setUpRequired(await as(t.app, user).post('/api/v1/auth/tokens', { name: 'ci' }))).toBe(true);

    user = await turnOn(user);
    expect((await as(t.app, user).get('/api/v1/auth/me')).json().twoFactorSetupRequired).toBe(false);
    expect((await as(t.app, user).post('/api/v1/todos', { title: 'now' })).statusCode).toBe(201);
    // And it stays on.
    const off = await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', { password: user.password });
    expect(expectProblem(off, 403).type).toBe('/problems/two-factor-required');
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json().totp).toBe(true);
    // Signing in asks for the code, as everywhere.
    expect((await signIn(t.app, user)).json().twoFactorRequired).toBe(true);
  });
});
