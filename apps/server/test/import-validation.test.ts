import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';

/** Files are checked whole before anything is upgraded or written: a broken one answers 400 and imports nothing. */
let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(async () => {
  await t?.close();
});

const nothingImported = async () => {
  const api = as(t.app, user);
  expect((await api.get('/api/v1/todos')).json().items).toEqual([]);
  expect((await api.get('/api/v1/reports')).json().items).toEqual([]);
  expect((await api.get('/api/v1/achievements')).json().items).toEqual([]);
};

describe('import of an export file', () => {
  it('checks a version-1 file before upgrading it', async () => {
    const api = as(t.app, user);
    for (const reports of ['x', {}, [null], [1], [['a']]]) {
      const res = await api.post('/api/v1/import', { formatVersion: 1, todos: [{ title: 'Kept?' }], reports });
      expectProblem(res, 400);
    }
    for (const focus of ['x', { a: 1 }]) {
      expect((await api.post('/api/v1/import', { formatVersion: 1, focus })).statusCode).toBe(400);
    }
    await nothingImported();
  });

  it('applies the API’s own limits: a report period longer than a report may be, or running backwards', async () => {
    const api = as(t.app, user);
    for (const [periodStart, periodEnd] of [
      ['2020-01-01', '2026-01-01'],
      ['2026-02-01', '2026-01-01'],
    ]) {
      const res = await api.post('/api/v1/import', {
        formatVersion: 2,
        todos: [{ id: '0192f4c8-7a1e-7b3c-9d2e-4f5a6b7c8d9e', title: 'Kept?' }],
        reports: [{ id: '0192f4c8-7a1e-7b3c-9d2e-4f5a6b7c8d9f', type: 'custom', periodStart, periodEnd }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'reports.0.periodEnd' })]);
    }
    await nothingImported();
  });
});

describe('import of a JSON Resume', () => {
  it('refuses dates no calendar has, naming each, and writes nothing', async () => {
    const api = as(t.app, user);
    const res = await api.post('/api/v1/import/json-resume', {
      resume: {
        basics: { name: 'Ada' },
        work: [
          { name: 'Ledger Co', position: 'Engineer', startDate: '2020-19-39' },
          { name: 'Other Co', position: 'Lead', startDate: '2021-02-30', endDate: '2022' },
        ],
      },
      take: ['displayName'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['work.0.startDate', 'work.1.startDate']);
    expect((await api.get('/api/v1/profile')).json().displayName).not.toBe('Ada');
    await nothingImported();
  });
});
