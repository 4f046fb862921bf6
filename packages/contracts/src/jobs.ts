import { z } from 'zod';
import { Id } from './common.ts';

export const JobStatus = z.enum(['queued', 'running', 'retrying', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z
  .object({
    id: Id,
    kind: z.string(),
    status: JobStatus.describe(
      '“retrying”: an attempt failed, or the process running it stopped (a crash), and the next attempt is about to start',
    ),
    attempt: z
      .number()
      .int()
      .min(1)
      .describe('Which attempt, from 1: the one running, or while retrying, the one about to start'),
    progress: z.number().int().min(0).max(100),
    result: z.unknown().nullable(),
    error: z.object({ title: z.string(), detail: z.string().optional() }).nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: Id }).meta({ id: 'JobAccepted' });
