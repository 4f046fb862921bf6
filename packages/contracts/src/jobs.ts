import { z } from 'zod';
import { Id } from './common.ts';
import { ReportDraftResult } from './reports.ts';

export const JobStatus = z.enum(['queued', 'running', 'retrying', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

/** What a suggestion job answers with: the suggestion it made, or why it made none. */
export const SuggestionJobResult = z
  .object({ suggestionId: Id.nullable(), skipped: z.string().optional() })
  .meta({ id: 'SuggestionJobResult' });

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
    result: z
      .union([ReportDraftResult, SuggestionJobResult, z.looseObject({})])
      .nullable()
      .describe(
        'What the job produced, by its kind: a ReportDraftResult for report.draft, a SuggestionJobResult for suggestion.generate; null until it has succeeded',
      ),
    error: z.object({ title: z.string(), detail: z.string().optional() }).nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: Id }).meta({ id: 'JobAccepted' });
