import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_JSON, readCommitted, renderOpenApi } from '../scripts/openapi-document.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { createTestDatabase } from './helpers/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('answers /healthz and /readyz with {status: ok}', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    }
  });

  it('tags every answer with a request id, keeping a sane one the client sent', async () => {
    const own = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const hostile = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a\nb "c"' } });
    expect(hostile.headers['x-request-id']).not.toContain('"');
  });
});

describe('response headers', () => {
  it('forbid storing API answers and carry the security headers, signed in or not, from the read cache or not', async () => {
    const api = as(t.app, await signUp(t.app));
    const answers = [
      await api.get('/api/v1/overview'),
      await api.get('/api/v1/overview'),
      await api.get('/api/v1/nope'),
      await as(t.app, null).get('/api/v1/overview'),
    ];
    expect(answers[1]!.headers['cache-status']).toContain('hit');
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
      });
      // HSTS only when the public address is https.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('problem details', () => {
  it('answers unknown API routes with 404 problem+json (401 first when signed out)', async () => {
    const user = await signUp(t.app);
    expectProblem(await as(t.app, user).get('/api/v1/nothing-here'), 404);
    expectProblem(await as(t.app, user).post('/api/v1/nothing-here', {}), 404);
    expectProblem(await as(t.app, null).get('/api/v1/nothing-here'), 401);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    expectProblem(res, 415);
  });

  it('answers 413 for an oversized body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expectProblem(res, 413);
  });

  it('turns an unexpected error into a 500 that shows no internals, and /readyz into 503', async () => {
    const doomed = await createTestApp();
    try {
      await doomed.ctx.queue.stop();
      await doomed.ctx.database.close(); // the database goes away under a running server
      const broken = await doomed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@b.co', password: 'whatever' },
      });
      const problem = expectProblem(broken, 500);
      expect(problem.detail).toMatch(/request id/);
      expect(broken.body).not.toMatch(/at \w+ \(|\.ts:|pglite|closed|stack/i);
      expectProblem(await doomed.app.inject({ method: 'GET', url: '/readyz' }), 503);
    } finally {
      await doomed.close().catch(() => {});
    }
  });
});

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json, with a readable page at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('describes every route with its request and response schemas', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const success = Object.entries(operation.responses).find(([code]) => /^[23]/.test(code));
      expect(success, `${where} has a success response`).toBeDefined();
      const [code, response] = success as [string, any];
      if (code !== '204' && !code.startsWith('3')) {
        const media = Object.values<any>(response.content ?? {});
        expect(media[0]?.schema, `${where} response schema`).toBeDefined();
      }
      expect(
        operation.responses['4XX']?.content?.['application/problem+json']?.schema,
        `${where} documents its problems`,
      ).toEqual({
        $ref: '#/components/schemas/Problem',
      });
      expect(operation.responses['5XX']?.content?.['application/problem+json']?.schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
      expect(operation.operationId, `${where} has an operationId`).toMatch(/^[a-z][A-Za-z]+$/);
      // Writes carry a body, except actions that need nothing but the path.
      if (
        ['post', 'put', 'patch'].includes(method) &&
        !/\/(logout|reopen|restore|reject|read|read-all|revoke-others|setup|verification|registration-options|authentication-options|undo|skip|rotate|deny)$/.test(
          path,
        )
      ) {
        // JSON, or the one kind of file a route takes whole (a LinkedIn archive is a zip).
        const content = operation.requestBody?.content ?? {};
        const body = content['application/json'] ?? content['application/zip'];
        expect(body?.schema, `${where} request schema`).toBeDefined();
      }
      if (path.includes('{id}')) expect(operation.parameters?.some((p: any) => p.name === 'id' && p.in === 'path')).toBe(true);
    }
  });

  it('matches the committed openapi/openapi.json (run `npm run openapi` after changing routes)', async () => {
    // On a copy of the migrated database, as every test file starts: migrating one from nothing took seconds.
    const database = await createTestDatabase();
    try {
      expect(await renderOpenApi(database.options)).toBe(readCommitted(OPENAPI_JSON));
    } finally {
      await database.drop();
    }
  });
});
