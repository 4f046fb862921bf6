import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { PgBoss, fromDrizzle, fromPglite, type JobResult, type JobWithMetadata } from 'pg-boss';
import type { Job } from '@career-anchor/contracts';
import type { Database, Executor } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidFromKey, uuidv7 } from '../lib/ids.ts';
import { HttpProblem } from '../lib/problem.ts';
import * as jobsRepo from '../repositories/jobs.repository.ts';
import type { InternalJobDefinition, JobContext, JobDefinition, ScheduleDefinition } from './definitions.ts';

type Envelope = { userId: string; payload: unknown };

export const toJobDto = (row: jobsRepo.JobRunRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status as Job['status'],
  progress: row.progress,
  // Written from the job definition's own answer, one of the shapes the contract lists.
  result: (row.result ?? null) as Job['result'],
  error: row.error ?? null,
});

/**
 * The job queue: pg-boss moves the work (on the embedded database or a server), and the
 * `job_runs` table holds what the owner may see of it. Jobs are enqueued in the caller's
 * transaction, so a job exists exactly when the data it depends on was committed.
 */
export function createJobQueue(deps: { database: Database; clock: Clock; logger: FastifyBaseLogger }) {
  const { database, clock, logger } = deps;
  const db = database.db;
  const definitions = new Map<string, JobDefinition<any>>();
  const schedules = new Map<string, ScheduleDefinition>();
  const internals = new Map<string, InternalJobDefinition<any>>();
  /** Same-process wake-ups for event streams; other processes are seen by polling the row. */
  const changes = new EventEmitter().setMaxListeners(0);
  let boss: PgBoss | undefined;

  const emit = (id: string) => changes.emit(id);

  async function runOne(definition: JobDefinition<any>, job: JobWithMetadata<Envelope>): Promise<JobResult> {
    const started = await jobsRepo.updateJobRun(
      db,
      job.id,
      { status: 'running', error: null, startedAt: clock.now() },
      clock.now(),
    );
    // The owner deleted their account after enqueueing: nothing left to do.
    if (!started) return { id: job.id, status: 'completed' };
    emit(job.id);
    const ctx: JobContext = {
      jobId: job.id,
      userId: job.data.userId,
      attempt: job.retryCount,
      signal: job.signal ?? new AbortController().signal,
      async progress(percent, appendText) {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        if (appendText) await jobsRepo.appendJobPartial(db, job.id, appendText, progress, clock.now());
        else await jobsRepo.updateJobRun(db, job.id, { progress }, clock.now());
        emit(job.id);
      },
    };
    try {
      const payload = definition.payload.parse(job.data.payload);
      const result = await definition.run(payload, ctx);
      await jobsRepo.updateJobRun(
        db,
        job.id,
        { status: 'succeeded', progress: 100, result: result ?? null, finishedAt: clock.now() },
        clock.now(),
      );
      emit(job.id);
      return { id: job.id, status: 'completed' };
    } catch (err) {
      // A problem with a clear answer (quota, provider down, bad settings) will not go away by
      // retrying the job: it fails at once. Anything unexpected is retried.
      const final = err instanceof HttpProblem || job.retryCount >= job.retryLimit;
      const error =
        err instanceof HttpProblem
          ? { title: err.title, detail: err.detail ?? '' }
          : { title: 'The job failed', detail: final ? 'It was tried several times without success.' : 'It will be retried.' };
      logger.warn({ err, jobId: job.id, kind: definition.kind, attempt: job.retryCount }, 'job attempt failed');
      await jobsRepo.updateJobRun(
        db,
        job.id,
        final ? { status: 'failed', error, finishedAt: clock.now() } : { status: 'queued', error },
        clock.now(),
      );
      emit(job.id);
      return {
        id: job.id,
        status: final ? 'deadletter' : 'failed',
        output: { message: err instanceof Error ? err.message : String(err) },
      };
    }
  }

  return {
    define(...list: JobDefinition<any>[]) {
      for (const definition of list) {
        if (definitions.has(definition.kind)) throw new Error(`Job ${definition.kind} is defined twice`);
        definitions.set(definition.kind, definition);
      }
    },

    defineInternal(...list: InternalJobDefinition<any>[]) {
      for (const definition of list) internals.set(definition.kind, definition);
    },

    schedule(...list: ScheduleDefinition[]) {
      for (const schedule of list) schedules.set(schedule.name, schedule);
    },

    /** Starts the engine; with `work`, this process also runs jobs, and schedules unless told not to. */
    async start(options: { work: boolean; schedules?: boolean }) {
      const runSchedules = options.work && options.schedules !== false;
      const connection =
        database.driver.kind === 'pglite'
          ? { db: fromPglite(database.driver.client) }
          : { connectionString: database.driver.url, max: 4 };
      boss = new PgBoss({
        ...connection,
        schema: 'pgboss',
        schedule: runSchedules,
        supervise: options.work,
        migrate: true,
        useListenNotify: true,
      });
      boss.on('error', (err) => logger.error({ err }, 'job queue error'));
      await boss.start();
      for (const definition of definitions.values()) {
        await boss.createQueue(definition.kind, {
          retryLimit: definition.retryLimit ?? 3,
          retryDelay: 5,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
          notify: true,
        });
      }
      for (const schedule of schedules.values()) await boss.createQueue(schedule.name, { retryLimit: 2, notify: true });
      for (const internal of internals.values()) {
        await boss.createQueue(internal.kind, {
          retryLimit: internal.retryLimit ?? 5,
          retryDelay: internal.retryDelaySeconds ?? 30,
          retryBackoff: true,
          notify: true,
        });
      }
      if (!options.work) return;
      for (const definition of definitions.values()) {
        await boss.work<Envelope>(
          definition.kind,
          {
            batchSize: 4,
            includeMetadata: true,
            perJobResults: true,
            pollingIntervalSeconds: 1,
            notifyPollingIntervalSeconds: 2,
            burstWhenBatchFull: true,
          },
          (jobs) => Promise.all((jobs as JobWithMetadata<Envelope>[]).map((job) => runOne(definition, job))),
        );
      }
      for (const internal of internals.values()) {
        // Several sends in one transaction wake the worker once (PostgreSQL folds identical
        // notifications), so take work in batches and look again every 2 s anyway. Each job
        // reports its own outcome: one failure retries only that job.
        await boss.work<object>(
          internal.kind,
          { batchSize: 5, perJobResults: true, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2 },
          async (jobs) =>
            Promise.all(
              jobs.map(async (job): Promise<JobResult> => {
                try {
                  await internal.run(internal.payload.parse(job.data));
                  return { id: job.id, status: 'completed' };
                } catch (err) {
                  logger.warn({ err, kind: internal.kind, jobId: job.id }, 'internal job attempt failed');
                  return { id: job.id, status: 'failed', output: { message: err instanceof Error ? err.message : String(err) } };
                }
              }),
            ),
        );
      }
      for (const schedule of runSchedules ? schedules.values() : []) {
        await boss.schedule(schedule.name, schedule.cron, null, { tz: 'UTC', missed: 'once' });
        await boss.work(schedule.name, { pollingIntervalSeconds: 5 }, async () => schedule.run({ now: clock.now() }));
      }
    },

    /**
     * Queues work for a user. Pass the transaction that wrote the data the job needs: the job
     * then exists if and only if that data was committed.
     */
    async enqueue<P>(executor: Executor, userId: string, kind: string, payload: P): Promise<string> {
      const definition = definitions.get(kind);
      if (!definition || !boss) throw new Error(`Job ${kind} is not defined or the queue is not started`);
      definition.payload.parse(payload);
      const id = uuidv7();
      await jobsRepo.insertJobRun(executor, { id, userId, kind, now: clock.now() });
      await boss.send(kind, { userId, payload } satisfies Envelope, { id, db: fromDrizzle(executor as never, sql) });
      return id;
    },

    /**
     * Queues system work in the caller's transaction. The job's id comes from `key`, so the same
     * key queues the work at most once, however often it is sent.
     */
    async sendInternal<P extends object>(executor: Executor, kind: string, payload: P, key: string) {
      const definition = internals.get(kind);
      if (!definition || !boss) throw new Error(`Job ${kind} is not defined or the queue is not started`);
      definition.payload.parse(payload);
      await boss.send(kind, payload, { id: uuidFromKey(`${kind}:${key}`), db: fromDrizzle(executor as never, sql) });
    },

    /** Calls `listener` when this process changes the job; returns the unsubscribe function. */
    onChange(id: string, listener: () => void) {
      changes.on(id, listener);
      return () => changes.off(id, listener);
    },

    /** Cancels a user's queued work before their account is deleted. */
    async cancelForUser(userId: string) {
      if (!boss) return;
      for (const run of await jobsRepo.listUnfinishedJobRuns(db, userId)) {
        await boss.cancel(run.kind, run.id).catch(() => {});
      }
    },

    async stop() {
      await boss?.stop({ graceful: true, timeout: 20_000, close: true });
      boss = undefined;
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
