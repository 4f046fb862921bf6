import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let now = new Date('2026-03-01T12:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const bearer = (token: string, method: 'GET' | 'POST' = 'GET', url = '/api/v1/auth/me') =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

describe('personal API tokens', () => {
  it('shows the secret once, stores it hashed, and accepts it as Bearer', async () => {
    const user = await signUp(t.app);
    const created = await as(t.app, user).post('/api/v1/auth/tokens', { name: 'CLI' });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^ca_pat_/);
    expect(token.startsWith(prefix)).toBe(true);

    const list = await as(t.app, user).get('/api/v1/auth/tokens');
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(token);
    const stored = await t.ctx.database.db.query.apiTokens.findFirst();
    expect(JSON.stringify(stored)).not.toContain(token);

    const me = await bearer(token);
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
    const listed = await as(t.app, user).get('/api/v1/auth/tokens');
    expect(listed.json().items[0]).toMatchObject({ id, lastUsedAt: now.toISOString() });
  });

  it('answers 401 once the token is revoked', async () => {
    const user = await signUp(t.app);
    const { token, id } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'temp' })).json();
    expect((await bearer(token)).statusCode).toBe(200);
    expect((await as(t.app, user).delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    expectProblem(await bearer(token), 401);
    expect((await as(t.app, user).get('/api/v1/auth/tokens')).json().items).toHaveLength(0);
    expectProblem(await as(t.app, user).delete(`/api/v1/auth/tokens/${id}`), 404);
  });

  it('answers 401 after the token expires', async () => {
    const user = await signUp(t.app);
    const { token } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'week', expiresInDays: 7 })).json();
    expect((await bearer(token)).statusCode).toBe(200);
    const before = now;
    now = new Date(now.getTime() + 8 * 86_400_000);
    try {
      expectProblem(await bearer(token), 401);
    } finally {
      now = before;
    }
  });

  it('refuses malformed, unknown and foreign-looking tokens with 401', async () => {
    expectProblem(await bearer('ca_pat_not-a-real-token'), 401);
    expectProblem(await bearer('something-else'), 401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } });
    expectProblem(res, 401);
  });

  it('keeps token management, password change and deletion to browser sessions', async () => {
    const user = await signUp(t.app);
    const { token } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'script' })).json();
    expectProblem(await bearer(token, 'GET', '/api/v1/auth/tokens'), 403);
    expectProblem(await bearer(token, 'POST', '/api/v1/auth/tokens'), 403);
  });

  it('another user cannot see or revoke my token: 404', async () => {
    const owner = await signUp(t.app);
    const stranger = await signUp(t.app);
    const { id, token } = (await as(t.app, owner).post('/api/v1/auth/tokens', { name: 'mine' })).json();
    expectProblem(await as(t.app, stranger).delete(`/api/v1/auth/tokens/${id}`), 404);
    expect((await as(t.app, stranger).get('/api/v1/auth/tokens')).json().items).toHaveLength(0);
    expect((await bearer(token)).statusCode).toBe(200);
    expectProblem(await as(t.app, owner).delete('/api/v1/auth/tokens/not-a-uuid'), 404);
  });

  it('validates the token request', async () => {
    const user = await signUp(t.app);
    expectProblem(await as(t.app, user).post('/api/v1/auth/tokens', { name: '' }), 400);
    expectProblem(await as(t.app, user).post('/api/v1/auth/tokens', { name: 'x', scopes: ['admin'] }), 400);
    expectProblem(await as(t.app, user).post('/api/v1/auth/tokens', { name: 'x', expiresInDays: 0 }), 400);
  });
});
