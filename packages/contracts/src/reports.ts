import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './common.ts';
import { Tags, text } from './items.ts';

export const ReportType = z.enum(['weekly', 'monthly', 'quarterly', 'custom']);
export const ReportStatus = z.enum(['draft', 'final']);
export const REPORT_MAX_DAYS = 366;

const SECTION_MAX = 20_000;
export const ReportSections = z
  .object({
    accomplishments: z.string(),
    challenges: z.string(),
    learnings: z.string(),
    nextFocus: z.string(),
  })
  .meta({ id: 'ReportSections', description: 'Markdown' });
const SectionsInput = z
  .object({
    accomplishments: text(SECTION_MAX),
    challenges: text(SECTION_MAX),
    learnings: text(SECTION_MAX),
    nextFocus: text(SECTION_MAX),
  })
  .partial();

export const Report = z
  .object({
    id: Id,
    type: ReportType,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    title: z.string(),
    sections: ReportSections,
    status: ReportStatus,
    sourceTodoIds: z.array(Id).describe('The completed to-dos the accomplishments are grounded in'),
    generatedBy: z.string().describe('“manual”, “builtin” (the built-in drafter, no AI) or provider/model'),
    tags: z.array(z.string()),
    finalizedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

/** A period: start on or before end, at most a year long. */
export function checkPeriod(value: { periodStart?: string | undefined; periodEnd?: string | undefined }, ctx: z.RefinementCtx) {
  if (!value.periodStart || !value.periodEnd) return;
  const days = (Date.parse(value.periodEnd) - Date.parse(value.periodStart)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period ends before it starts' });
  else if (days >= REPORT_MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: `A period is at most ${REPORT_MAX_DAYS} days` });
}

export const ReportCreate = z
  .object({
    type: ReportType,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    title: text(200).default(''),
    sections: SectionsInput.default({}),
    sourceTodoIds: z.array(Id).max(5000).default([]),
    tags: Tags.default([]),
  })
  .superRefine(checkPeriod)
  .meta({ id: 'ReportCreate' });

export const ReportUpdate = z
  .object({
    type: ReportType,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    title: text(200),
    sections: SectionsInput,
    status: ReportStatus.describe('“final” finalises the report'),
    sourceTodoIds: z.array(Id).max(5000),
    tags: Tags,
  })
  .partial()
  .superRefine(checkPeriod)
  .meta({ id: 'ReportUpdate' });

export const ReportQuery = z.object({
  type: ReportType.optional(),
  status: ReportStatus.optional(),
  tag: z.string().max(40).optional(),
  from: CalendarDate.optional().describe('Reports whose period ends on or after this date'),
  to: CalendarDate.optional().describe('Reports whose period starts on or before this date'),
});

export const ReportDraftRequest = z
  .object({ type: ReportType, periodStart: CalendarDate, periodEnd: CalendarDate })
  .superRefine(checkPeriod)
  .meta({ id: 'ReportDraftRequest' });

/** What a report-draft job answers with when it is done. */
export const ReportDraftResult = z
  .object({
    reportId: Id,
    generatedBy: z.string(),
    droppedClaims: z.number().int().describe('Accomplishments the model wrote without citing a real to-do: left out'),
  })
  .meta({ id: 'ReportDraftResult' });
