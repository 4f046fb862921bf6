import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { JOB } from '../src/jobs/kinds.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('reordering', () => {
  it('keeps every to-do in its own place when 30 moves arrive at once', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await api.post('/api/v1/todos', { title: `Task ${i}` })).json().id);
    // Everyone moves after the same to-do at once: without serialising, they read the same
    // neighbours and land on the same position.
    const anchor = ids[0]!;
    const moves = await Promise.all(ids.slice(1).map((id) => api.post(`/api/v1/todos/${id}/move`, { afterId: anchor })));
    expect(moves.map((res) => res.statusCode)).toEqual(new Array(29).fill(200));
    const list = (await api.get('/api/v1/todos?limit=200')).json().items as { id: string; position: number }[];
    expect(list).toHaveLength(30);
    expect(new Set(list.map((todo) => todo.position)).size).toBe(30);
    expect(new Set(list.map((todo) => todo.id))).toEqual(new Set(ids));
    // A second round, each after a different to-do, keeps them all apart too.
    await Promise.all(ids.slice(1).map((id, i) => api.post(`/api/v1/todos/${id}/move`, { afterId: ids[(i + 7) % 30] })));
    const again = (await api.get('/api/v1/todos?limit=200')).json().items as { position: number }[];
    expect(new Set(again.map((todo) => todo.position)).size).toBe(30);
  });
});

describe('completing', () => {
  it('asks for one suggestion and counts the to-do once when the same to-do is completed ten times at once', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const plan = (await api.post('/api/v1/plans', { title: 'Ship it' })).json();
    const todo = (await api.post('/api/v1/todos', { title: 'The important one', important: true, planId: plan.id })).json();
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.post(`/api/v1/todos/${todo.id}/complete`, {})));
    expect(answers.map((res) => res.statusCode)).toEqual(new Array(10).fill(200));
    const jobs = await queryRows<{ n: number }>(
      t.ctx.database.db,
      sql`select count(*)::int as n from job_runs where user_id = ${user.id} and kind = ${JOB.suggestion}`,
    );
    expect(jobs[0]!.n).toBe(1);
    const after = (await api.get(`/api/v1/plans/${plan.id}`)).json();
    expect(after).toMatchObject({ status: 'in_progress', progress: 100, todoCounts: { total: 1, done: 1 } });
  });
});
