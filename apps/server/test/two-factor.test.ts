import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodes as recoveryCodesTable, users } from '../src/db/schema/index.ts';
import { as, cookieFrom, createTestApp, expectProblem, signIn, signUp, type TestApp, type TestUser } from './helpers/app.ts';

let t: TestApp;
let now = new Date('2026-06-10T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const codeAt = (secret: string, at: Date) =>
  generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at.getTime() / 30_000)), 6);
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

const login = (user: TestUser) => signIn(t.app, user);
const challengeCookie = (res: { headers: Record<string, unknown> }) =>
  String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('ca_2fa='))).split(';')[0]!;
const second = (cookie: string, body: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login/2fa',
    payload: body,
    headers: { cookie, origin: 'http://127.0.0.1:3000' },
  });

async function userWithTotp() {
  const user = await signUp(t.app);
  const signedUpAt = now;
  const setup = (await as(t.app, user).post('/api/v1/auth/2fa/totp/setup')).json();
  expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Career%20Anchor:[^?]+\?issuer=Career\+Anchor&.*secret=[A-Z2-7]+/);
  expect(setup.qrSvg).toMatch(/^<svg/);
  later(600);
  const enabled = await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: codeAt(setup.secret, now) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  const { recoveryCodes } = enabled.json();
  return {
    user: { ...user, cookie: cookieFrom(enabled) },
    secret: setup.secret as string,
    recoveryCodes: recoveryCodes as string[],
    oldCookie: user.cookie,
    signedUpAt,
    sessionExpires: /Expires=([^;]+)/.exec(String([enabled.headers['set-cookie']].flat()))?.[1],
  };
}

describe('two-factor sign-in with an authenticator app', () => {
  it('enrols with a first code, gives ten recovery codes once and rotates the session', async () => {
    const { user, recoveryCodes, oldCookie, signedUpAt, sessionExpires } = await userWithTotp();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes[0]).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expectProblem(await as(t.app, { cookie: oldCookie }).get('/api/v1/auth/me'), 401);
    // The new id keeps the old session's absolute end: rotating never lengthens a session.
    expect(sessionExpires).toBe(new Date(signedUpAt.getTime() + 30 * 24 * 3600 * 1000).toUTCString());
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json()).toEqual({ totp: true, recoveryCodesLeft: 10, passkeys: 0 });
  });

  it('requires the code at sign-in; a wrong or reused code is refused', async () => {
    const { user, secret } = await userWithTotp();
    later(60);
    const res = await login(user);
    expect(res.json()).toEqual({ twoFactorRequired: true, methods: ['totp', 'recovery'] });
    expect(String(res.headers['set-cookie'])).not.toContain('ca_session=');
    const cookie = challengeCookie(res);
    expectProblem(await as(t.app, { cookie }).get('/api/v1/auth/me'), 401);
    expectProblem(await second(cookie, { code: '000000' }), 400);
    const code = codeAt(secret, now);
    const done = await second(cookie, { code });
    expect(done.statusCode, done.body).toBe(200);
    expect((await as(t.app, { cookie: cookieFrom(done) }).get('/api/v1/auth/me')).json().email).toBe(user.email);
    // The same code again, within its 30 seconds, on a new sign-in: refused.
    const again = challengeCookie(await login(user));
    expectProblem(await second(again, { code }), 400);
    later(30);
    expect((await second(again, { code: codeAt(secret, now) })).statusCode).toBe(200);
  });

  it('a recovery code works once', async () => {
    const { user, recoveryCodes } = await userWithTotp();
    const first = challengeCookie(await login(user));
    expect((await second(first, { recoveryCode: recoveryCodes[3]!.toUpperCase() })).statusCode).toBe(200);
    const next = challengeCookie(await login(user));
    expectProblem(await second(next, { recoveryCode: recoveryCodes[3]! }), 400);
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json().recoveryCodesLeft).toBe(9);
  });

  it('stores recovery codes only as salted argon2id hashes (ASVS 6.5.2)', async () => {
    const { user, recoveryCodes } = await userWithTotp();
    const rows = await t.ctx.database.db
      .select({ codeHash: recoveryCodesTable.codeHash })
      .from(recoveryCodesTable)
      .innerJoin(users, eq(users.id, recoveryCodesTable.userId))
      .where(eq(users.email, user.email));
    expect(rows).toHaveLength(10);
    for (const { codeHash } of rows) expect(codeHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(new Set(rows.map((r) => r.codeHash.split('$')[4])).size).toBe(10);
    const stored = rows.map((r) => r.codeHash).join(' ');
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace('-', ''));
  });

  it('a sign-in challenge allows five tries and expires', async () => {
    const { user, secret } = await userWithTotp();
    const cookie = challengeCookie(await login(user));
    for (let i = 0; i < 4; i++) expectProblem(await second(cookie, { code: '123456' }), 400);
    expectProblem(await second(cookie, { code: '654321' }), 400);
    expectProblem(await second(cookie, { code: codeAt(secret, now) }), 401);
    // Those five wrong codes also used up the account's tries: the password waits for the window.
    expectProblem(await login(user), 429);
    later(15 * 60);
    const slow = challengeCookie(await login(user));
    later(6 * 60);
    expectProblem(await second(slow, { code: codeAt(secret, now) }), 401);
    expectProblem(await second('ca_2fa=forged', { code: codeAt(secret, now) }), 401);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/2fa', payload: { code: '123456' } }), 401);
  });

  it('wrong codes count against the account across sign-ins; past the limit even the right code waits', async () => {
    const { user, secret, recoveryCodes } = await userWithTotp();
    const held = challengeCookie(await login(user));
    const valid = [-1, 0, 1].map((step) => codeAt(secret, new Date(now.getTime() + step * 30_000)));
    const wrong = ['111111', '222222', '333333', '444444'].find((c) => !valid.includes(c))!;
    const seen: number[] = [];
    for (let signIn = 0; signIn < 20; signIn++) {
      const res = await login(user);
      seen.push(res.statusCode);
      if (res.statusCode !== 200) continue;
      const cookie = challengeCookie(res);
      for (let i = 0; i < 5; i++) {
        // Wrong app codes and wrong recovery codes alike.
        seen.push((await second(cookie, i % 2 ? { recoveryCode: 'aaaaa-bbbbb' } : { code: wrong })).statusCode);
      }
    }
    expect(seen.filter((s) => s === 400)).toHaveLength(5);
    expect(seen.filter((s) => s === 429).length).toBeGreaterThanOrEqual(19);
    const refused = await second(held, { code: codeAt(secret, now) });
    expectProblem(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expectProblem(await second(held, { recoveryCode: recoveryCodes[0]! }), 429);
    expectProblem(await login(user), 429);
    // Once the window has passed, the right password and code sign in, and the count starts over.
    later(15 * 60 + 30);
    const done = await second(challengeCookie(await login(user)), { code: codeAt(secret, now) });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('codes sent at the same time cannot get past the limit', async () => {
    const { user } = await userWithTotp();
    const cookies: string[] = [];
    for (let i = 0; i < 3; i++) cookies.push(challengeCookie(await login(user)));
    const responses = await Promise.all(
      Array.from({ length: 15 }, (_, i) => second(cookies[i % 3]!, { recoveryCode: `aaaaa-${'bcdef'[i % 5]!.repeat(5)}` })),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 400)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
  });

  it('codes that confirm it is you, to turn it off or renew recovery codes, count too', async () => {
    const { user, secret } = await userWithTotp();
    for (let i = 0; i < 3; i++)
      expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', { code: '12345' + i }), 403);
    for (let i = 0; i < 2; i++)
      expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/recovery-codes', { code: '65432' + i }), 400);
    later(30);
    expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', { code: codeAt(secret, now) }), 429);
    expectProblem(await login(user), 429);
  });

  it('turning it off needs the password or a code', async () => {
    const { user, secret } = await userWithTotp();
    expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', { password: 'not it' }), 403);
    expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', {}), 400);
    later(30);
    expect((await as(t.app, user).post('/api/v1/auth/2fa/totp/disable', { code: codeAt(secret, now) })).statusCode).toBe(204);
    expect((await login(user)).json().email).toBe(user.email);
    const log = (await as(t.app, user).get('/api/v1/auth/security-log')).json().items.map((e: { kind: string }) => e.kind);
    expect(log).toEqual(expect.arrayContaining(['two_factor_enabled', 'two_factor_disabled']));
  });

  it('set-up needs a valid first code', async () => {
    const user = await signUp(t.app);
    await as(t.app, user).post('/api/v1/auth/2fa/totp/setup');
    expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: '000000' }), 400);
    expect((await as(t.app, user).get('/api/v1/auth/2fa')).json().totp).toBe(false);
    expectProblem(await as(t.app, user).post('/api/v1/auth/2fa/totp/enable', { code: 'abc' }), 400);
  });
});
