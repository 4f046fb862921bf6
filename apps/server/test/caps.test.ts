import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';

/** Every range and size is bounded: a request cannot make the server build an answer without limit. */
let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

const problemOf = (res: { statusCode: number; headers: Record<string, unknown> }) => ({
  status: res.statusCode,
  type: String(res.headers['content-type']).split(';')[0],
});
const BAD = { status: 400, type: 'application/problem+json' };

describe('date ranges of aggregates', () => {
  it('refuse more than 366 days, given or defaulted, before doing any work', async () => {
    const api = as(t.app, user);
    for (const url of [
      '/api/v1/ai/usage?from=1900-01-01&to=2200-12-31',
      '/api/v1/ai/usage?from=1900-01-01',
      '/api/v1/ai/usage?from=2026-01-01&to=2027-01-02',
      '/api/v1/ai/usage?from=2026-02-01&to=2026-01-01',
      '/api/v1/stats/activity?from=1900-01-01&to=2200-12-31',
      '/api/v1/stats/activity?from=1900-01-01',
    ]) {
      const started = performance.now();
      const res = await api.get(url);
      expect(problemOf(res), url).toEqual(BAD);
      expect(performance.now() - started).toBeLessThan(2000);
    }
    const year = await api.get('/api/v1/ai/usage?from=2026-01-01&to=2026-12-31');
    expect(year.statusCode).toBe(200);
    expect(year.json().days).toHaveLength(365);
  });
});

describe('dates the schemas let through', () => {
  it('are real days between 1900 and 2200 everywhere: year 0 and impossible days answer 400 and change nothing', async () => {
    const api = as(t.app, user);
    for (const dueOn of ['0000-01-01', '9999-12-30', '2021-02-30', '2020-19-39']) {
      expect(problemOf(await api.post('/api/v1/todos', { title: 'Due whenever', dueOn })), dueOn).toEqual(BAD);
    }
    expect(problemOf(await api.get('/api/v1/todos?status=done&completedFrom=0000-01-01'))).toEqual(BAD);
    expect(
      problemOf(
        await api.post('/api/v1/reports', { type: 'custom', periodStart: '0000-01-01', periodEnd: '0000-01-07', title: 'x' }),
      ),
    ).toEqual(BAD);
    expect(problemOf(await api.post('/api/v1/achievements', { title: 'Old', achievedOn: '0001-01-01' }))).toEqual(BAD);
    expect((await api.get('/api/v1/todos')).json().items).toEqual([]);
  });
});
