import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { snapshotUser } from './helpers/snapshot.ts';

let t: TestApp;
let now = new Date('2026-06-10T09:00:00Z'); // a Wednesday
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  const user = await signUp(t.app);
  return { user, api: as(t.app, user) };
}

const titles = (res: { json(): any }) => res.json().items.map((item: { title: string }) => item.title);

describe('to-dos', () => {
  it('creates with defaults, reads, updates and lists in the hand-made order, new ones last', async () => {
    const { api } = await newUser();
    const created = await api.post('/api/v1/todos', { title: '  Write the launch post  ' });
    expect(created.statusCode).toBe(201);
    const todo = created.json();
    expect(todo).toMatchObject({
      title: 'Write the launch post',
      notes: '',
      dueOn: null,
      priority: 'normal',
      important: false,
      planId: null,
      tags: [],
      status: 'open',
      completedAt: null,
      summary: '',
    });
    expect((await api.get(`/api/v1/todos/${todo.id}`)).json()).toEqual(todo);

    const patched = await api.patch(`/api/v1/todos/${todo.id}`, {
      priority: 'high',
      important: true,
      dueOn: '2026-06-12',
      tags: ['Launch', 'launch', 'writing'],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ priority: 'high', important: true, dueOn: '2026-06-12', tags: ['Launch', 'writing'] });

    await api.post('/api/v1/todos', { title: 'Second' });
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['Write the launch post', 'Second']);
    // Placed on request: first, or right after another.
    await api.post('/api/v1/todos', { title: 'Top', afterId: null });
    await api.post('/api/v1/todos', { title: 'Between', afterId: todo.id });
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['Top', 'Write the launch post', 'Between', 'Second']);
    expectProblem(await api.post('/api/v1/todos', { title: 'Nowhere', afterId: crypto.randomUUID() }), 404);
    expect(titles(await api.get('/api/v1/todos'))).not.toContain('Nowhere');
  });

  it('completes with a summary of what was done and how well, and reopens', async () => {
    const { api } = await newUser();
    const { id } = (await api.post('/api/v1/todos', { title: 'Ship v2' })).json();
    const done = await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Shipped on time; 0 incidents' });
    expect(done.json()).toMatchObject({
      status: 'done',
      completedAt: now.toISOString(),
      summary: 'Shipped on time; 0 incidents',
    });
    const again = await api.post(`/api/v1/todos/${id}/complete`, {});
    expect(again.json()).toMatchObject({ status: 'done', summary: 'Shipped on time; 0 incidents' });
    const reopened = await api.post(`/api/v1/todos/${id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null, summary: 'Shipped on time; 0 incidents' });
  });

  it('filters by status, plan, tag, text, importance, due date and completion dates', async () => {
    const { api } = await newUser();
    await api.put('/api/v1/profile', { timezone: 'Asia/Shanghai' }); // 17:00 on 2026-06-10 there
    const plan = (await api.post('/api/v1/plans', { title: 'Learn Go' })).json();
    const make = async (body: object) => (await api.post('/api/v1/todos', body)).json();
    const a = await make({ title: 'Read the Go tour', planId: plan.id, tags: ['go'] });
    await make({ title: 'Overdue thing', dueOn: '2026-06-09' });
    await make({ title: 'Due today', dueOn: '2026-06-10', important: true });
    await make({ title: 'Due next week', dueOn: '2026-06-20', notes: '100% of the 50_percent notes' });
    await api.post(`/api/v1/todos/${a.id}/complete`, { summary: 'Finished chapter one' });

    expect(titles(await api.get('/api/v1/todos?status=done'))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?status=open&sort=due'))).toEqual(['Overdue thing', 'Due today', 'Due next week']);
    expect(titles(await api.get(`/api/v1/todos?planId=${plan.id}`))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?tag=GO'))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?q=chapter'))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?q=GO%20TOUR'))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?q=100%25'))).toEqual(['Due next week']);
    expect(titles(await api.get('/api/v1/todos?q=50_'))).toEqual(['Due next week']);
    expect(titles(await api.get('/api/v1/todos?q=%25%25'))).toEqual([]);
    expect(titles(await api.get('/api/v1/todos?q=%5C'))).toEqual([]);
    expect(titles(await api.get('/api/v1/todos?important=true'))).toEqual(['Due today']);
    expect(titles(await api.get('/api/v1/todos?due=overdue'))).toEqual(['Overdue thing']);
    expect(titles(await api.get('/api/v1/todos?due=today'))).toEqual(['Due today']);
    expect(titles(await api.get('/api/v1/todos?due=week&sort=due'))).toEqual(['Due today']);
    expect(titles(await api.get('/api/v1/todos?due=none&status=open'))).toEqual([]);
    expect(titles(await api.get('/api/v1/todos?completedFrom=2026-06-10&completedTo=2026-06-10'))).toEqual(['Read the Go tour']);
    expect(titles(await api.get('/api/v1/todos?completedFrom=2026-06-11'))).toEqual([]);
    expect(titles(await api.get('/api/v1/todos?completedTo=2026-06-09'))).toEqual([]);
  });

  it('pages with a cursor and never repeats or skips', async () => {
    const { api } = await newUser();
    for (let i = 0; i < 7; i++) await api.post('/api/v1/todos', { title: `T${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(`/api/v1/todos?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...titles(res));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expectProblem(await api.get('/api/v1/todos?cursor=garbage'), 400);
    expectProblem(await api.get('/api/v1/todos?limit=201'), 400);
    expectProblem(await api.get('/api/v1/todos?limit=0'), 400);
  });

  it('moves a to-do after another or to the top, and survives many moves into one gap', async () => {
    const { api } = await newUser();
    const ids: Record<string, string> = {};
    for (const title of ['A', 'B', 'C']) ids[title] = (await api.post('/api/v1/todos', { title })).json().id;
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['A', 'B', 'C']);
    await api.post(`/api/v1/todos/${ids.A}/move`, { afterId: ids.C });
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['B', 'C', 'A']);
    await api.post(`/api/v1/todos/${ids.A}/move`, { afterId: null });
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['A', 'B', 'C']);
    // Alternate two to-dos into the same gap until the positions must be renumbered.
    for (let i = 0; i < 60; i++) await api.post(`/api/v1/todos/${i % 2 ? ids.C : ids.B}/move`, { afterId: ids.A });
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['A', 'C', 'B']);
    expectProblem(await api.post(`/api/v1/todos/${ids.A}/move`, { afterId: crypto.randomUUID() }), 404);
  });

  it('deletes to the trash, hides it everywhere, and restores it', async () => {
    const { api } = await newUser();
    const { id } = (await api.post('/api/v1/todos', { title: 'Oops' })).json();
    expect((await api.delete(`/api/v1/todos/${id}`)).statusCode).toBe(204);
    expectProblem(await api.get(`/api/v1/todos/${id}`), 404);
    expectProblem(await api.delete(`/api/v1/todos/${id}`), 404);
    expect(titles(await api.get('/api/v1/todos'))).toEqual([]);
    const trash = (await api.get('/api/v1/trash')).json().items;
    expect(trash).toMatchObject([{ kind: 'todo', id, title: 'Oops' }]);
    expect((await api.post(`/api/v1/trash/todo/${id}/restore`)).statusCode).toBe(204);
    expect(titles(await api.get('/api/v1/todos'))).toEqual(['Oops']);
    expectProblem(await api.post(`/api/v1/trash/todo/${id}/restore`), 404);
    expectProblem(await api.post(`/api/v1/trash/widget/${id}/restore`), 400);
  });

  it('pages the trash, newest deletion first, without losing or repeating items deleted at the same moment', async () => {
    const { api } = await newUser();
    const deleted: string[] = [];
    for (const [path, title] of [
      ['todos', 'One'],
      ['todos', 'Two'],
      ['plans', 'Three'],
      ['achievements', 'Four'],
      ['todos', 'Five'],
    ] as const) {
      const { id } = (await api.post(`/api/v1/${path}`, { title })).json();
      // The test clock stands still, so all five share one deletion time.
      expect((await api.delete(`/api/v1/${path}/${id}`)).statusCode).toBe(204);
      deleted.push(id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api.get(`/api/v1/trash?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...deleted].sort().reverse());

    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of ['nonsense', encode(['yesterday', deleted[0]]), encode(['2026-01-01T00:00:00.000000Z', 'not-an-id'])]) {
      expectProblem(await api.get(`/api/v1/trash?cursor=${bad}`), 400);
    }
  });

  it('purges what has been in the trash for 30 days, tags included', async () => {
    const { user, api } = await newUser();
    const { id } = (await api.post('/api/v1/todos', { title: 'Old', tags: ['gone'] })).json();
    await api.delete(`/api/v1/todos/${id}`);
    const before = now;
    now = new Date(now.getTime() + 31 * 86_400_000);
    try {
      await t.ctx.services.trash.purge();
    } finally {
      now = before;
    }
    expect((await api.get('/api/v1/trash')).json().items).toEqual([]);
    const snapshot = await snapshotUser(t.ctx.database.db, user.id);
    expect(JSON.parse(snapshot.todos!)).toEqual([]);
    expect(JSON.parse(snapshot.taggings!)).toEqual([]);
  });
});

describe('bad to-do input changes nothing', () => {
  let user: TestUser;
  let api: ReturnType<typeof as>;
  let todoId: string;
  beforeAll(async () => {
    ({ user, api } = await newUser());
    todoId = (await api.post('/api/v1/todos', { title: 'Keep me' })).json().id;
  });

  const cases: [string, object][] = [
    ['wrong types', { title: 42, important: 'yes' }],
    ['unknown priority', { title: 'x', priority: 'urgent' }],
    ['over-long title', { title: 'x'.repeat(501) }],
    ['empty title', { title: '   ' }],
    ['bad date', { title: 'x', dueOn: '2026-02-30' }],
    ['too many tags', { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['over-long tag', { title: 'x', tags: ['x'.repeat(41)] }],
  ];
  for (const [name, body] of cases) {
    it(`create: ${name} → 400`, async () => {
      const before = await snapshotUser(t.ctx.database.db, user.id);
      expectProblem(await api.post('/api/v1/todos', body), 400);
      expectProblem(await api.patch(`/api/v1/todos/${todoId}`, body), 400);
      expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
    });
  }

  it('a planId that does not exist, or is another user’s, answers 404 and changes nothing', async () => {
    const other = await signUp(t.app);
    const theirPlan = (await as(t.app, other).post('/api/v1/plans', { title: 'Theirs' })).json();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    for (const planId of [theirPlan.id, crypto.randomUUID(), 'not-an-id']) {
      expectProblem(await api.post('/api/v1/todos', { title: 'x', planId }), 404);
      expectProblem(await api.patch(`/api/v1/todos/${todoId}`, { planId }), 404);
    }
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
    expect((await as(t.app, other).get(`/api/v1/plans/${theirPlan.id}`)).json().todoCounts.total).toBe(0);
  });

  it('a summary over 5,000 characters is refused on completion', async () => {
    expectProblem(await api.post(`/api/v1/todos/${todoId}/complete`, { summary: 'x'.repeat(5001) }), 400);
    expect((await api.get(`/api/v1/todos/${todoId}`)).json().status).toBe('open');
  });
});
