import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database, type NotificationHandlers } from '../src/db/client.ts';
import { createSessionCache, type CachedSession } from '../src/lib/session-cache.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { followSessionEndings } from '../src/repositories/sessions.repository.ts';
import { as, cookieFrom, createTestApp, expectProblem, signIn, signUp, type TestApp } from './helpers/app.ts';
import { createTestDatabase, serverUrl } from './helpers/database.ts';
import { waitFor } from './helpers/jobs.ts';

/** Ends a user's sessions as a statement outside the app might, with triggers off: nobody is told. */
const endUnheard = (t: TestApp, userId: string) =>
  t.ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from sessions where user_id = ${userId}`);
  });

const session = (id: string, userId = 'u1'): CachedSession => ({
  id,
  userId,
  expiresAt: 9e15,
  lastSeenAt: 0,
  signedInAt: 0,
});

describe('the session cache', () => {
  it('answers a session for its lifetime only', () => {
    let now = 1_000;
    const cache = createSessionCache({ ttlMs: 500, now: () => now, settleMs: 0 });
    cache.set('h1', session('s1'), now);
    now += 499;
    expect(cache.get('h1')?.id).toBe('s1');
    now += 1;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when turned off', () => {
    const cache = createSessionCache({ ttlMs: 0, now: () => 1 });
    cache.set('h1', session('s1'), 1);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('forgets every session of a user whose sessions end, and keeps none of theirs while it settles', () => {
    let now = 1_000;
    const cache = createSessionCache({ ttlMs: 1_000, now: () => now, settleMs: 5_000 });
    cache.set('a1', session('s1', 'alice'), now);
    cache.set('a2', session('s2', 'alice'), now);
    cache.set('b1', session('s3', 'bob'), now);
    cache.forgetUser('alice');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')?.id).toBe('s3');
    // A lookup that began before the ending (its transaction still open) must not keep what it saw.
    const before = now - 1;
    cache.set('a1', session('s1', 'alice'), before);
    expect(cache.get('a1')).toBeUndefined();
    // Nor one that began just after it, while the ending may not have committed yet.
    now += 4_999;
    cache.set('a1', session('s1', 'alice'), now);
    expect(cache.get('a1')).toBeUndefined();
    now += 1;
    cache.set('a1', session('s1', 'alice'), now);
    expect(cache.get('a1')?.id).toBe('s1');
  });

  it('forgets everyone at once', () => {
    const now = 1_000;
    const cache = createSessionCache({ ttlMs: 1_000, now: () => now, settleMs: 0 });
    cache.set('a1', session('s1', 'alice'), now);
    cache.set('b1', session('s2', 'bob'), now);
    cache.clear();
    expect(cache.size).toBe(0);
    cache.set('b1', session('s2', 'bob'), now - 1);
    expect(cache.get('b1')).toBeUndefined();
  });

  it('holds at most its number of entries, dropping the oldest', () => {
    const now = 1_000;
    const cache = createSessionCache({ ttlMs: 1_000, now: () => now, maxEntries: 3 });
    for (let i = 0; i < 5; i++) cache.set(`h${i}`, session(`s${i}`, `user${i}`), now);
    expect(cache.size).toBe(3);
    expect(cache.get('h0')).toBeUndefined();
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h4')?.id).toBe('s4');
    // Forgetting a user whose entry was dropped is harmless.
    cache.forgetUser('user0');
    expect(cache.size).toBe(3);
  });
});

describe('session endings heard from other processes', () => {
  it('forget the users named, everyone for "*", and keep nothing while unheard', () => {
    let handlers: NotificationHandlers | undefined;
    const database = { listen: (_channel: string, h: NotificationHandlers) => void (handlers = h) } as unknown as Database;
    let now = 1_000;
    const cache = createSessionCache({ ttlMs: 1_000, now: () => now, settleMs: 0, paused: true });
    followSessionEndings(database, cache);
    cache.set('a1', session('s1', 'alice'), now);
    expect(cache.get('a1')).toBeUndefined();

    handlers!.listening();
    now += 1;
    cache.set('a1', session('s1', 'alice'), now);
    cache.set('b1', session('s2', 'bob'), now);
    cache.set('c1', session('s3', 'carol'), now);
    handlers!.message('alice,bob');
    expect([cache.get('a1'), cache.get('b1'), cache.get('c1')?.id]).toEqual([undefined, undefined, 's3']);
    handlers!.message('*');
    expect(cache.size).toBe(0);

    now += 1;
    cache.set('c1', session('s3', 'carol'), now);
    handlers!.lost();
    expect(cache.get('c1')).toBeUndefined();
    cache.set('c1', session('s3', 'carol'), now);
    expect(cache.size).toBe(0);
    // A lookup begun before listening resumed may have missed an ending: not kept.
    const begun = now;
    now += 1;
    handlers!.listening();
    cache.set('c1', session('s3', 'carol'), begun);
    expect(cache.size).toBe(0);
    cache.set('c1', session('s3', 'carol'), now);
    expect(cache.get('c1')?.id).toBe('s3');
  });
});

describe('kept sessions over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Long enough that only telling the cache, not its entries running out, can end a session in time.
    t = await createTestApp({ env: { SESSION_CACHE_MS: '10000' } });
  });
  afterAll(() => t.close());

  /** The user signed in on a second device, both sessions used (and so kept) before anything ends. */
  async function twoDevices() {
    const user = await signUp(t.app);
    const other = { ...user, cookie: cookieFrom(await signIn(t.app, user)) };
    for (const who of [user, other]) expect((await as(t.app, who).get('/api/v1/auth/me')).statusCode).toBe(200);
    return { user, other };
  }

  it('refuses a signed-out session at once', async () => {
    const { user, other } = await twoDevices();
    expect((await as(t.app, user).post('/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, other).get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('refuses a revoked device at once, and every other one after "sign out everywhere else"', async () => {
    const { user, other } = await twoDevices();
    const sessions = (await as(t.app, user).get('/api/v1/auth/sessions')).json() as { items: { id: string; current: boolean }[] };
    const otherId = sessions.items.find((s) => !s.current)!.id;
    expect((await as(t.app, user).delete(`/api/v1/auth/sessions/${otherId}`)).statusCode).toBe(204);
    expectProblem(await as(t.app, other).get('/api/v1/auth/me'), 401);

    const third = { ...user, cookie: cookieFrom(await signIn(t.app, user)) };
    expect((await as(t.app, third).get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await as(t.app, user).post('/api/v1/auth/sessions/revoke-others')).statusCode).toBeLessThan(300);
    expectProblem(await as(t.app, third).get('/api/v1/auth/me'), 401);
    expect((await as(t.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('refuses the other sessions at once after a password change', async () => {
    const { user, other } = await twoDevices();
    const res = await as(t.app, user).post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'another long passphrase 42',
    });
    expect(res.statusCode).toBeLessThan(300);
    expectProblem(await as(t.app, other).get('/api/v1/auth/me'), 401);
  });

  it('refuses every session of a deleted account at once', async () => {
    const { user, other } = await twoDevices();
    expect((await as(t.app, user).delete('/api/v1/auth/me', { password: user.password })).statusCode).toBe(204);
    expectProblem(await as(t.app, user).get('/api/v1/auth/me'), 401);
    expectProblem(await as(t.app, other).get('/api/v1/auth/me'), 401);
  });

  it('refuses a session ended unheard once its entry runs out', async () => {
    const short = await createTestApp({ env: { SESSION_CACHE_MS: '1000' } });
    try {
      const user = await signUp(short.app);
      expect((await as(short.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      await endUnheard(short, user.id);
      // Still answered from memory for up to a second, then refused.
      expect((await as(short.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expectProblem(await as(short.app, user).get('/api/v1/auth/me'), 401);
    } finally {
      await short.close();
    }
  });

  it('looks the session up on every request with SESSION_CACHE_MS=0', async () => {
    const none = await createTestApp({ env: { SESSION_CACHE_MS: '0' } });
    try {
      const user = await signUp(none.app);
      expect((await as(none.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      await endUnheard(none, user.id);
      expectProblem(await as(none.app, user).get('/api/v1/auth/me'), 401);
    } finally {
      await none.close();
    }
  });
});

describe.runIf(serverUrl)('kept sessions across server processes on PostgreSQL', () => {
  /** Two API processes on one database, each keeping sessions 10 s, both hearing endings. */
  async function twoProcesses() {
    const db = await createTestDatabase();
    const env = { ROLE: 'api', SESSION_CACHE_MS: '10000' };
    const one = await createTestApp({ database: db.options, env });
    const two = await createTestApp({ database: db.options, env });
    const listeners = async () =>
      queryRows<{ pid: number }>(
        one.ctx.database.db,
        sql`select pid from pg_stat_activity where datname = current_database() and application_name = 'career-anchor-listen'`,
      );
    await waitFor(async () => ((await listeners()).length === 2 ? true : undefined), 5000);
    return {
      one,
      two,
      listeners,
      endUnheard: (userId: string) => endUnheard(one, userId),
      async close() {
        await one.close();
        await two.close();
        await db.drop();
      },
    };
  }

  it('keeps a session until an ending is heard, and hears an operator signing everyone out', async () => {
    const p = await twoProcesses();
    try {
      const user = await signUp(p.one.app);
      expect((await as(p.two.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      // Kept: ended where no one hears of it, the other process still answers from memory.
      await p.endUnheard(user.id);
      expect((await as(p.two.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);

      const second = await signUp(p.one.app);
      expect((await as(p.two.app, second).get('/api/v1/auth/me')).statusCode).toBe(200);
      // The operator's `sign-out --all`, as its own process runs it.
      expect(await createRepositories(p.one.ctx.database.db).system.sessions.deleteEverySession()).toBeGreaterThan(0);
      await waitFor(
        async () => ((await as(p.two.app, second).get('/api/v1/auth/me')).statusCode === 401 ? true : undefined),
        1000,
      );
    } finally {
      await p.close();
    }
  });

  it('keeps nothing while it cannot hear, and keeps again once it hears', async () => {
    const p = await twoProcesses();
    try {
      const user = await signUp(p.one.app);
      expect((await as(p.two.app, user).get('/api/v1/auth/me')).statusCode).toBe(200);
      // Both lose their listening connections: what they kept goes, and nothing is kept meanwhile.
      const cut = (await p.listeners()).map((row) => row.pid);
      for (const pid of cut) await p.one.ctx.database.db.execute(sql`select pg_terminate_backend(${pid}::int)`);
      await waitFor(async () => ((await p.listeners()).every((row) => !cut.includes(row.pid)) ? true : undefined), 1000);
      await p.endUnheard(user.id);
      expectProblem(await as(p.two.app, user).get('/api/v1/auth/me'), 401);
      // Listening again within a second or two, it keeps sessions again.
      await waitFor(async () => ((await p.listeners()).length === 2 ? true : undefined), 5000);
      const again = await signUp(p.one.app);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await as(p.two.app, again).get('/api/v1/auth/me')).statusCode).toBe(200);
      await p.endUnheard(again.id);
      expect((await as(p.two.app, again).get('/api/v1/auth/me')).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });
});
