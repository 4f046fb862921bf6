import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { operations, resolve } from './helpers/openapi.ts';

/** Text PostgreSQL cannot store (NUL) and text that is not text (a lone surrogate) never reach it. */
let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

/** A 400 problem of the unstorable-text type, with the field it names. */
const refused = (res: Parameters<typeof expectProblem>[0]) => {
  const body = expectProblem(res, 400);
  expect(body.type).toBe('/problems/unstorable-text');
  return body;
};

describe('text that cannot be stored', () => {
  it('is refused with 400 and the field’s path in every write body the document describes, changing nothing', async () => {
    const api = as(t.app, user);
    const { document, list } = await operations(t.app);
    let tried = 0;
    for (const op of list) {
      if (!op.requestSchema || !['post', 'put', 'patch'].includes(op.method)) continue;
      const schema = resolve(document, op.requestSchema);
      const field = Object.entries<any>(schema.properties ?? {}).find(([, p]) => {
        const s = resolve(document, p);
        return (
          [].concat(s.type ?? []).includes('string' as never) || s.anyOf?.some((v: any) => resolve(document, v).type === 'string')
        );
      })?.[0];
      if (!field) continue;
      const url = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const text of ['a\u0000b', 'broken \ud800 surrogate']) {
        const res = await t.app.inject({
          method: op.method.toUpperCase() as 'POST',
          url,
          payload: JSON.stringify({ [field]: text }),
          headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000', cookie: user.cookie },
        });
        if (res.statusCode === 401 || res.statusCode === 403) continue; // routes that ask for more than a session
        expect(refused(res).errors![0]!.path, `${op.method} ${op.path}`).toBe(field);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(40);
    expect((await api.get('/api/v1/todos')).json().items).toEqual([]);
    expect((await api.get('/api/v1/achievements')).json().items).toEqual([]);
  });

  it('is refused in queries and paths too, signed in or not', async () => {
    const api = as(t.app, user);
    refused(await api.get('/api/v1/search?q=%00'));
    refused(await api.get('/api/v1/todos?q=a%00b'));
    refused(await t.app.inject({ method: 'GET', url: '/api/v1/public/%00' }));
    refused(await t.app.inject({ method: 'GET', url: '/u/ab%00c' }));
    // Signed out, a private route still answers 401 first.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/todos?q=%00' })).statusCode).toBe(401);
  });

  it('leaves real text alone, emoji and Chinese included', async () => {
    const api = as(t.app, user);
    const res = await api.post('/api/v1/todos', { title: '学习中文 🚀 and 𠀀' });
    expect(res.statusCode).toBe(201);
    expect(res.json().title).toBe('学习中文 🚀 and 𠀀');
  });
});
