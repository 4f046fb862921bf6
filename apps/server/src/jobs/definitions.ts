import type { z } from 'zod';
import type { Executor } from '../db/client.ts';

export interface JobContext {
  jobId: string;
  userId: string;
  /** 1 on the first attempt. */
  attempt: number;
  /** Records progress (0–100) and, optionally, streamed text for the job's event channel. */
  progress(percent: number, appendText?: string): Promise<void>;
  /**
   * Records `result` as the job's outcome in the caller's transaction `tx`, if this attempt still
   * holds the job; otherwise throws, and the transaction rolls back. A job whose result is data it
   * writes saves it in that transaction, so an attempt that was given up on (its worker went
   * silent and another took the job over) never writes it, and the outcome is written once.
   */
  complete(tx: Executor, result: unknown): Promise<void>;
  /** Aborted when the job is cancelled, times out or is taken over: stop, nothing will be kept. */
  signal: AbortSignal;
}

/** A kind of user-owned background work: a name, a validated payload and one handler. */
export interface JobDefinition<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  retryLimit?: number;
  /** Seconds before a running attempt is considered lost and retried. */
  expireInSeconds?: number;
  run(payload: P, ctx: JobContext): Promise<unknown>;
}

export const defineJob = <P>(definition: JobDefinition<P>) => definition;

/** Work the system does on a timetable, not on behalf of one user. */
export interface ScheduleDefinition {
  name: string;
  /** Five-field cron, evaluated in UTC. */
  cron: string;
  run(ctx: { now: Date }): Promise<void>;
}

export const defineSchedule = (definition: ScheduleDefinition) => definition;

/** Background work of the system (e-mail delivery…): not shown to users, retried with backoff. */
export interface InternalJobDefinition<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  retryLimit?: number;
  /** Seconds before the first retry; doubles with each attempt. */
  retryDelaySeconds?: number;
  run(payload: P): Promise<void>;
}

export const defineInternalJob = <P>(definition: InternalJobDefinition<P>) => definition;
