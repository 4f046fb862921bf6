import { z } from 'zod';
import { CAREER_SCHEMAS, Extra, ResumeLocation, type CareerSection } from './career.ts';
import { CalendarDate, Timestamp } from './common.ts';
import {
  AchievementSource,
  DueTime,
  FocusStatus,
  PlanStatus,
  RemindBefore,
  Skills,
  Subtask,
  SUBTASKS_MAX,
  TodoPriority,
  TodoStatus,
  text,
} from './items.ts';
import { Recurrence } from './recurrence.ts';
import { ContactEmail, Handle, Locale, OptionalUrl, PUBLIC_FIELDS, PublicField, TimeZone } from './profile.ts';
import { checkPeriod, ReportStatus, ReportType } from './reports.ts';

/**
 * What a version-1 file must look like before it is upgraded: the upgrade reads these fields, so
 * they are checked first (the whole document is checked again, as the current version, after).
 */
export const ExportDocumentV1 = z.looseObject({
  reports: z.array(z.looseObject({})).max(5000).optional(),
  focus: z.array(z.unknown()).max(5000).optional(),
  focusItems: z.array(z.unknown()).max(5000).optional(),
});

/** The current version of the export format; older files are upgraded on import. */
export const EXPORT_FORMAT_VERSION = 3;
export const IMPORT_MAX_ITEMS = 20_000;

const Uuid = z.uuid();
const When = Timestamp.nullable();
const TagList = z.array(z.string().trim().min(1).max(40)).max(20);
const Title = z.string().trim().min(1).max(500);
const many = <T extends z.ZodType>(item: T) => z.array(item).max(IMPORT_MAX_ITEMS);

const Kept = {
  id: Uuid,
  tags: TagList.default([]),
  createdAt: When.optional(),
  updatedAt: When.optional(),
  deletedAt: When.optional(),
};

export const ExportedAchievement = z.object({
  ...Kept,
  title: Title,
  description: text(5000).default(''),
  quantifiableResults: text(2000).default(''),
  skills: Skills.default([]),
  achievedOn: CalendarDate.nullable().default(null),
  isPublic: z.boolean().default(false),
  source: AchievementSource.default('import'),
  positionId: Uuid.nullable().default(null).describe('A position in this same file'),
  projectId: Uuid.nullable().default(null).describe('A project in this same file'),
});
export const ExportedFocusItem = z.object({
  ...Kept,
  title: Title,
  description: text(5000).default(''),
  status: FocusStatus.default('active'),
  progress: z.number().int().min(0).max(100).default(0),
  isPublic: z.boolean().default(false),
});
export const ExportedPlan = z.object({
  ...Kept,
  title: Title,
  description: text(5000).default(''),
  targetDate: CalendarDate.nullable().default(null),
  status: PlanStatus.default('planned'),
  progressOverride: z.number().int().min(0).max(100).nullable().default(null),
  isPublic: z.boolean().default(false),
});
export const ExportedTodo = z.object({
  ...Kept,
  title: Title,
  notes: text(10_000).default(''),
  dueOn: CalendarDate.nullable().default(null),
  priority: TodoPriority.default('normal'),
  important: z.boolean().default(false),
  planId: Uuid.nullable().default(null).describe('A plan in this same file'),
  status: TodoStatus.default('open'),
  completedAt: When.default(null),
  summary: text(5000).default(''),
  dueTime: DueTime.nullable().default(null),
  recurrence: Recurrence.nullable().default(null),
  seriesId: Uuid.nullable().default(null).describe('Shared by the occurrences of one recurring to-do'),
  seriesStart: CalendarDate.nullable().default(null).describe('The day the rule counts from; the due date when absent'),
  subtasks: z
    .array(Subtask.extend({ title: z.string().trim().min(1).max(500) }))
    .max(SUBTASKS_MAX)
    .default([]),
  remindBefore: RemindBefore.nullable().default(null),
});
export const ExportedReport = z
  .object({
    ...Kept,
    type: ReportType,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    title: text(200).default(''),
    sections: z
      .object({ accomplishments: text(20_000), challenges: text(20_000), learnings: text(20_000), nextFocus: text(20_000) })
      .partial()
      .default({}),
    status: ReportStatus.default('draft'),
    sourceTodoIds: z.array(Uuid).max(5000).default([]).describe('To-dos in this same file'),
    generatedBy: text(120).default('import'),
    finalizedAt: When.default(null),
  })
  .superRefine(checkPeriod);

/** The career sections, each a list in the person's order; a project's `positionId` names a position in this file. */
export const ExportedCareer = z.object({
  positions: many(CAREER_SCHEMAS.positions.create.extend(Kept)).default([]),
  education: many(CAREER_SCHEMAS.education.create.extend(Kept)).default([]),
  projects: many(CAREER_SCHEMAS.projects.create.extend(Kept)).default([]),
  skills: many(CAREER_SCHEMAS.skills.create.extend(Kept)).default([]),
  certificates: many(CAREER_SCHEMAS.certificates.create.extend(Kept)).default([]),
  awards: many(CAREER_SCHEMAS.awards.create.extend(Kept)).default([]),
  publications: many(CAREER_SCHEMAS.publications.create.extend(Kept)).default([]),
  languages: many(CAREER_SCHEMAS.languages.create.extend(Kept)).default([]),
  volunteering: many(CAREER_SCHEMAS.volunteering.create.extend(Kept)).default([]),
  interests: many(CAREER_SCHEMAS.interests.create.extend(Kept)).default([]),
  references: many(CAREER_SCHEMAS.references.create.extend(Kept)).default([]),
} satisfies Record<CareerSection, unknown>);
export type ExportedCareer = z.infer<typeof ExportedCareer>;

/** Everything a user owns, as one document. Secrets (password, keys, tokens, sessions) are never in it. */
export const ExportDocument = z
  .object({
    formatVersion: z.literal(EXPORT_FORMAT_VERSION),
    exportedAt: Timestamp.optional(),
    account: z
      .object({ email: z.string().max(254), displayName: z.string().max(100), createdAt: When.optional() })
      .partial()
      .optional(),
    profile: z
      .object({
        displayName: z.string().trim().min(1).max(100),
        headline: text(200),
        summary: text(5000),
        location: text(120),
        links: z
          .array(z.object({ label: z.string().trim().min(1).max(60), url: z.url({ protocol: /^https?$/ }).max(500) }))
          .max(10),
        handle: Handle.nullable(),
        avatarUrl: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .nullable(),
        email: ContactEmail,
        phone: text(100),
        url: OptionalUrl,
        address: ResumeLocation,
        resumeExtra: Extra,
        isPublic: z.boolean(),
        publicFields: z.array(PublicField).max(PUBLIC_FIELDS.length),
        searchIndexable: z.boolean(),
        locale: Locale,
        timezone: TimeZone,
      })
      .partial()
      .optional(),
    settings: z
      .object({
        aiEnabled: z.boolean(),
        suggestionsEnabled: z.boolean(),
        suggestionFrequency: z.enum(['immediate', 'daily', 'weekly']),
      })
      .partial()
      .optional(),
    achievements: many(ExportedAchievement).default([]),
    focusItems: many(ExportedFocusItem).default([]),
    plans: many(ExportedPlan).default([]),
    todos: many(ExportedTodo).default([]),
    reports: many(ExportedReport).default([]),
    career: ExportedCareer.prefault({}),
    suggestions: z.array(z.unknown()).optional().describe('Exported for your records; not imported'),
    notifications: z.array(z.unknown()).optional().describe('Exported for your records; not imported'),
    aiUsage: z.array(z.unknown()).optional().describe('Exported for your records; not imported'),
  })
  .meta({ id: 'ExportDocument' });
export type ExportDocument = z.infer<typeof ExportDocument>;

const Counts = z.object({
  achievements: z.number().int(),
  focusItems: z.number().int(),
  plans: z.number().int(),
  todos: z.number().int(),
  reports: z.number().int(),
  careerEntries: z.number().int(),
});
export const ImportResult = z
  .object({
    imported: Counts,
    skipped: Counts.describe('Already imported from this file before'),
    upgradedFrom: z.number().int().nullable(),
  })
  .meta({ id: 'ImportResult' });
