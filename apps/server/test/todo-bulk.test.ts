import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';

let t: TestApp;
const now = new Date('2026-06-10T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

type Api = ReturnType<typeof as>;

async function newUser() {
  const user = await signUp(t.app);
  return { user, api: as(t.app, user) };
}

async function make(api: Api, body: object) {
  const res = await api.post('/api/v1/todos', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const bulk = (api: Api, body: object) => api.post('/api/v1/todos/bulk', body);
const everything = async (api: Api) => (await api.get('/api/v1/todos?limit=200')).json().items;

/** Waits until every queued job of the user has finished, then lists their pending suggestions. */
async function settledSuggestions(userId: string, api: Api) {
  await waitFor(async () => {
    const open = await t.ctx.database.db.query.jobRuns.findMany({
      where: (j, { and, eq, inArray }) => and(eq(j.userId, userId), inArray(j.status, ['queued', 'running', 'retrying'])),
    });
    return open.length === 0 ? true : undefined;
  });
  return (await api.get('/api/v1/suggestions?status=pending')).json().items;
}

describe('bulk actions on to-dos', () => {
  it('completes several in one go through the single completion rule: suggestions, plans and next occurrences', async () => {
    const { user, api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Launch' })).json();
    const important = await make(api, { title: 'Sign the partnership with Acme', important: true });
    const planned = await make(api, { title: 'Write the announcement', planId: plan.id });
    const daily = await make(api, { title: 'Inbox zero', dueOn: '2026-06-10', recurrence: 'FREQ=DAILY' });

    const res = await bulk(api, { ids: [daily.id, important.id, planned.id], action: 'complete' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((item: any) => [item.id, item.status])).toEqual([
      [daily.id, 'done'],
      [important.id, 'done'],
      [planned.id, 'done'],
    ]);
    const suggestions = await settledSuggestions(user.id, api);
    expect(suggestions.map((s: any) => s.trigger)).toEqual([{ kind: 'todo_completed', id: important.id }]);
    expect((await api.get(`/api/v1/plans/${plan.id}`)).json()).toMatchObject({ status: 'in_progress', progress: 100 });
    const next = (await everything(api)).filter((item: any) => item.seriesId === daily.id && item.status === 'open');
    expect(next.map((item: any) => item.dueOn)).toEqual(['2026-06-11']);

    // Undo is another bulk call: reopen them.
    const reopened = await bulk(api, { ids: [daily.id, important.id, planned.id], action: 'reopen' });
    expect(reopened.json().items.map((item: any) => item.status)).toEqual(['open', 'open', 'open']);
    expect((await api.get(`/api/v1/plans/${plan.id}`)).json().progress).toBe(0);
  });

  it('updates dates, priority, importance, plan and tags of each, and deletes and restores several', async () => {
    const { api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Q3' })).json();
    const a = await make(api, { title: 'A', tags: ['work', 'Urgent'] });
    const b = await make(api, { title: 'B', dueOn: '2026-06-01', dueTime: '10:00' });
    const ids = [a.id, b.id];
    const res = await bulk(api, {
      ids,
      action: 'update',
      changes: {
        dueOn: '2026-06-12',
        priority: 'high',
        important: true,
        planId: plan.id,
        addTags: ['q3', 'WORK'],
        removeTags: ['urgent'],
      },
    });
    expect(res.statusCode).toBe(200);
    // A tag the user has keeps its spelling.
    expect(res.json().items).toMatchObject([
      {
        title: 'A',
        dueOn: '2026-06-12',
        dueTime: null,
        priority: 'high',
        important: true,
        planId: plan.id,
        tags: ['q3', 'work'],
      },
      {
        title: 'B',
        dueOn: '2026-06-12',
        dueTime: '10:00',
        priority: 'high',
        important: true,
        planId: plan.id,
        tags: ['q3', 'work'],
      },
    ]);
    // Taking the date away takes the time with it.
    const undated = await bulk(api, { ids, action: 'update', changes: { dueOn: null } });
    expect(undated.json().items.map((item: any) => [item.dueOn, item.dueTime])).toEqual([
      [null, null],
      [null, null],
    ]);

    expect((await bulk(api, { ids, action: 'delete' })).statusCode).toBe(200);
    expect(await everything(api)).toEqual([]);
    const trash = (await api.get('/api/v1/trash')).json().items;
    expect(trash.map((item: any) => item.id).sort()).toEqual([...ids].sort());
    const restored = await bulk(api, { ids, action: 'restore' });
    expect(restored.statusCode).toBe(200);
    expect((await everything(api)).map((item: any) => item.title)).toEqual(['A', 'B']);
    // Restoring what is not in the trash is "not found", and nothing changes.
    expectProblem(await bulk(api, { ids, action: 'restore' }), 404);
  });

  it('one id that is not the user’s, or not there, answers 404 and changes nothing', async () => {
    const { api } = await newUser();
    const other = await newUser();
    const theirs = await make(other.api, { title: 'Theirs' });
    const mine = await make(api, { title: 'Mine' });
    const gone = await make(api, { title: 'Gone' });
    await api.delete(`/api/v1/todos/${gone.id}`);
    for (const stranger of [theirs.id, gone.id, crypto.randomUUID()]) {
      for (const action of ['complete', 'delete']) {
        expectProblem(await bulk(api, { ids: [mine.id, stranger], action }), 404);
      }
      expectProblem(
        await bulk(api, { ids: [mine.id, stranger], action: 'update', changes: { priority: 'high', addTags: ['x'] } }),
        404,
      );
    }
    expect(await everything(api)).toMatchObject([{ title: 'Mine', status: 'open', priority: 'normal', tags: [] }]);
    expect((await other.api.get(`/api/v1/todos/${theirs.id}`)).json()).toMatchObject({ status: 'open' });
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { api } = await newUser();
    const undated = await make(api, { title: 'Undated' });
    const recurring = await make(api, { title: 'Daily', dueOn: '2026-06-10', recurrence: 'FREQ=DAILY' });
    const ids = Array.from({ length: 501 }, () => crypto.randomUUID());
    for (const body of [
      { ids, action: 'complete' },
      { ids: [], action: 'complete' },
      { ids: [undated.id], action: 'archive' },
      { ids: [undated.id], action: 'update' },
      { ids: [undated.id], action: 'update', changes: { priority: 'urgent' } },
      { ids: [undated.id], action: 'update', changes: { addTags: ['x'.repeat(41)] } },
    ]) {
      expectProblem(await bulk(api, body), 400);
    }
    // Rules that hold per to-do: a time needs a date, a recurring one keeps its date.
    const timed = await bulk(api, { ids: [undated.id], action: 'update', changes: { dueTime: '09:00', priority: 'high' } });
    expectProblem(timed, 400);
    expect(timed.json().errors).toEqual([expect.objectContaining({ path: 'changes.dueTime' })]);
    expectProblem(
      await bulk(api, { ids: [undated.id, recurring.id], action: 'update', changes: { dueOn: null, priority: 'high' } }),
      400,
    );
    expect((await everything(api)).map((item: any) => [item.priority, item.dueOn])).toEqual([
      ['normal', null],
      ['normal', '2026-06-10'],
    ]);
  });

  it('a bulk action is one write: the cached list shows all of it at once', async () => {
    const { user, api } = await newUser();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await make(api, { title: `T${i}` })).id);
    expect((await everything(api)).every((item: any) => item.status === 'open')).toBe(true);
    const version = async () =>
      (await t.ctx.database.db.query.dataVersions.findFirst({ where: (v, { eq }) => eq(v.userId, user.id) }))!.version;
    const before = await version();
    await bulk(api, { ids, action: 'complete' });
    const after = await version();
    expect(after).not.toBe(before);
    expect((await everything(api)).map((item: any) => item.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });
});
