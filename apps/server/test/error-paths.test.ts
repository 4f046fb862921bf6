import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';

/** Errors the framework itself raises are problem documents too, with the headers HTTP asks for. */
let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, method = 'GET') =>
  t.app.inject({ method: method as 'GET', url, headers: { cookie: user.cookie, origin: 'http://127.0.0.1:3000' } });

describe('framework errors', () => {
  it('answer a broken percent-encoding with 400 and an over-long path segment with 414, as problems', async () => {
    const bad = await get('/api/v1/todos/%ZZ');
    expect(bad.statusCode).toBe(400);
    expectProblem(bad, 400);
    const long = await get(`/api/v1/todos/${'a'.repeat(3000)}`);
    expect(long.statusCode).toBe(414);
    expectProblem(long, 414);
  });

  it('answer a broken percent-encoding in the query with 400 too, signed in or not, rather than read it as text', async () => {
    for (const query of ['q=%ZZ', 'q=%E0%A4%A', 'q=%ED%A0%80', 'cursor=%']) {
      expect(expectProblem(await get(`/api/v1/todos?${query}`), 400).type, query).toBe('/problems/malformed-url');
      const signedOut = await t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });
      expect(expectProblem(signedOut, 400).type, query).toBe('/problems/malformed-url');
    }
    expect((await get('/api/v1/todos?q=100%25%20%E4%B8%AD')).statusCode).toBe(200);
  });

  it('answer a known path with a wrong method 405 with Allow, and an unknown path 404', async () => {
    const wrong = await get('/api/v1/overview', 'PATCH');
    expect(wrong.statusCode).toBe(405);
    expectProblem(wrong, 405);
    expect(String(wrong.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
    const item = await get('/api/v1/todos/00000000-0000-4000-8000-000000000000', 'POST');
    expect(item.statusCode).toBe(405);
    expect(String(item.headers.allow)).toMatch(/PATCH/);
    const missing = await get('/api/v1/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expectProblem(missing, 404);
    // Outside the API as well: the health routes and the server's own pages.
    for (const [url, allow] of [
      ['/healthz', 'GET, HEAD'],
      ['/problems/not-found', 'GET, HEAD'],
    ]) {
      const res = await get(url!, 'POST');
      expectProblem(res, 405);
      expect(res.headers.allow).toBe(allow);
    }
    expectProblem(await get('/no-such-page'), 404);
  });

  it('answer 401 with WWW-Authenticate, for no sign-in and for a bad token alike', async () => {
    for (const headers of [{}, { authorization: 'Bearer ca_pat_not-a-real-token' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/todos', headers });
      expect(res.statusCode).toBe(401);
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    }
  });
});
