import { z } from 'zod';
import { Id } from './common.ts';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z
  .object({
    id: Id,
    kind: z.string(),
    status: JobStatus,
    progress: z.number().int().min(0).max(100),
    result: z.unknown().nullable(),
    error: z.object({ title: z.string(), detail: z.string().optional() }).nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: Id }).meta({ id: 'JobAccepted' });
