import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { defineJob } from '../src/jobs/definitions.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { migratedDataFolder } from './helpers/database.ts';
import { waitFor } from './helpers/jobs.ts';
import { draftServers, personOn, TEST_JOB_SILENCE_S, TEST_LIVENESS, until } from './helpers/killed-worker.ts';

/**
 * Jobs outlive the process that ran them: a job whose worker died is retried (the attempt counts),
 * shown as retrying meanwhile, and finished once — by the next start of the embedded server, or
 * by another worker on a PostgreSQL server (job-takeover.test.ts). A worker that is slow but alive
 * keeps its job. The thresholds are a fifth of the defaults (JOB_SILENCE_S=3), every wait in scale.
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
    t = await createTestApp({ extraJobs: [gateJob], env: { JOB_SILENCE_S: String(TEST_JOB_SILENCE_S) } });
    expect(t.ctx.queue.liveness).toEqual(TEST_LIVENESS);
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
      3 * TEST_LIVENESS.beatSeconds * 1000,
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
    await waitFor(async () => (firstSignal?.aborted ? true : undefined), 3 * TEST_LIVENESS.beatSeconds * 1000);
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

describe('a draft whose server process is killed (kill -9) mid-job, on the embedded database', () => {
  let servers: Awaited<ReturnType<typeof draftServers>>;
  beforeAll(async () => {
    servers = await draftServers();
  });
  afterAll(() => servers.close());

  it('the next start retries it at once as attempt 2, which succeeds within 30 s of the kill; one report', async () => {
    const { fake, start, later } = servers;
    const dataDir = mkdtempSync(join(tmpdir(), 'ca-crash-'));
    later(() => rmSync(dataDir, { recursive: true, force: true }));
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
});
