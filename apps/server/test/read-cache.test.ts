import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createReadCache } from '../src/services/read-cache.service.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';
import { createTestDatabase, serverUrl } from './helpers/database.ts';

// The heavy read routes answer from a cache while the user's data version (moved by database
// triggers as each write commits) and the quarter hour stay the same. Every way data can change
// must show on the very next read.

let now = new Date('2026-03-10T09:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const status = (res: { headers: Record<string, unknown> }) => String(res.headers['cache-status'] ?? '');

/** Reads twice: the first answer is fresh, the second is the stored one and the same. */
async function readTwice(api: ReturnType<typeof as>, url: string) {
  const first = await api.get(url);
  expect(first.statusCode).toBe(200);
  expect(status(first)).toBe('career-anchor; fwd=miss; stored');
  const second = await api.get(url);
  expect(status(second)).toBe('career-anchor; hit');
  expect(second.body).toBe(first.body);
  expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
  return first.json();
}

describe('read cache', () => {
  it('serves a repeat read from the cache, and every kind of change on the next read', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const db = t.ctx.database.db;

    expect((await readTwice(api, '/api/v1/overview')).todos.open).toBe(0);

    // A to-do through the API, then completed, then tagged and the tag renamed.
    const plan = (await api.post('/api/v1/plans', { title: 'Ship it' })).json();
    const todo = (await api.post('/api/v1/todos', { title: 'Write', planId: plan.id, dueOn: '2026-03-10' })).json();
    let overview = await readTwice(api, '/api/v1/overview');
    expect(overview.todos).toMatchObject({ open: 1, dueToday: 1 });
    expect(overview.plans[0].todoCounts).toEqual({ total: 1, done: 0 });

    await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: 'Done well' });
    overview = await readTwice(api, '/api/v1/overview');
    expect(overview.todos).toMatchObject({ open: 0, doneThisWeek: 1 });
    expect(overview.plans[0].progress).toBe(100);

    await api.patch(`/api/v1/todos/${todo.id}`, { tags: ['draft'] });
    expect((await readTwice(api, '/api/v1/todos?tag=draft')).items).toHaveLength(1);
    await api.post('/api/v1/tags/rename', { from: 'draft', to: 'final' });
    expect((await readTwice(api, '/api/v1/todos?tag=draft')).items).toHaveLength(0);
    expect((await readTwice(api, '/api/v1/tags')).items).toEqual([expect.objectContaining({ name: 'final' })]);

    // The profile, including the display name kept on the account.
    await api.put('/api/v1/profile', { displayName: 'New Name', headline: 'Builder' });
    expect((await readTwice(api, '/api/v1/overview')).profile).toMatchObject({ displayName: 'New Name', headline: 'Builder' });

    // A write that bypasses the services entirely.
    await db.execute(sql`update todos set title = 'Renamed in SQL' where id = ${todo.id}`);
    expect((await readTwice(api, '/api/v1/todos')).items[0].title).toBe('Renamed in SQL');
    expect((await readTwice(api, `/api/v1/search?q=${encodeURIComponent('Renamed')}`)).items).toHaveLength(1);

    // Moving to the trash hides it; restoring brings it back.
    await api.delete(`/api/v1/todos/${todo.id}`);
    expect((await readTwice(api, '/api/v1/todos')).items).toHaveLength(0);
    await api.post(`/api/v1/trash/todo/${todo.id}/restore`);
    expect((await readTwice(api, '/api/v1/todos')).items).toHaveLength(1);

    // Achievements feed the skills chart.
    await api.post('/api/v1/achievements', { title: 'Launched', skills: ['Rust'], achievedOn: '2026-03-01' });
    const skills = await readTwice(api, '/api/v1/stats/skills');
    expect(JSON.stringify(skills)).toContain('Rust');
  });

  it('keeps each user to their own answers for the same address', async () => {
    const one = as(t.app, await signUp(t.app));
    const two = as(t.app, await signUp(t.app));
    await one.post('/api/v1/todos', { title: 'Only mine' });
    expect((await readTwice(one, '/api/v1/todos')).items).toHaveLength(1);
    expect((await readTwice(two, '/api/v1/todos')).items).toHaveLength(0);
  });

  it('works the same for a personal token, whose version is read apart from the session', async () => {
    const user = await signUp(t.app);
    const { token } = (await as(t.app, user).post('/api/v1/auth/tokens', { name: 'script' })).json();
    const script = as(t.app, { cookie: '' });
    const headers = { authorization: `Bearer ${token}` };
    const read = () => script.get('/api/v1/todos', headers);
    expect(status(await read())).toBe('career-anchor; fwd=miss; stored');
    expect(status(await read())).toBe('career-anchor; hit');
    await script.post('/api/v1/todos', { title: 'From a script' }, headers);
    const after = await read();
    expect(status(after)).toBe('career-anchor; fwd=miss; stored');
    expect(after.json().items).toEqual([expect.objectContaining({ title: 'From a script' })]);
  });

  it('answers a new day with the new date, not the stored one', async () => {
    const api = as(t.app, await signUp(t.app));
    await api.post('/api/v1/todos', { title: 'Tomorrow', dueOn: '2026-03-11' });
    expect((await readTwice(api, '/api/v1/overview')).todos).toMatchObject({ dueToday: 0, overdue: 0 });
    now = new Date('2026-03-11T09:00:00Z');
    expect((await readTwice(api, '/api/v1/overview')).todos).toMatchObject({ dueToday: 1, overdue: 0 });
    now = new Date('2026-03-12T09:00:00Z');
    expect((await readTwice(api, '/api/v1/overview')).todos).toMatchObject({ dueToday: 0, overdue: 1 });
  });

  it('never stores a failed answer or a bad request', async () => {
    const one = as(t.app, await signUp(t.app));
    const two = as(t.app, await signUp(t.app));
    const plan = (await one.post('/api/v1/plans', { title: 'Private' })).json();
    for (let i = 0; i < 2; i++) {
      const res = await two.get(`/api/v1/stats/plans/${plan.id}/history`);
      expect(res.statusCode).toBe(404);
      expect(status(res)).toBe('career-anchor; fwd=miss');
    }
    const bad = await one.get('/api/v1/todos?status=nope');
    expect(bad.statusCode).toBe(400);
    expect(status(bad)).toBe('');
  });

  it('holds at most its room, dropping the least recently used answer first', async () => {
    const user = await signUp(t.app);
    const cache = createReadCache({ repos: createRepositories(t.ctx.database.db), clock: { now: () => now }, maxBytes: 8_000 });
    const body = Buffer.alloc(900, 'x');
    const slotFor = async (url: string) => {
      const found = await cache.lookup(user.id, url);
      if (!found || !('miss' in found)) throw new Error(`expected a miss for ${url}`);
      return found.miss;
    };
    for (let i = 0; i < 9; i++) cache.store(await slotFor(`/a/${i}`), body);
    expect(cache.size()).toMatchObject({ entries: 8 });
    expect(cache.size().bytes).toBeLessThanOrEqual(8_000);
    // The oldest went; reading /a/1 makes /a/2 the next to go.
    expect(await cache.lookup(user.id, '/a/0')).toHaveProperty('miss');
    expect(await cache.lookup(user.id, '/a/1')).toHaveProperty('hit');
    cache.store(await slotFor('/a/9'), body);
    expect(await cache.lookup(user.id, '/a/1')).toHaveProperty('hit');
    expect(await cache.lookup(user.id, '/a/2')).toHaveProperty('miss');
    expect(await cache.lookup(user.id, '/a/3')).toHaveProperty('hit');
    // An answer bigger than an eighth of the room is never kept.
    cache.store(await slotFor('/big'), Buffer.alloc(1_200));
    expect(await cache.lookup(user.id, '/big')).toHaveProperty('miss');
  });

  it('gives a deleted account no version, and account deletion still succeeds', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    await api.post('/api/v1/todos', { title: 'Gone soon' });
    await readTwice(api, '/api/v1/overview');
    const res = await api.delete('/api/v1/auth/me', { password: user.password });
    expect(res.statusCode).toBe(204);
    const rows = await queryRows(t.ctx.database.db, sql`select 1 from data_versions where user_id = ${user.id}`);
    expect(rows).toHaveLength(0);
  });

  it('is off with READ_CACHE_MB=0', async () => {
    const off = await createTestApp({ env: { READ_CACHE_MB: '0' } });
    try {
      const api = as(off.app, await signUp(off.app));
      const res = await api.get('/api/v1/overview');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-status']).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it.runIf(serverUrl)('sees a write made by another server process on the same PostgreSQL', async () => {
    const db = await createTestDatabase();
    const one = await createTestApp({ database: db.options });
    const two = await createTestApp({ database: db.options });
    try {
      const user = await signUp(one.app);
      const viaOne = as(one.app, user);
      const viaTwo = as(two.app, user);
      expect((await readTwice(viaOne, '/api/v1/overview')).todos.open).toBe(0);
      await viaTwo.post('/api/v1/todos', { title: 'From the other process' });
      expect((await readTwice(viaOne, '/api/v1/overview')).todos.open).toBe(1);
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  });
});
