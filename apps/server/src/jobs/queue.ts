import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { PgBoss, fromDrizzle, fromPglite, type JobResult, type JobWithMetadata, type QueueOptions } from 'pg-boss';
import type { Job } from '@career-anchor/contracts';
import type { Database, Executor } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidFromKey, uuidv7 } from '../lib/ids.ts';
import { HttpProblem } from '../lib/problem.ts';
import * as jobsRepo from '../repositories/jobs.repository.ts';
import type { InternalJobDefinition, JobContext, JobDefinition, ScheduleDefinition } from './definitions.ts';

type Envelope = { userId: string; payload: unknown };

/**
 * How a worker that died is noticed. While a job runs, pg-boss refreshes its heartbeat every
 * `beatSeconds`; a job with no heartbeat for `silentAfterSeconds` has lost its worker. Every worker
 * looks for such jobs every `sweepSeconds` and has them retried, so another worker takes a dead
 * one's job over within silentAfter + sweep + the retry delay of its last heartbeat. pg-boss's own
 * check of the same heartbeat, every minute and at twice the silence, is only a backstop.
 */
export interface Liveness {
  beatSeconds: number;
  silentAfterSeconds: number;
  sweepSeconds: number;
}

/**
 * The liveness thresholds for a silence limit (JOB_SILENCE_S): five beats and three looks fit in
 * it, so a live worker misses several beats before it counts as silent. The default 15 s gives a
 * beat every 3 s and a look every 5 s.
 */
export const livenessFor = (silentAfterSeconds: number): Liveness => ({
  beatSeconds: silentAfterSeconds / 5,
  silentAfterSeconds,
  sweepSeconds: silentAfterSeconds / 3,
});

/** Seconds before a failed attempt is retried, doubling (with jitter) each time. */
export const RETRY_DELAY_SECONDS = 2;

/** Thrown into a handler whose attempt no longer holds the job. */
class AttemptTakenOver extends Error {
  constructor() {
    super('this attempt no longer holds the job: it was taken over');
  }
}

/** The error a job's row shows when its worker stopped answering mid-attempt. */
const interrupted = (final: boolean) => ({
  title: 'The job was interrupted',
  detail: final
    ? 'The process running it stopped answering, and it has no tries left.'
    : 'The process running it stopped answering. It is being tried again.',
});

export const toJobDto = (row: jobsRepo.JobRunRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status as Job['status'],
  attempt: row.attempt,
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
export function createJobQueue(deps: { database: Database; clock: Clock; logger: FastifyBaseLogger; liveness: Liveness }) {
  const { database, clock, logger, liveness } = deps;
  const db = database.db;
  const definitions = new Map<string, JobDefinition<any>>();
  const schedules = new Map<string, ScheduleDefinition>();
  const internals = new Map<string, InternalJobDefinition<any>>();
  /** Same-process wake-ups for event streams; other processes are seen by polling the row. */
  const changes = new EventEmitter().setMaxListeners(0);
  let boss: PgBoss | undefined;

  const emit = (id: string) => changes.emit(id);

  async function runOne(definition: JobDefinition<any>, job: JobWithMetadata<Envelope>): Promise<JobResult> {
    const attempt = job.retryCount + 1;
    // Refused when the job already has its outcome (a late copy of a finished job) or the owner
    // deleted their account after enqueueing: nothing left to do.
    if (!(await jobsRepo.startAttempt(db, job.id, attempt, clock.now()))) return { id: job.id, status: 'completed' };
    emit(job.id);
    const takenOver = new AbortController();
    /** Stops the handler when a write finds that this attempt no longer holds the job. */
    const holding = (held: boolean) => {
      if (!held) takenOver.abort(new AttemptTakenOver());
    };
    const succeeded = (result: unknown) => ({
      status: 'succeeded' as const,
      progress: 100,
      result: result ?? null,
      finishedAt: clock.now(),
    });
    const ctx: JobContext = {
      jobId: job.id,
      userId: job.data.userId,
      attempt,
      signal: AbortSignal.any([job.signal ?? new AbortController().signal, takenOver.signal]),
      async progress(percent, appendText) {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        holding(
          appendText
            ? await jobsRepo.appendAttemptText(db, job.id, attempt, appendText, progress, clock.now())
            : await jobsRepo.updateAttempt(db, job.id, attempt, { progress }, clock.now()),
        );
        emit(job.id);
      },
      async complete(tx, result) {
        if (!(await jobsRepo.updateAttempt(tx, job.id, attempt, succeeded(result), clock.now()))) throw new AttemptTakenOver();
      },
    };
    try {
      const payload = definition.payload.parse(job.data.payload);
      const result = await definition.run(payload, ctx);
      // Already recorded when the handler completed in its own transaction; refused when taken over.
      await jobsRepo.updateAttempt(db, job.id, attempt, succeeded(result), clock.now());
      emit(job.id);
      return { id: job.id, status: 'completed' };
    } catch (err) {
      if (takenOver.signal.aborted || err instanceof AttemptTakenOver) {
        // Another attempt has the job now: this one writes nothing more (pg-boss ignores its settle too).
        logger.info({ jobId: job.id, kind: definition.kind, attempt }, 'job attempt was taken over');
        return { id: job.id, status: 'failed', output: { message: 'taken over' } };
      }
      // A problem with a clear answer (quota, provider down, bad settings) will not go away by
      // retrying the job: it fails at once. Anything unexpected is retried.
      const final = err instanceof HttpProblem || job.retryCount >= job.retryLimit;
      const error =
        err instanceof HttpProblem
          ? { title: err.title, detail: err.detail ?? '' }
          : { title: 'The job failed', detail: final ? 'It was tried several times without success.' : 'It will be retried.' };
      logger.warn({ err, jobId: job.id, kind: definition.kind, attempt }, 'job attempt failed');
      await jobsRepo.updateAttempt(
        db,
        job.id,
        attempt,
        final ? { status: 'failed', error, finishedAt: clock.now() } : { status: 'retrying', attempt: attempt + 1, error },
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

  /**
   * Has the queue retry every job whose worker went silent — or, with `all`, every job held as
   * running, when no other process can be running one (the embedded database, at start) — as a
   * failure would be retried: the attempt counts. The job's row says it is retrying (or failed,
   * when that was its last attempt) in the same transaction, and only if that attempt still held
   * it, so two workers sweeping at once retry a job once.
   */
  async function retrySilent(all: boolean) {
    for (const lost of await jobsRepo.findSilentAttempts(db, queueNames(), all ? null : liveness.silentAfterSeconds)) {
      const attempt = lost.retryCount + 1;
      const final = lost.retryCount >= lost.retryLimit;
      await db.transaction(async (tx) => {
        await jobsRepo.updateAttempt(
          tx,
          lost.id,
          attempt,
          final
            ? { status: 'failed', error: interrupted(true), finishedAt: clock.now() }
            : { status: 'retrying', attempt: attempt + 1, error: interrupted(false) },
          clock.now(),
        );
        await boss!.fail(
          lost.name,
          [{ id: lost.id, retryCount: lost.retryCount }],
          { message: 'its worker went silent' },
          {
            db: fromDrizzle(tx as never, sql),
          },
        );
      });
      logger.warn({ jobId: lost.id, kind: lost.name, attempt }, 'job attempt lost its worker; retrying it');
      emit(lost.id);
    }
  }

  /**
   * Rows still shown as running whose attempt the queue has given up on by itself (a timeout, or
   * its own heartbeat check): they say what happened instead, so nobody watches a dead job.
   */
  async function settleStranded() {
    for (const run of await jobsRepo.findStrandedRuns(db)) {
      // Claimed again a moment ago, or finished: the attempt that holds it writes the row.
      if (run.queueState === 'active' || run.queueState === 'completed') continue;
      const retrying = run.queueState === 'created' || run.queueState === 'retry';
      const changed = await jobsRepo.updateAttempt(
        db,
        run.id,
        run.attempt,
        retrying
          ? { status: 'retrying', attempt: run.attempt + 1, error: interrupted(false) }
          : { status: 'failed', error: interrupted(true), finishedAt: clock.now() },
        clock.now(),
      );
      if (changed) emit(run.id);
    }
  }

  let sweeping: Promise<void> | undefined;
  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  /** One pass of the liveness check; a pass still running is not started again. */
  const sweep = (all = false) =>
    (sweeping ??= (async () => {
      try {
        await retrySilent(all);
        await settleStranded();
      } catch (err) {
        logger.warn({ err }, 'job liveness sweep failed');
      } finally {
        sweeping = undefined;
      }
    })());

  const queueNames = () => [...definitions.keys(), ...internals.keys(), ...schedules.keys()];

  /** Creates the queue, or brings an existing one's options up to date (creating never changes them). */
  async function ensureQueue(name: string, options: QueueOptions & { notify: boolean }) {
    await boss!.createQueue(name, options);
    await boss!.updateQueue(name, options);
  }

  return {
    /** The heartbeat and silence thresholds this queue works to. */
    liveness,

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
      // pg-boss takes whole seconds, at least 10, for its own check.
      const heartbeatSeconds = Math.max(10, Math.ceil(2 * liveness.silentAfterSeconds));
      for (const definition of definitions.values()) {
        await ensureQueue(definition.kind, {
          retryLimit: definition.retryLimit ?? 3,
          retryDelay: RETRY_DELAY_SECONDS,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
          heartbeatSeconds,
          notify: true,
        });
      }
      for (const schedule of schedules.values())
        await ensureQueue(schedule.name, { retryLimit: 2, heartbeatSeconds, notify: true });
      for (const internal of internals.values()) {
        await ensureQueue(internal.kind, {
          retryLimit: internal.retryLimit ?? 5,
          retryDelay: internal.retryDelaySeconds ?? 30,
          retryBackoff: true,
          heartbeatSeconds,
          notify: true,
        });
      }
      if (!options.work) return;
      // The embedded database belongs to this process alone: whatever it holds as running was left
      // by a process that stopped (a crash, a kill). Retry it now, before the workers start.
      if (database.kind === 'pglite') await sweep(true);
      const heartbeatRefreshSeconds = liveness.beatSeconds;
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
            heartbeatRefreshSeconds,
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
          {
            batchSize: 5,
            perJobResults: true,
            pollingIntervalSeconds: 1,
            notifyPollingIntervalSeconds: 2,
            heartbeatRefreshSeconds,
          },
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
        await boss.work(schedule.name, { pollingIntervalSeconds: 5, heartbeatRefreshSeconds }, async () =>
          schedule.run({ now: clock.now() }),
        );
      }
      sweepTimer = setInterval(() => void sweep(), liveness.sweepSeconds * 1000);
      sweepTimer.unref();
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

    /** One pass of the check for jobs whose worker went silent (it also runs by itself in workers). */
    sweep: () => sweep(),

    async stop() {
      clearInterval(sweepTimer);
      await sweeping;
      await boss?.stop({ graceful: true, timeout: 20_000, close: true });
      boss = undefined;
    },
  };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
