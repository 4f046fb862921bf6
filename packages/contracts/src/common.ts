import { z } from 'zod';
import { PROBLEM_TYPE_URIS } from './problems.ts';

/** Opaque identifier. Clients must not parse it. */
export const Id = z.string().min(1).max(64).describe('Opaque identifier');

export const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 time with offset');

/** The dates a career spans, with room either side; a date outside is a typing slip or a probe. */
export const DATE_RANGE = { min: '1900-01-01', max: '2200-12-31' } as const;

export const CalendarDate = z.iso
  .date()
  .refine((value) => value >= DATE_RANGE.min && value <= DATE_RANGE.max, {
    error: `Must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`,
  })
  .describe(`Calendar date, YYYY-MM-DD, from ${DATE_RANGE.min} to ${DATE_RANGE.max}`);

export const IdParams = z.object({ id: Id });

export const LOCALES = ['en', 'zh-CN'] as const;
export const Locale = z.enum(LOCALES);

/** An IANA time zone this server's Intl knows (Asia/Shanghai, Europe/Berlin, UTC…). */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Unknown time zone' },
  );

/** RFC 9457 problem details, the body of every error answer. */
export const Problem = z
  .object({
    type: z
      .enum(PROBLEM_TYPE_URIS)
      .describe('The problem type: a reference relative to this server, whose page (GET it) says what it means and what to do'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Present on validation failures: one entry per offending field'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(200).optional(),
});

/** `{items, nextCursor}`: the shape of every list answer. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Status = z.object({ status: z.literal('ok') }).meta({ id: 'Status' });
