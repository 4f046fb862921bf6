import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverUrl } from './helpers/database.ts';
import { waitFor } from './helpers/jobs.ts';
import { draftServers, personOn, takeoverDeadlineMs, TEST_LIVENESS, until } from './helpers/killed-worker.ts';

/**
 * A job whose worker process is killed is taken over by another worker on the same PostgreSQL
 * server; a worker that is slow but alive keeps its job. (The embedded database, one process at a
 * time, is in job-recovery.test.ts.) The processes run with a fifth of the default thresholds
 * (JOB_SILENCE_S=3: a beat every 0.6 s, a look every second), every wait in scale.
 */

// Two processes on one database need a PostgreSQL server: this runs in `npm run test:pg`, and
// shows as skipped in a run on the embedded database alone.
describe.runIf(serverUrl)('a draft whose worker process is killed (kill -9) mid-job, on PostgreSQL', () => {
  let servers: Awaited<ReturnType<typeof draftServers>>;
  beforeAll(async () => {
    servers = await draftServers();
  });
  afterAll(() => servers.close());

  it('PostgreSQL only (test:pg), two worker processes: a slow job is kept by its live worker; once that worker is killed the other retries it as attempt 2 within 30 s (and within its settings’ bound), shown as retrying', async () => {
    const { fake, start, later } = servers;
    const { silentAfterSeconds, sweepSeconds } = TEST_LIVENESS;
    const database = await createTestDatabase();
    later(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'ca-crash-pg-'));
    later(() => rmSync(dataDir, { recursive: true, force: true }));
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
    const bUpAt = Date.now();

    // Slow but alive: `a` waits on the model longer than a silent worker is given, while `b`
    // looks for silent jobs at least twice after that; nothing can be awaited here but the time itself.
    const keptUntil = Math.max(runningSince + silentAfterSeconds * 1000, bUpAt) + 2 * sweepSeconds * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, keptUntil - Date.now())));
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
    const deadline = killedAt + Math.min(30_000, takeoverDeadlineMs());
    const done = await until(deadline, async () => {
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
    expect(jobEvents.map((job) => `${job.status} ${job.attempt}`)).toEqual(expect.arrayContaining(['retrying 2', 'succeeded 2']));
    expect(jobEvents.at(-1)).toMatchObject({ status: 'succeeded', attempt: 2 });

    expect(fake.requests).toHaveLength(2);
    const reports = await person.call(b, 'GET', '/reports');
    expect(reports.items.map((report: { id: string }) => report.id)).toEqual([done.result.reportId]);
    await b.kill('SIGTERM');
  }, 120_000);
});
