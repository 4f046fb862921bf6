import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseOptions } from '../src/db/client.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { createTestDatabase, migratedFolderDatabase, serverUrl } from './helpers/database.ts';
import { stepsJob, waitFor } from './helpers/jobs.ts';

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await createTestApp({ extraJobs: [stepsJob] });
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

const enqueue = (userId: string, payload: { steps: number; fail?: boolean }) =>
  t.ctx.queue.enqueue(t.ctx.database.db, userId, 'test.steps', payload);

const finished = (user: TestUser, id: string) =>
  waitFor(async () => {
    const job = (await as(t.app, user).get(`/api/v1/jobs/${id}`)).json();
    return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
  });

describe('jobs', () => {
  it('runs a queued job and reports its result to the owner', async () => {
    const id = await enqueue(owner.id, { steps: 3 });
    const queued = await as(t.app, owner).get(`/api/v1/jobs/${id}`);
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({ id, kind: 'test.steps' });
    expect(['queued', 'running', 'succeeded']).toContain(queued.json().status);
    const job = await finished(owner, id);
    expect(job).toEqual({
      id,
      kind: 'test.steps',
      status: 'succeeded',
      attempt: 1,
      progress: 100,
      result: { steps: 3, userId: owner.id },
      error: null,
    });
  });

  it('records a failure without internals', async () => {
    const id = await enqueue(owner.id, { steps: 1, fail: true });
    const job = await finished(owner, id);
    expect(job.status).toBe('failed');
    expect(job.error.title).toBe('The job failed');
    expect(JSON.stringify(job)).not.toContain('asked to fail');
  });

  it('streams the job as Server-Sent Events until it ends', async () => {
    const id = await enqueue(owner.id, { steps: 4 });
    const res = await as(t.app, owner).get(`/api/v1/jobs/${id}/events`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return { event: eventLine!.slice(7), data: JSON.parse(dataLine!.slice(6)) };
      });
    const jobs = events.filter((e) => e.event === 'job').map((e) => e.data);
    expect(jobs.at(-1)).toMatchObject({ id, status: 'succeeded', progress: 100 });
    const text = events
      .filter((e) => e.event === 'text')
      .map((e) => e.data.delta)
      .join('');
    expect(text).toBe('step 1. step 2. step 3. step 4. ');
  });

  it('answers 404 to anyone but the owner, and for unknown ids', async () => {
    const id = await enqueue(owner.id, { steps: 1 });
    expectProblem(await as(t.app, stranger).get(`/api/v1/jobs/${id}`), 404);
    expectProblem(await as(t.app, stranger).get(`/api/v1/jobs/${id}/events`), 404);
    expectProblem(await as(t.app, owner).get(`/api/v1/jobs/${crypto.randomUUID()}`), 404);
    expectProblem(await as(t.app, owner).get('/api/v1/jobs/nonsense'), 404);
    expectProblem(await as(t.app, null).get(`/api/v1/jobs/${id}`), 401);
  });

  it('refuses a payload that does not match the job’s schema before anything is queued', async () => {
    await expect(t.ctx.queue.enqueue(t.ctx.database.db, owner.id, 'test.steps', { steps: 99 })).rejects.toThrow();
    await expect(t.ctx.queue.enqueue(t.ctx.database.db, owner.id, 'no.such.kind', {})).rejects.toThrow(/not defined/);
  });

  it('does not queue a job whose transaction rolled back', async () => {
    let id = '';
    await expect(
      t.ctx.database.db.transaction(async (tx) => {
        id = await t.ctx.queue.enqueue(tx, owner.id, 'test.steps', { steps: 1 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expectProblem(await as(t.app, owner).get(`/api/v1/jobs/${id}`), 404);
  });
});

describe('roles', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('an API process only enqueues; a worker started later runs what was queued', async () => {
    let database: DatabaseOptions;
    let drop = async () => {};
    if (serverUrl) {
      const created = await createTestDatabase();
      database = created.options;
      drop = created.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'ca-roles-'));
      dirs.push(dir);
      database = await migratedFolderDatabase(join(dir, 'db'));
    }
    const api = await createTestApp({ database, extraJobs: [stepsJob], env: { ROLE: 'api' } });
    const user = await signUp(api.app);
    const id = await api.ctx.queue.enqueue(api.ctx.database.db, user.id, 'test.steps', { steps: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await as(api.app, user).get(`/api/v1/jobs/${id}`)).json().status).toBe('queued');
    await api.close();

    const worker = await createTestApp({ database, extraJobs: [stepsJob], env: { ROLE: 'worker' } });
    try {
      expect((await worker.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await worker.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(404);
      const done = await waitFor(async () => {
        const row = await worker.ctx.database.db.query.jobRuns.findFirst({ where: (j, { eq }) => eq(j.id, id) });
        return row?.status === 'succeeded' ? row : undefined;
      });
      expect(done.result).toEqual({ steps: 2, userId: user.id });
    } finally {
      await worker.close();
      await drop();
    }
  });
});
