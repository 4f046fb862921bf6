import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
// 23:59 on Wednesday 10 June in Shanghai (UTC+8); the tests move it across midnight.
let now = new Date('2026-06-10T15:59:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

type Api = ReturnType<typeof as>;
const titles = (res: { json(): any }) => res.json().items.map((item: { title: string }) => item.title);

/** Every page of a list, `limit` at a time. */
async function allPages(api: Api, query: string, limit = 2): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await api.get(`/api/v1/todos?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    seen.push(...titles(res));
    cursor = res.json().nextCursor;
  } while (cursor);
  return seen;
}

async function userInShanghai() {
  const api = as(t.app, await signUp(t.app));
  await api.put('/api/v1/profile', { timezone: 'Asia/Shanghai' });
  const make = async (body: object) => {
    const res = await api.post('/api/v1/todos', body);
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  return { api, make };
}

describe('to-do views on the user’s calendar', () => {
  it('today, upcoming, overdue, inbox and all move with the user’s midnight, not UTC’s', async () => {
    now = new Date('2026-06-10T15:59:00Z');
    const { api, make } = await userInShanghai();
    await make({ title: 'Yesterday', dueOn: '2026-06-09' });
    await make({ title: 'Today all day', dueOn: '2026-06-10' });
    await make({ title: 'Today 09:00', dueOn: '2026-06-10', dueTime: '09:00' });
    await make({ title: 'Tomorrow', dueOn: '2026-06-11' });
    await make({ title: 'In 7 days', dueOn: '2026-06-17' });
    await make({ title: 'In 8 days', dueOn: '2026-06-18' });
    await make({ title: 'Someday' });
    const done = await make({ title: 'Done today', dueOn: '2026-06-10' });
    await api.post(`/api/v1/todos/${done.id}/complete`, {});

    // 23:59 in Shanghai: still the 10th. Dated views list soonest first, timed before all-day.
    expect(titles(await api.get('/api/v1/todos?view=today'))).toEqual(['Yesterday', 'Today 09:00', 'Today all day']);
    expect(titles(await api.get('/api/v1/todos?view=overdue'))).toEqual(['Yesterday']);
    expect(titles(await api.get('/api/v1/todos?view=upcoming'))).toEqual(['Tomorrow', 'In 7 days']);
    expect(titles(await api.get('/api/v1/todos?view=inbox'))).toEqual(['Someday']);
    expect(await allPages(api, 'view=all')).toHaveLength(8);

    // Two minutes later it is the 11th there (still the 10th in UTC).
    now = new Date('2026-06-10T16:01:00Z');
    expect(titles(await api.get('/api/v1/todos?view=today'))).toEqual(['Yesterday', 'Today 09:00', 'Today all day', 'Tomorrow']);
    expect(titles(await api.get('/api/v1/todos?view=overdue'))).toEqual(['Yesterday', 'Today 09:00', 'Today all day']);
    expect(titles(await api.get('/api/v1/todos?view=upcoming'))).toEqual(['In 7 days', 'In 8 days']);
    // The view combines with the other filters.
    expect(titles(await api.get('/api/v1/todos?view=today&q=today'))).toEqual(['Today 09:00', 'Today all day']);
  });

  it('sorts by due, priority, created, plan and hand order, every page of each in the same order as one page', async () => {
    now = new Date('2026-06-10T04:00:00Z');
    const { api, make } = await userInShanghai();
    const zebra = (await api.post('/api/v1/plans', { title: 'Zebra plan' })).json();
    const apple = (await api.post('/api/v1/plans', { title: 'apple plan' })).json();
    const tick = () => (now = new Date(now.getTime() + 60_000));
    await make({ title: 'A', dueOn: '2026-06-12', priority: 'low', planId: zebra.id });
    tick();
    await make({ title: 'B', priority: 'high' });
    tick();
    await make({ title: 'C', dueOn: '2026-06-11', dueTime: '18:30', priority: 'high', planId: apple.id });
    tick();
    await make({ title: 'D', dueOn: '2026-06-11', dueTime: '08:05', planId: zebra.id });
    tick();
    await make({ title: 'E', dueOn: '2026-06-11', priority: 'high', planId: apple.id });

    const orders: Record<string, string[]> = {
      manual: ['A', 'B', 'C', 'D', 'E'],
      due: ['D', 'C', 'E', 'A', 'B'],
      priority: ['C', 'E', 'B', 'D', 'A'],
      created: ['E', 'D', 'C', 'B', 'A'],
      // Plan titles ignoring case; within a plan the hand-made order; no plan last.
      plan: ['C', 'E', 'A', 'D', 'B'],
    };
    for (const [sort, expected] of Object.entries(orders)) {
      expect(titles(await api.get(`/api/v1/todos?sort=${sort}`)), sort).toEqual(expected);
      expect(await allPages(api, `sort=${sort}`), `${sort}, paged`).toEqual(expected);
    }
    expect(await allPages(api, 'view=all&sort=plan', 1)).toEqual(orders.plan);
    expectProblem(await api.get('/api/v1/todos?sort=random'), 400);
    expectProblem(await api.get('/api/v1/todos?view=someday'), 400);
  });
});
