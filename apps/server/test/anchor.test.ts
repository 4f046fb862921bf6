import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Overview } from '@career-anchor/contracts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { snapshotUser } from './helpers/snapshot.ts';

let t: TestApp;
let now = new Date('2026-06-10T09:00:00Z'); // Wednesday
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  const user = await signUp(t.app, { displayName: 'Mei' });
  return { user, api: as(t.app, user) };
}

describe('plans', () => {
  it('derive progress from linked to-dos, accept a manual override, and go back to derived', async () => {
    const { api } = await newUser();
    const plan = (
      await api.post('/api/v1/plans', { title: 'Run a marathon', targetDate: '2026-10-01', tags: ['health'] })
    ).json();
    expect(plan).toMatchObject({
      progress: 0,
      progressOverride: null,
      todoCounts: { total: 0, done: 0 },
      status: 'planned',
      tags: ['health'],
    });
    const ids = [];
    for (const title of ['10 km', '21 km', '30 km'])
      ids.push((await api.post('/api/v1/todos', { title, planId: plan.id })).json().id);
    await api.post(`/api/v1/todos/${ids[0]}/complete`, { summary: '58 minutes' });
    expect((await api.get(`/api/v1/plans/${plan.id}`)).json()).toMatchObject({ progress: 33, todoCounts: { total: 3, done: 1 } });

    const overridden = (await api.patch(`/api/v1/plans/${plan.id}`, { progressOverride: 80, status: 'in_progress' })).json();
    expect(overridden).toMatchObject({ progress: 80, progressOverride: 80, status: 'in_progress' });
    const derived = (await api.patch(`/api/v1/plans/${plan.id}`, { progressOverride: null })).json();
    expect(derived).toMatchObject({ progress: 33, progressOverride: null });

    // Trashed to-dos no longer count; unlinking does not either.
    await api.delete(`/api/v1/todos/${ids[1]}`);
    await api.patch(`/api/v1/todos/${ids[2]}`, { planId: null });
    expect((await api.get(`/api/v1/plans/${plan.id}`)).json()).toMatchObject({
      progress: 100,
      todoCounts: { total: 1, done: 1 },
    });
  });

  it('start when a linked to-do is finished, unless the person set the status by hand', async () => {
    const { api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Write a book' })).json();
    const todo = async (title: string) => (await api.post('/api/v1/todos', { title, planId: plan.id })).json().id;
    const [outline, chapter, edit] = [await todo('Outline'), await todo('Chapter 1'), await todo('Edit')];
    const status = async () => (await api.get(`/api/v1/plans/${plan.id}`)).json().status;
    expect(await status()).toBe('planned');

    await api.post(`/api/v1/todos/${outline}/complete`, {});
    expect(await status()).toBe('in_progress');

    expect((await api.patch(`/api/v1/plans/${plan.id}`, { status: 'planned' })).json().status).toBe('planned');
    await api.post(`/api/v1/todos/${chapter}/complete`, {});
    expect(await status()).toBe('planned');
    // Other changes to the plan leave the person's choice standing.
    await api.patch(`/api/v1/plans/${plan.id}`, { title: 'Write a novel' });
    await api.post(`/api/v1/todos/${edit}/complete`, {});
    expect(await status()).toBe('planned');
  });

  it('list with status, tag and text filters', async () => {
    const { api } = await newUser();
    await api.post('/api/v1/plans', { title: 'Learn Rust', status: 'in_progress', tags: ['code'] });
    await api.post('/api/v1/plans', { title: 'Move to Lisbon', description: 'Portugal, 2027' });
    const titles = async (query: string) =>
      (await api.get(`/api/v1/plans${query}`)).json().items.map((p: { title: string }) => p.title);
    expect(await titles('')).toEqual(['Learn Rust', 'Move to Lisbon']);
    expect(await titles('?status=in_progress')).toEqual(['Learn Rust']);
    expect(await titles('?tag=Code')).toEqual(['Learn Rust']);
    expect(await titles('?q=portugal')).toEqual(['Move to Lisbon']);
    expectProblem(await api.get('/api/v1/plans?status=someday'), 400);
  });

  it('refuse bad input and change nothing', async () => {
    const { user, api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Keep' })).json();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    for (const body of [
      { title: '' },
      { status: 'maybe' },
      { progressOverride: 101 },
      { progressOverride: 2.5 },
      { targetDate: 'tomorrow' },
      { description: 'x'.repeat(5001) },
    ]) {
      expectProblem(await api.patch(`/api/v1/plans/${plan.id}`, body), 400);
    }
    expectProblem(await api.post('/api/v1/plans', { description: 'no title' }), 400);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});

describe('achievements and focus items', () => {
  it('keep quantifiable results, skills, date, visibility and source', async () => {
    const { api } = await newUser();
    const created = await api.post('/api/v1/achievements', {
      title: 'Cut CI time',
      description: 'Parallelised the pipeline',
      quantifiableResults: 'From 40 to 12 minutes (−70%)',
      skills: ['CI', 'Bash'],
      achievedOn: '2026-05-01',
      tags: ['infra'],
      isPublic: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      source: 'manual',
      skills: ['CI', 'Bash'],
      achievedOn: '2026-05-01',
      isPublic: true,
      tags: ['infra'],
    });
    await api.post('/api/v1/achievements', { title: 'Undated talk', source: 'import' });
    await api.post('/api/v1/achievements', { title: 'Earlier win', achievedOn: '2025-01-01' });
    const list = (await api.get('/api/v1/achievements')).json().items.map((a: { title: string }) => a.title);
    expect(list).toEqual(['Cut CI time', 'Earlier win', 'Undated talk']);
    expect((await api.get('/api/v1/achievements?q=minutes')).json().items).toHaveLength(1);
    expectProblem(await api.post('/api/v1/achievements', { title: 'x', source: 'magic' }), 400);
    expectProblem(await api.post('/api/v1/achievements', { title: 'x', skills: ['x'.repeat(61)] }), 400);
  });

  it('focus items have a status and a progress from 0 to 100', async () => {
    const { api } = await newUser();
    const item = (await api.post('/api/v1/focus-items', { title: 'Mentoring two juniors' })).json();
    expect(item).toMatchObject({ status: 'active', progress: 0 });
    expect((await api.patch(`/api/v1/focus-items/${item.id}`, { progress: 45, status: 'paused' })).json()).toMatchObject({
      progress: 45,
      status: 'paused',
    });
    expectProblem(await api.patch(`/api/v1/focus-items/${item.id}`, { progress: 140 }), 400);
    expectProblem(await api.patch(`/api/v1/focus-items/${item.id}`, { status: 'sleeping' }), 400);
    await api.post('/api/v1/focus-items', { title: 'Second' });
    expect((await api.get('/api/v1/focus-items?status=paused')).json().items.map((f: { title: string }) => f.title)).toEqual([
      'Mentoring two juniors',
    ]);
  });
});

describe('profile', () => {
  it('reads and changes fields, keeping the rest', async () => {
    const { api } = await newUser();
    const initial = (await api.get('/api/v1/profile')).json();
    expect(initial).toMatchObject({
      displayName: 'Mei',
      handle: null,
      isPublic: false,
      locale: 'en',
      timezone: 'UTC',
      links: [],
    });
    const updated = await api.put('/api/v1/profile', {
      headline: 'Staff engineer',
      links: [{ label: 'GitHub', url: 'https://github.com/mei' }],
      handle: 'Mei-Lin',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      displayName: '美',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      headline: 'Staff engineer',
      handle: 'mei-lin',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      displayName: '美',
      summary: '',
    });
    expect((await api.get('/api/v1/auth/me')).json()).toMatchObject({ displayName: '美', locale: 'zh-CN' });
  });

  it('checks the handle: unique ignoring case, well-formed, not reserved', async () => {
    const first = await newUser();
    const second = await newUser();
    expect((await first.api.put('/api/v1/profile', { handle: 'ada' })).statusCode).toBe(200);
    expectProblem(await second.api.put('/api/v1/profile', { handle: 'ADA' }), 409);
    for (const handle of ['ab', 'a'.repeat(31), 'has space', '-dash', 'dash-', 'admin', 'api', 'settings', 'ü-ber']) {
      expectProblem(await second.api.put('/api/v1/profile', { handle }), 400);
    }
    expect((await first.api.put('/api/v1/profile', { handle: 'ada' })).statusCode).toBe(200);
    expect((await second.api.put('/api/v1/profile', { handle: 'ada-2' })).json().handle).toBe('ada-2');
  });

  it('refuses unknown time zones, locales and non-web links', async () => {
    const { user, api } = await newUser();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    expectProblem(await api.put('/api/v1/profile', { timezone: 'Mars/Olympus' }), 400);
    expectProblem(await api.put('/api/v1/profile', { locale: 'fr' }), 400);
    expectProblem(await api.put('/api/v1/profile', { links: [{ label: 'x', url: 'javascript:alert(1)' }] }), 400);
    expectProblem(await api.put('/api/v1/profile', { avatarUrl: 'ftp://x' }), 400);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});

describe('overview', () => {
  it('returns everything the anchor page needs, with counts in the user’s time zone', async () => {
    const { api } = await newUser();
    await api.put('/api/v1/profile', { timezone: 'America/Los_Angeles', headline: 'PM' }); // 02:00 on 2026-06-10 there
    const plan = (await api.post('/api/v1/plans', { title: 'Launch' })).json();
    await api.post('/api/v1/focus-items', { title: 'Hiring' });
    for (let i = 0; i < 8; i++) await api.post('/api/v1/achievements', { title: `A${i}`, achievedOn: `2026-0${(i % 5) + 1}-01` });
    await api.post('/api/v1/todos', { title: 'Due today', dueOn: '2026-06-10', planId: plan.id });
    await api.post('/api/v1/todos', { title: 'Overdue', dueOn: '2026-06-09' });
    await api.post('/api/v1/todos', { title: 'Later', important: true });
    const done = (await api.post('/api/v1/todos', { title: 'Done Monday', planId: plan.id })).json();
    now = new Date('2026-06-08T16:00:00Z'); // Monday morning in Los Angeles
    await api.post(`/api/v1/todos/${done.id}/complete`, {});
    const old = (await api.post('/api/v1/todos', { title: 'Done last Sunday' })).json();
    now = new Date('2026-06-08T06:00:00Z'); // still Sunday in Los Angeles
    await api.post(`/api/v1/todos/${old.id}/complete`, {});
    now = new Date('2026-06-10T09:00:00Z');

    const res = await api.get('/api/v1/overview');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const overview = res.json();
    // The database writes this JSON and the server sends it as it is: it must be exactly the contract's shape.
    expect(Overview.strict().parse(overview)).toEqual(overview);
    expect(overview.profile).toMatchObject({ displayName: 'Mei', headline: 'PM' });
    expect(overview.achievements).toHaveLength(6);
    expect(overview.achievementCount).toBe(8);
    expect(overview.focusItems.map((f: { title: string }) => f.title)).toEqual(['Hiring']);
    expect(overview.plans).toMatchObject([{ title: 'Launch', progress: 50, todoCounts: { total: 2, done: 1 } }]);
    expect(overview.todos).toMatchObject({ open: 3, dueToday: 1, overdue: 1, doneThisWeek: 1 });
    expect(overview.todos.next.map((todo: { title: string }) => todo.title)).toEqual(['Overdue', 'Due today', 'Later']);
  });
});
