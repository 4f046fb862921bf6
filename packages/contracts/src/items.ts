import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './common.ts';

/** Free text of a given maximum length. */
export const text = (max: number) => z.string().max(max);
export const Title = z.string().trim().min(1, { error: 'Required' }).max(200);

export const TAG_MAX = 40;
/** Tags are a small set of short labels; duplicates ignoring case are merged. */
export const Tags = z
  .array(z.string().trim().min(1).max(TAG_MAX))
  .max(20)
  .overwrite((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

export const Skills = z.array(z.string().trim().min(1).max(60)).max(30);
export const Progress = z.number().int().min(0).max(100);

// --- achievements ---------------------------------------------------------------------------

export const AchievementSource = z.enum(['manual', 'suggestion', 'import']);

export const Achievement = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    quantifiableResults: z.string().describe('Measurable outcomes, e.g. “cut build time by 40%”'),
    skills: z.array(z.string()),
    achievedOn: CalendarDate.nullable(),
    tags: z.array(z.string()),
    isPublic: z.boolean(),
    source: AchievementSource,
    positionId: Id.nullable().describe('The position (a career entry) it was achieved in'),
    projectId: Id.nullable().describe('The project (a career entry) it belongs to'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Achievement' });
export type Achievement = z.infer<typeof Achievement>;

export const AchievementCreate = z
  .object({
    title: Title,
    description: text(5000).default(''),
    quantifiableResults: text(2000).default(''),
    skills: Skills.default([]),
    achievedOn: CalendarDate.nullable().default(null),
    tags: Tags.default([]),
    isPublic: z.boolean().default(false),
    source: AchievementSource.default('manual'),
    positionId: Id.nullable().default(null),
    projectId: Id.nullable().default(null),
  })
  .meta({ id: 'AchievementCreate' });
export const AchievementUpdate = z
  .object({
    title: Title,
    description: text(5000),
    quantifiableResults: text(2000),
    skills: Skills,
    achievedOn: CalendarDate.nullable(),
    tags: Tags,
    isPublic: z.boolean(),
    positionId: Id.nullable(),
    projectId: Id.nullable(),
  })
  .partial()
  .meta({ id: 'AchievementUpdate' });

// --- focus items ----------------------------------------------------------------------------

export const FocusStatus = z.enum(['active', 'paused', 'done']);

export const FocusItem = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    status: FocusStatus,
    progress: Progress,
    tags: z.array(z.string()),
    isPublic: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'FocusItem' });
export type FocusItem = z.infer<typeof FocusItem>;

export const FocusItemCreate = z
  .object({
    title: Title,
    description: text(5000).default(''),
    status: FocusStatus.default('active'),
    progress: Progress.default(0),
    tags: Tags.default([]),
    isPublic: z.boolean().default(false),
  })
  .meta({ id: 'FocusItemCreate' });
export const FocusItemUpdate = z
  .object({ title: Title, description: text(5000), status: FocusStatus, progress: Progress, tags: Tags, isPublic: z.boolean() })
  .partial()
  .meta({ id: 'FocusItemUpdate' });

// --- plans ----------------------------------------------------------------------------------

export const PlanStatus = z.enum(['planned', 'in_progress', 'achieved', 'dropped']);

export const Plan = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    targetDate: CalendarDate.nullable(),
    status: PlanStatus,
    progress: Progress.describe('Share of linked to-dos done, unless set by hand (see progressOverride)'),
    progressOverride: Progress.nullable().describe('Set by hand; null means derived from linked to-dos'),
    todoCounts: z.object({ total: z.number().int(), done: z.number().int() }),
    tags: z.array(z.string()),
    isPublic: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const PlanCreate = z
  .object({
    title: Title,
    description: text(5000).default(''),
    targetDate: CalendarDate.nullable().default(null),
    status: PlanStatus.default('planned'),
    progressOverride: Progress.nullable().default(null),
    tags: Tags.default([]),
    isPublic: z.boolean().default(false),
  })
  .meta({ id: 'PlanCreate' });
export const PlanUpdate = z
  .object({
    title: Title,
    description: text(5000),
    targetDate: CalendarDate.nullable(),
    status: PlanStatus,
    progressOverride: Progress.nullable(),
    tags: Tags,
    isPublic: z.boolean(),
  })
  .partial()
  .meta({ id: 'PlanUpdate' });

// --- to-dos ---------------------------------------------------------------------------------

export const TodoPriority = z.enum(['low', 'normal', 'high']);
export const TodoStatus = z.enum(['open', 'done']);

export const Todo = z
  .object({
    id: Id,
    title: z.string(),
    notes: z.string(),
    dueOn: CalendarDate.nullable(),
    priority: TodoPriority,
    important: z.boolean(),
    planId: Id.nullable(),
    tags: z.array(z.string()),
    status: TodoStatus,
    completedAt: Timestamp.nullable(),
    summary: z.string().describe('What was done and how well, written on completion'),
    position: z.number(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Todo' });
export type Todo = z.infer<typeof Todo>;

export const TodoCreate = z
  .object({
    title: z.string().trim().min(1, { error: 'Required' }).max(500),
    notes: text(10_000).default(''),
    dueOn: CalendarDate.nullable().default(null),
    priority: TodoPriority.default('normal'),
    important: z.boolean().default(false),
    planId: Id.nullable().default(null),
    tags: Tags.default([]),
  })
  .meta({ id: 'TodoCreate' });
export const TodoUpdate = z
  .object({
    title: z.string().trim().min(1, { error: 'Required' }).max(500),
    notes: text(10_000),
    dueOn: CalendarDate.nullable(),
    priority: TodoPriority,
    important: z.boolean(),
    planId: Id.nullable(),
    tags: Tags,
    summary: text(5000),
  })
  .partial()
  .meta({ id: 'TodoUpdate' });

export const TodoComplete = z.object({ summary: text(5000).optional() }).meta({ id: 'TodoComplete' });
export const TodoMove = z
  .object({ afterId: Id.nullable().describe('Place the to-do right after this one; null puts it first') })
  .meta({ id: 'TodoMove' });

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TodoQuery = z.object({
  status: TodoStatus.optional(),
  planId: Id.optional(),
  tag: z.string().max(TAG_MAX).optional(),
  q: z.string().max(200).optional().describe('Words in the title, notes or summary'),
  important: booleanQuery.optional(),
  due: z.enum(['overdue', 'today', 'week', 'none']).optional().describe('Relative to today in the profile’s time zone'),
  completedFrom: CalendarDate.optional(),
  completedTo: CalendarDate.optional(),
  sort: z.enum(['manual', 'completed', 'due', 'created']).optional().describe('Default: manual; completed when status=done'),
});

export const ItemQuery = z.object({
  tag: z.string().max(TAG_MAX).optional(),
  q: z.string().max(200).optional(),
});
export const PlanQuery = ItemQuery.extend({ status: PlanStatus.optional() });
export const FocusQuery = ItemQuery.extend({ status: FocusStatus.optional() });

// --- tags -----------------------------------------------------------------------------------

export const TagCount = z.object({ name: z.string(), count: z.number().int() }).meta({ id: 'TagCount' });
