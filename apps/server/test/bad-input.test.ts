import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { badValuesFor, isUnbounded, operations, resolve } from './helpers/openapi.ts';
import { snapshotUser } from './helpers/snapshot.ts';
import { jobsSettled } from './helpers/jobs.ts';
import { JOB } from '../src/jobs/kinds.ts';
import { CAREER_SECTION_INFO, CAREER_SECTIONS } from '@career-anchor/contracts';

let t: TestApp;
let user: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
  const api = as(t.app, user);
  ids['/api/v1/plans'] = (await api.post('/api/v1/plans', { title: 'Plan' })).json().id;
  ids['/api/v1/todos'] = (await api.post('/api/v1/todos', { title: 'To-do' })).json().id;
  ids['/api/v1/achievements'] = (await api.post('/api/v1/achievements', { title: 'Achievement' })).json().id;
  ids['/api/v1/focus-items'] = (await api.post('/api/v1/focus-items', { title: 'Focus' })).json().id;
  ids['/api/v1/auth/tokens'] = (await api.post('/api/v1/auth/tokens', { name: 'Token' })).json().id;
  for (const section of CAREER_SECTIONS) {
    const path = `/api/v1${CAREER_SECTION_INFO[section].path}`;
    ids[path] = (await api.post(path, {})).json().id;
  }
  ids['/api/v1/reports'] = (
    await api.post('/api/v1/reports', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' })
  ).json().id;
  // A new achievement may queue a suggestion: let it finish, so the snapshot is of a resting account.
  await jobsSettled(t.ctx.database.db, JOB.suggestion);
});
afterAll(() => t.close());

describe('bad input on every write', () => {
  it('wrong types, unknown enum values and values past their limits answer 400 problem+json and change nothing', async () => {
    const { document, list } = await operations(t.app);
    const writes = list.filter((op) => op.requestSchema);
    expect(writes.length).toBeGreaterThan(12);
    const walked = writes.map((op) => `${op.method} ${op.path}`);
    for (const section of CAREER_SECTIONS) {
      const path = `/api/v1${CAREER_SECTION_INFO[section].path}`;
      expect(walked).toEqual(expect.arrayContaining([`post ${path}`, `patch ${path}/{id}`, `post ${path}/{id}/move`]));
    }
    const before = await snapshotUser(t.ctx.database.db, user.id);
    let probes = 0;
    for (const op of writes) {
      const collection = Object.keys(ids).find((prefix) => op.path.startsWith(`${prefix}/`));
      const url = op.path.replace('{id}', collection ? ids[collection]! : crypto.randomUUID()).replace('{kind}', 'todo');
      const body = resolve(document, op.requestSchema);
      for (const [field, schema] of Object.entries<any>(body.properties ?? {})) {
        expect(isUnbounded(document, schema), `${op.method.toUpperCase()} ${op.path} ${field} needs a maximum length`).toBe(
          false,
        );
        for (const value of badValuesFor(document, schema)) {
          const res = await t.app.inject({
            method: op.method.toUpperCase() as 'POST',
            url,
            headers: { cookie: user.cookie, origin: 'http://127.0.0.1:3000' },
            payload: { [field]: value },
          });
          const where = `${op.method.toUpperCase()} ${op.path} {${field}: ${JSON.stringify(value).slice(0, 40)}}`;
          expect(res.statusCode, `${where}: ${res.body}`).toBe(400);
          expect(res.headers['content-type'], where).toMatch(/problem\+json/);
          probes++;
        }
      }
      // A body that is not even an object.
      const res = await t.app.inject({
        method: op.method.toUpperCase() as 'POST',
        url,
        headers: { cookie: user.cookie, origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' },
        payload: '[1, 2, 3]',
      });
      expect(res.statusCode, `${op.method.toUpperCase()} ${op.path} with an array body`).toBe(400);
    }
    expect(probes).toBeGreaterThan(100);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});

describe('tampered cursors', () => {
  it('answer 400 problem+json on every paged list, in every sort order, instead of failing in the database', async () => {
    const { document } = await operations(t.app);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = [
      'nonsense',
      encode([1, 'not-an-id']),
      encode(['not a key', crypto.randomUUID()]),
      encode([{}, crypto.randomUUID()]),
      encode(['2026-02-30', crypto.randomUUID()]),
      encode(['2026-02-30T10:00:00.000Z', crypto.randomUUID()]),
    ];
    let lists = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      const parameters: { name: string; in: string; schema?: { enum?: string[] } }[] = methods.get?.parameters ?? [];
      if (!parameters.some((p) => p.name === 'cursor' && p.in === 'query')) continue;
      lists++;
      // Search needs words; each sort order has a cursor of its own kind of key.
      const base = parameters.some((p) => p.name === 'q') ? 'q=a&' : '';
      const sorts = parameters.find((p) => p.name === 'sort')?.schema?.enum ?? [];
      for (const query of [base, ...sorts.map((sort) => `${base}sort=${sort}&`)]) {
        for (const cursor of tampered) {
          const url = `${path.replace('{id}', crypto.randomUUID())}?${query}cursor=${cursor}`;
          const res = await as(t.app, user).get(url);
          expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
          expect(res.headers['content-type'], url).toMatch(/problem\+json/);
        }
      }
    }
    expect(lists).toBeGreaterThanOrEqual(9);
  });
});
