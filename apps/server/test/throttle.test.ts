import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    throttleLimits: { windowSeconds: 900, perAccount: 3, perIp: 8, signUpPerAddress: 3, signUpPerIp: 6 },
  });
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '203.0.113.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('failed sign-in throttling', () => {
  it('answers 429 with Retry-After once an account has used its failures, even with the right password', async () => {
    const user = await signUp(t.app);
    for (let i = 0; i < 3; i++) expectProblem(await login(user.email, 'wrong password', `198.51.100.${i}`), 401);
    const blocked = await login(user.email, user.password, '198.51.100.99');
    expectProblem(blocked, 429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('throttles one address that tries many accounts', async () => {
    for (let i = 0; i < 8; i++) expectProblem(await login(`nobody${i}@example.com`, 'guess', '192.0.2.7'), 401);
    expectProblem(await login('someone-else@example.com', 'guess', '192.0.2.7'), 429);
    // Another address is not affected.
    expectProblem(await login('someone-else@example.com', 'guess', '192.0.2.8'), 401);
  });

  it('a successful sign-in clears the account counter', async () => {
    const user = await signUp(t.app);
    for (let i = 0; i < 2; i++) await login(user.email, 'wrong password', '198.51.100.20');
    expect((await login(user.email, user.password, '198.51.100.20')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) await login(user.email, 'wrong password', '198.51.100.21');
    expect((await login(user.email, user.password, '198.51.100.21')).statusCode).toBe(200);
  });
});

const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((n, r) => ({ ...n, [r.statusCode]: (n[r.statusCode] ?? 0) + 1 }), {});

describe('sign-in attempts at the same time', () => {
  let raced: TestApp;
  beforeAll(async () => {
    raced = await createTestApp({ throttleLimits: { windowSeconds: 900, perAccount: 5, perIp: 1000 } });
  });
  afterAll(() => raced.close());
  // Each request from its own address, as a botnet would: only the account's limit applies.
  const burst = (email: string, passwords: string[]) =>
    Promise.all(
      passwords.map((password, i) =>
        raced.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password },
          remoteAddress: `198.18.${Math.floor(i / 250)}.${i % 250}`,
        }),
      ),
    );

  it('50 guesses at once: the limit is taken before any password is checked, so only five are checked', async () => {
    const user = await signUp(raced.app);
    const first = await burst(
      user.email,
      Array.from({ length: 50 }, (_, i) => `wrong guess ${i}`),
    );
    expect(statuses(first)).toEqual({ 401: 5, 429: 45 });
    for (const res of first.filter((r) => r.statusCode === 429)) expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
    // The right password among another 50, wherever it lands, is refused like the rest.
    const guesses = Array.from({ length: 50 }, (_, i) => `another guess ${i}`);
    guesses[Math.floor(Math.random() * 50)] = user.password;
    expect(statuses(await burst(user.email, guesses))).toEqual({ 429: 50 });
  });

  it('the right password in a burst of wrong ones: past the limit it is refused too', async () => {
    const user = await signUp(raced.app);
    const guesses = Array.from({ length: 50 }, (_, i) => `wrong guess ${i}`);
    const at = Math.floor(Math.random() * 50);
    guesses[at] = user.password;
    const responses = await burst(user.email, guesses);
    const count = statuses(responses);
    if (responses[at]!.statusCode === 429) expect(count).toEqual({ 401: 5, 429: 45 });
    else {
      // Checked in time: a whole sign-in starts the account's count over, as one at a time would.
      expect(responses[at]!.statusCode).toBe(200);
      expect(count[401] ?? 0).toBeLessThanOrEqual(10);
      expect((count[401] ?? 0) + (count[429] ?? 0)).toBe(49);
    }
  });
});

describe('sign-up throttling', () => {
  const register = (email: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: 'correct horse battery', displayName: 'Someone' },
      remoteAddress: ip,
    });

  it('tells that an address has an account, but only a few times per window', async () => {
    const user = await signUp(t.app);
    for (let i = 0; i < 3; i++) expectProblem(await register(user.email, `198.51.100.${40 + i}`), 409);
    const blocked = await register(user.email.toUpperCase(), '198.51.100.49');
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
  });

  it('limits how many taken addresses one IP can ask about; new accounts do not count', async () => {
    for (let i = 0; i < 8; i++)
      expect((await register(`fresh${i}.${Date.now()}@example.com`, '192.0.2.60')).statusCode).toBe(201);
    const taken = [await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    for (const user of taken) for (let i = 0; i < 2; i++) expectProblem(await register(user.email, '192.0.2.61'), 409);
    const blocked = await register(`another.${Date.now()}@example.com`, '192.0.2.61');
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect((await register(`another.${Date.now()}@example.com`, '192.0.2.62')).statusCode).toBe(201);
  });

  it('asking at the same time does not get past the limit', async () => {
    const user = await signUp(t.app);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => register(user.email, `198.51.101.${i}`)));
    expect(statuses(responses)).toEqual({ 409: 3, 429: 17 });
  });
});

describe('request rate limit', () => {
  it('answers 429 problem+json past RATE_LIMIT_PER_MIN', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await limited.app.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: '10.0.0.1' });
        expect(res.statusCode).toBe(401);
      }
      const res = await limited.app.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: '10.0.0.1' });
      expectProblem(res, 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Health probes are never limited.
      expect((await limited.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
