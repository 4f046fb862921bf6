import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { defineJob } from '../src/jobs/definitions.ts';
import { LIVENESS } from '../src/jobs/queue.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { createTestDatabase, migratedDataFolder, serverUrl } from './helpers/database.ts';
import { startFakeModel, type FakeModel } from './helpers/fake-model.ts';
import { waitFor } from './helpers/jobs.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

/**
 * Jobs outlive the process that ran them: a job whose worker died is retried (the attempt counts),
 * shown as retrying meanwhile, and finished once — by the next start of the embedded server, or
 * by another worker on a PostgreSQL server. A worker that is slow but alive keeps its job.
 */

/** The first attempt waits for the test; each attempt completes in its own transaction. */
let firstMayFinish = Promise.withResolvers<void>();
let firstEnded = Promise.withResolvers<unknown>();
let firstSignal: AbortSignal | undefined;
let t: TestApp;
const gateJob = defineJob({
  kind: 'test.gate',
  payload: z.object({}),
  retryLimit: 1,
  async run(_, ctx) {
    await ctx.progress(50, `attempt ${ctx.attempt}. `);
    if (ctx.attempt === 1) {
      firstSignal = ctx.signal;
      await firstMayFinish.promise;
    }
    try {
      return await t.ctx.database.db.transaction(async (tx) => {
        await ctx.complete(tx, { attempt: ctx.attempt });
        return { attempt: ctx.attempt };
      });
    } catch (err) {
      if (ctx.attempt === 1) firstEnded.resolve(err);
      throw err;
    }
  },
});

describe('a job whose worker went silent (one process, either database)', () => {
  let owner: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ extraJobs: [gateJob] });
    owner = await signUp(t.app);
  });
  afterAll(() => t.close());

  const job = async (id: string) => (await as(t.app, owner).get(`/api/v1/jobs/${id}`)).json();
  /** When the job's worker last beat, in epoch ms. */
  const heartbeat = async (id: string) => {
    const [row] = await queryRows<{ at: string | Date }>(
      t.ctx.database.db,
      sql`select heartbeat_on as at from pgboss.job where id = ${id}`,
    );
    return new Date(row!.at).getTime();
  };

  it('is left alone while its worker beats; once silent it is retried as attempt 2, and the silent attempt’s late result is refused', async () => {
    firstMayFinish = Promise.withResolvers();
    firstEnded = Promise.withResolvers();
    firstSignal = undefined;
    const id = await t.ctx.queue.enqueue(t.ctx.database.db, owner.id, 'test.gate', {});
    await waitFor(async () => ((await job(id)).status === 'running' ? true : undefined));

    // Slow but alive: the heartbeat moves on while the handler waits, and a sweep keeps off.
    const first = new Date(await heartbeat(id)).getTime();
    await waitFor(
      async () => (new Date(await heartbeat(id)).getTime() > first ? true : undefined),
      3 * LIVENESS.beatSeconds * 1000,
    );
    await t.ctx.queue.sweep();
    expect(await job(id)).toMatchObject({ status: 'running', attempt: 1 });

    // Silent, as a frozen or cut-off worker is: the next sweep retries the job, and says so.
    const retrying = await waitFor(async () => {
      await t.ctx.database.db.execute(sql`update pgboss.job set heartbeat_on = now() - interval '1 minute' where id = ${id}`);
      await t.ctx.queue.sweep();
      const now = await job(id);
      return now.status === 'running' ? undefined : now;
    });
    expect(retrying).toMatchObject({ status: 'retrying', attempt: 2, error: { title: 'The job was interrupted' } });

    // The silent attempt is told to stop; if it comes back anyway, its result is refused and the retry's stands.
    await waitFor(async () => (firstSignal?.aborted ? true : undefined), 3 * LIVENESS.beatSeconds * 1000);
    firstMayFinish.resolve();
    expect(String(await firstEnded.promise)).toMatch(/no longer holds the job/);
    const done = await waitFor(async () => {
      const now = await job(id);
      return now.status === 'succeeded' || now.status === 'failed' ? now : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2, result: { attempt: 2 }, error: null });

    // The text starts again with the new attempt, for a new reader and for one who had the old text.
    for (const lastEventId of [undefined, `${'attempt 1. '.length}.-`]) {
      const res = await as(t.app, owner).get(`/api/v1/jobs/${id}/events`, lastEventId ? { 'last-event-id': lastEventId } : {});
      const texts = res.body
        .split('\n\n')
        .filter((block) => block.startsWith('event: text'))
        .map((block) => JSON.parse(block.split('\n')[1]!.slice(6)));
      expect(texts).toEqual([{ delta: 'attempt 2. ', restart: true }]);
    }
  });
});

/** What the fake model answers a draft request with. */
const DRAFT = {
  accomplishments: [{ text: 'Shipped the search page', refs: ['T1'] }],
  challenges: [],
  learnings: [],
  nextFocus: [],
};

/** A person using server processes over HTTP, as a browser does: one session, on any of them. */
async function personOn(server: ServerProcess) {
  const headers = (target: ServerProcess, cookie?: string) => ({
    'content-type': 'application/json',
    origin: target.url,
    ...(cookie ? { cookie } : {}),
  });
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: headers(server),
    body: JSON.stringify({ email: `crash${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Crash' }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const call = async (target: ServerProcess, method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${target.url}/api/v1${path}`, {
      method,
      headers: headers(target, cookie),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  return {
    cookie,
    call,
    /** Finishes a to-do today and asks for a draft of the week up to today; answers the job id. */
    async requestDraft(target: ServerProcess): Promise<string> {
      const todo = await call(target, 'POST', '/todos', { title: 'Ship the search page' });
      await call(target, 'POST', `/todos/${todo.id}/complete`, { summary: 'p99 down to 120 ms' });
      const today = new Date().toISOString().slice(0, 10);
      const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
      const { jobId } = await call(target, 'POST', '/reports/drafts', { type: 'custom', periodStart: weekAgo, periodEnd: today });
      return jobId;
    },
  };
}

/** Waits for `probe` until `deadline` (epoch ms). */
const until = <T>(deadline: number, probe: () => Promise<T | undefined>) => waitFor(probe, deadline - Date.now());

describe('a draft whose server process is killed (kill -9) mid-job', () => {
  let fake: FakeModel;
  const cleanups: (() => Promise<unknown> | void)[] = [];
  beforeAll(async () => {
    fake = await startFakeModel();
    fake.setDefault(() => DRAFT);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await fake.close();
  });

  const env = () => ({
    AI_PROVIDER: 'openai-compatible',
    AI_MODEL: 'fake-model',
    AI_BASE_URL: fake.baseUrl,
    LOG_LEVEL: 'warn',
  });
  /** Starts a server process, killed at the end of the file if the test has not stopped it. */
  const start = async (extra: Record<string, string>) => {
    const server = await startServerProcess({ ...env(), ...extra });
    cleanups.push(() => server.kill('SIGKILL'));
    return server;
  };

  it('embedded database: the next start retries it at once as attempt 2, which succeeds within 30 s of the kill; one report', async () => {
    fake.reset();
    const dataDir = mkdtempSync(join(tmpdir(), 'ca-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await migratedDataFolder(join(dataDir, 'db'));
    const first = await start({ DATA_DIR: dataDir });
    const person = await personOn(first);
    fake.script({ hang: true });
    const jobId = await person.requestDraft(first);
    // Mid-run: running, and its model call has arrived at a model that does not answer.
    await waitFor(async () =>
      (await person.call(first, 'GET', `/jobs/${jobId}`)).status === 'running' && fake.requests.length === 1 ? true : undefined,
    );
    await first.kill('SIGKILL');
    const killedAt = Date.now();

    const second = await start({ DATA_DIR: dataDir });
    // Retried at start, before the server answers: never shown as the dead attempt again.
    expect(await person.call(second, 'GET', `/jobs/${jobId}`)).toMatchObject({ attempt: 2 });
    const done = await until(killedAt + 30_000, async () => {
      const job = await person.call(second, 'GET', `/jobs/${jobId}`);
      return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2, error: null });
    expect(fake.requests).toHaveLength(2);
    const reports = await person.call(second, 'GET', '/reports');
    expect(reports.items.map((report: { id: string }) => report.id)).toEqual([done.result.reportId]);
    await second.kill('SIGTERM');
  }, 120_000);

  // Two processes on one database need a PostgreSQL server: this runs in `npm run test:pg`, and
  // shows as skipped in a run on the embedded database alone.
  it.runIf(serverUrl)(
    'PostgreSQL only (test:pg), two worker processes: a slow job is kept by its live worker; once that worker is killed the other retries it as attempt 2 within 30 s, shown as retrying',
    async () => {
      fake.reset();
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      const dataDir = mkdtempSync(join(tmpdir(), 'ca-crash-pg-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const shared = {
        DATABASE_URL: (database.options as { url: string }).url,
        APP_SECRET: 'crash-test-secret-crash-test-secret-0123',
        DATA_DIR: dataDir,
      };
      const a = await start(shared);
      const person = await personOn(a);
      fake.script({ hang: true });
      const jobId = await person.requestDraft(a);
      await waitFor(async () =>
        (await person.call(a, 'GET', `/jobs/${jobId}`)).status === 'running' && fake.requests.length === 1 ? true : undefined,
      );
      const runningSince = Date.now();
      // Started once the job runs in `a`, so `a` is the one holding it.
      const b = await start(shared);

      // Slow but alive: `a` waits on the model longer than a silent worker is given, while `b`
      // sweeps every few seconds; nothing can be awaited here but the time itself.
      const longerThanSilence = (LIVENESS.silentAfterSeconds + 2 * LIVENESS.sweepSeconds) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, runningSince + longerThanSilence - Date.now())));
      expect(await person.call(b, 'GET', `/jobs/${jobId}`)).toMatchObject({ status: 'running', attempt: 1 });
      expect(fake.requests).toHaveLength(1);

      await a.kill('SIGKILL');
      const killedAt = Date.now();
      // Followed on `b` as the web app follows it: the event stream, and the job's state.
      const stream = fetch(`${b.url}/api/v1/jobs/${jobId}/events`, {
        headers: { cookie: person.cookie },
        signal: AbortSignal.timeout(30_000),
      }).then((res) => res.text());
      stream.catch(() => {}); // awaited below; a failure before then is reported there
      const seen: { status: string; attempt: number }[] = [];
      const done = await until(killedAt + 30_000, async () => {
        const job = await person.call(b, 'GET', `/jobs/${jobId}`);
        seen.push({ status: job.status, attempt: job.attempt });
        return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
      });
      expect(done).toMatchObject({ status: 'succeeded', attempt: 2, error: null });
      // Shown as retrying, then never again as the dead attempt.
      const retried = seen.findIndex((job) => job.status === 'retrying');
      expect(seen[retried]).toEqual({ status: 'retrying', attempt: 2 });
      expect(seen.slice(retried)).not.toContainEqual({ status: 'running', attempt: 1 });

      const jobEvents = (await stream)
        .split('\n\n')
        .filter((block) => block.startsWith('event: job'))
        .map((block) => JSON.parse(block.split('\n')[1]!.slice(6)) as { status: string; attempt: number });
      expect(jobEvents.map((job) => `${job.status} ${job.attempt}`)).toEqual(
        expect.arrayContaining(['retrying 2', 'succeeded 2']),
      );
      expect(jobEvents.at(-1)).toMatchObject({ status: 'succeeded', attempt: 2 });

      expect(fake.requests).toHaveLength(2);
      const reports = await person.call(b, 'GET', '/reports');
      expect(reports.items.map((report: { id: string }) => report.id)).toEqual([done.result.reportId]);
      await b.kill('SIGTERM');
    },
    120_000,
  );
});
