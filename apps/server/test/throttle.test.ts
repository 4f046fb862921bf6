import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ throttleLimits: { windowSeconds: 900, perAccount: 3, perIp: 8 } });
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
