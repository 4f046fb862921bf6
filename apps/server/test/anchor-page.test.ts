import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';

// The anchor page (GET /overview) is kept in `anchor_pages` for the data version and the user's
// day it was written for, and answered from there while both hold; each signed-in change writes
// it anew before its answer goes out. It must never answer anything out of date: a change made
// without a request, a new day and a new time zone all show on the next read. The read cache is
// off here, so every answer comes from the kept page or the computation.

let now = new Date('2026-03-10T09:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { READ_CACHE_MB: '0' }, clock: { now: () => now } });
});
afterAll(() => t.close());

type KeptRow = { version: string; current: string; day: string; timezone: string; page: string };

/** The kept page of a user, with the data version it holds for and the user's current one. */
async function keptPage(userId: string): Promise<KeptRow | undefined> {
  const [row] = await queryRows<KeptRow>(
    t.ctx.database.db,
    sql`select a.version::text as version, v.version::text as current, a.day::text as day, a.timezone, a.page
        from anchor_pages a join data_versions v on v.user_id = a.user_id where a.user_id = ${userId}`,
  );
  return row;
}

/** Puts a marker in place of the kept page: an answer holding it came from the kept row. */
async function markKeptPage(userId: string) {
  await t.ctx.database.db.execute(sql`update anchor_pages set page = '{"marker":true}' where user_id = ${userId}`);
}

/** The page computed from the data right now, by the one statement, bypassing the kept row. */
async function computed(userId: string) {
  const text = await createRepositories(t.ctx.database.db).for({ userId }).overview.compute(now);
  return JSON.parse(String(text));
}

describe('kept anchor page', () => {
  it('is written by the first read and answered from its row until something changes', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const first = await api.get('/api/v1/overview');
    expect(first.statusCode).toBe(200);
    const row = (await keptPage(user.id))!;
    expect(row).toMatchObject({ version: row.current, day: '2026-03-10', timezone: 'UTC' });
    expect(JSON.parse(row.page)).toEqual(first.json());

    await markKeptPage(user.id);
    expect((await api.get('/api/v1/overview')).json()).toEqual({ marker: true });

    // Another user is never answered this user's row.
    const other = await signUp(t.app);
    expect((await as(t.app, other).get('/api/v1/overview')).json().todos).toMatchObject({ open: 0 });
  });

  it('is written anew by each change before its answer, so the next read is the kept row and current', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.get('/api/v1/overview');
    await markKeptPage(user.id);

    const todo = (await api.post('/api/v1/todos', { title: 'Write the plan', dueOn: '2026-03-10' })).json();
    const row = (await keptPage(user.id))!;
    expect(row.version).toBe(row.current);
    expect(JSON.parse(row.page).todos).toMatchObject({ open: 1, dueToday: 1 });
    expect((await api.get('/api/v1/overview')).body).toBe(row.page);

    await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: 'Done' });
    expect(JSON.parse((await keptPage(user.id))!.page).todos).toMatchObject({ open: 0, doneThisWeek: 1 });
  });

  it('is computed again after a change made without a request (a job, another server)', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const todo = (await api.post('/api/v1/todos', { title: 'Before' })).json();
    await api.get('/api/v1/overview');
    await markKeptPage(user.id);

    await t.ctx.database.db.execute(sql`update todos set title = 'Renamed elsewhere' where id = ${todo.id}`);
    const after = (await api.get('/api/v1/overview')).json();
    expect(after.todos.next[0].title).toBe('Renamed elsewhere');
    const row = (await keptPage(user.id))!;
    expect(row.version).toBe(row.current);
    expect(JSON.parse(row.page)).toEqual(after);
  });

  it('is computed again on a new day of the user, and in a new time zone', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.post('/api/v1/todos', { title: 'Due on the tenth', dueOn: '2026-03-10' });
    expect((await api.get('/api/v1/overview')).json().todos).toMatchObject({ dueToday: 1, overdue: 0 });
    await markKeptPage(user.id);

    now = new Date('2026-03-11T09:00:00Z');
    try {
      expect((await api.get('/api/v1/overview')).json().todos).toMatchObject({ dueToday: 0, overdue: 1 });
      expect((await keptPage(user.id))!.day).toBe('2026-03-11');

      // 02:00 in UTC is still the tenth in New York: the page follows the profile's time zone.
      now = new Date('2026-03-11T02:00:00Z');
      expect((await api.put('/api/v1/profile', { timezone: 'America/New_York' })).statusCode).toBe(200);
      expect((await keptPage(user.id))!).toMatchObject({ timezone: 'America/New_York', day: '2026-03-10' });
      expect((await api.get('/api/v1/overview')).json().todos).toMatchObject({ dueToday: 1, overdue: 0 });
    } finally {
      now = new Date('2026-03-10T09:00:00Z');
    }
  });

  it('answers what the one statement computes after every kind of change', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.get('/api/v1/overview');
    const same = async (what: string) => {
      const answered = (await api.get('/api/v1/overview')).json();
      expect(answered, what).toEqual(await computed(user.id));
    };

    const plan = (await api.post('/api/v1/plans', { title: 'Ship the ledger' })).json();
    await same('a plan');
    const todo = (await api.post('/api/v1/todos', { title: 'Cut over', planId: plan.id, tags: ['ledger'] })).json();
    await same('a to-do in the plan');
    await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: 'Cut over without downtime' });
    await same('the to-do done: plan progress');
    await api.post('/api/v1/tags/rename', { from: 'ledger', to: 'payments' });
    await same('a tag renamed');
    const achievement = (await api.post('/api/v1/achievements', { title: 'Launched', achievedOn: '2026-03-01' })).json();
    await same('an achievement');
    await api.delete(`/api/v1/achievements/${achievement.id}`);
    await same('the achievement in the trash');
    await api.post(`/api/v1/trash/achievement/${achievement.id}/restore`);
    await same('the achievement restored');
    await api.post('/api/v1/focus-items', { title: 'Hiring' });
    await same('a focus item');
    await api.put('/api/v1/profile', { displayName: 'New Name', headline: 'Builder' });
    await same('the profile and display name');
    expect((await api.get('/api/v1/overview')).json().profile).toMatchObject({ displayName: 'New Name' });
  });

  it('costs nothing to keep for someone who never opened it', async () => {
    const user = await signUp(t.app);
    await as(t.app, user).post('/api/v1/todos', { title: 'Quietly' });
    expect(await keptPage(user.id)).toBeUndefined();
  });

  it('stays answered after a failed change, which moves nothing', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.get('/api/v1/overview');
    await markKeptPage(user.id);
    const before = (await keptPage(user.id))!;
    expect((await api.post('/api/v1/todos', { title: '' })).statusCode).toBe(400);
    expect(await keptPage(user.id)).toEqual(before);
    expect((await api.get('/api/v1/overview')).json()).toEqual({ marker: true });
  });
});
