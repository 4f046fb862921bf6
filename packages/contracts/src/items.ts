import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './common.ts';
import { Recurrence } from './recurrence.ts';

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

/** A time of day, `HH:MM` on the 24-hour clock, in the user's time zone. */
export const DueTime = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time of day, HH:MM' })
  .describe('Time of day, HH:MM (24-hour), in the profile’s time zone');

export const SUBTASKS_MAX = 100;
/** Minutes before the due time a timed reminder comes: up to a week. */
export const RemindBefore = z.number().int().min(0).max(10_080);

export const Subtask = z.object({ id: Id, title: z.string(), done: z.boolean() }).meta({ id: 'Subtask' });
export type Subtask = z.infer<typeof Subtask>;
/** A subtask as written: a new one has no id yet (the server gives it one). */
export const SubtaskInput = z
  .object({
    id: Id.optional().describe('Omit for a new subtask; keep the id of one that exists'),
    title: z.string().trim().min(1, { error: 'Required' }).max(500),
    done: z.boolean().default(false),
  })
  .meta({ id: 'SubtaskEdit' });
/** The checklist, whole, in its order. */
export const Subtasks = z.array(SubtaskInput).max(SUBTASKS_MAX);

export const Todo = z
  .object({
    id: Id,
    title: z.string(),
    notes: z.string(),
    dueOn: CalendarDate.nullable(),
    dueTime: DueTime.nullable().describe('Only with a dueOn; null is all day'),
    priority: TodoPriority,
    important: z.boolean(),
    planId: Id.nullable(),
    tags: z.array(z.string()),
    status: TodoStatus,
    completedAt: Timestamp.nullable(),
    summary: z.string().describe('What was done and how well, written on completion'),
    recurrence: z.string().nullable().describe('RFC 5545 RRULE body; null when it does not recur'),
    seriesId: Id.nullable().describe('Shared by every occurrence of one recurring to-do (the first one’s id)'),
    subtasks: z.array(Subtask),
    remindBefore: RemindBefore.nullable().describe('Minutes before the due time to be reminded; null: no timed reminder'),
    position: z.number(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Todo' });
export type Todo = z.infer<typeof Todo>;

const TodoTitle = z.string().trim().min(1, { error: 'Required' }).max(500);

/** A time or a rule needs a date: the first occurrence's due date starts the rule. */
const needsDueOn = (value: {
  dueOn?: string | null | undefined;
  dueTime?: string | null | undefined;
  recurrence?: string | null | undefined;
}) => [
  ...(value.dueTime && !value.dueOn ? [{ path: ['dueTime'], message: 'A due time needs a due date (dueOn)' }] : []),
  ...(value.recurrence && !value.dueOn ? [{ path: ['recurrence'], message: 'A recurring to-do needs a due date (dueOn)' }] : []),
];

/** A new to-do's fields, before the rule that ties a time or a rule to a date (for schemas built on them). */
export const TodoCreateFields = z.object({
  title: TodoTitle,
  notes: text(10_000).default(''),
  dueOn: CalendarDate.nullable().default(null),
  dueTime: DueTime.nullable().default(null),
  priority: TodoPriority.default('normal'),
  important: z.boolean().default(false),
  planId: Id.nullable().default(null),
  tags: Tags.default([]),
  recurrence: Recurrence.nullable().default(null),
  subtasks: Subtasks.default([]),
  remindBefore: RemindBefore.nullable().default(null),
  afterId: Id.nullable()
    .optional()
    .describe('Where it goes in the hand-made order: right after this to-do; null puts it first; absent puts it last'),
});

/** Refuses a due time or a rule without a due date. */
export const checkDueOn = (ctx: z.core.ParsePayload<Parameters<typeof needsDueOn>[0]>) => {
  for (const issue of needsDueOn(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, ...issue });
};

export const TodoCreate = TodoCreateFields.check(checkDueOn).meta({ id: 'TodoCreate' });
export const TodoUpdate = z
  .object({
    title: TodoTitle,
    notes: text(10_000),
    dueOn: CalendarDate.nullable(),
    dueTime: DueTime.nullable(),
    priority: TodoPriority,
    important: z.boolean(),
    planId: Id.nullable(),
    tags: Tags,
    summary: text(5000),
    recurrence: Recurrence.nullable().describe('Changes this occurrence and the ones after it'),
    subtasks: Subtasks.describe('The whole checklist, in order: subtasks left out are removed'),
    remindBefore: RemindBefore.nullable(),
  })
  .partial()
  .meta({ id: 'TodoUpdate' });

export const TodoComplete = z.object({ summary: text(5000).optional() }).meta({ id: 'TodoComplete' });
export const TodoMove = z
  .object({ afterId: Id.nullable().describe('Place the to-do right after this one; null puts it first') })
  .meta({ id: 'TodoMove' });

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TodoView = z.enum(['today', 'upcoming', 'overdue', 'inbox', 'all']);
export const TodoSortName = z.enum(['manual', 'due', 'priority', 'created', 'plan', 'completed']);

export const TodoQuery = z.object({
  view: TodoView.optional().describe(
    'On the profile’s calendar: today = open and due today or before (overdue ones too); upcoming = open and due in the 7 days after today; overdue = open and due before today; inbox = open with no due date; all = no condition',
  ),
  status: TodoStatus.optional(),
  planId: Id.optional(),
  tag: z.string().max(TAG_MAX).optional(),
  q: z.string().max(200).optional().describe('Words in the title, notes or summary'),
  important: booleanQuery.optional(),
  due: z.enum(['overdue', 'today', 'week', 'none']).optional().describe('Relative to today in the profile’s time zone'),
  completedFrom: CalendarDate.optional(),
  completedTo: CalendarDate.optional(),
  sort: TodoSortName.optional().describe(
    'manual (hand-made order); due (date, then time, undated last); priority (high first, then due); created (newest first); plan (plan title, then hand-made order; no plan last); completed (latest first). Default: completed when status=done, due for the today, upcoming and overdue views, else manual',
  ),
});

export const BULK_MAX = 500;
export const TodoBulkAction = z.enum(['complete', 'reopen', 'delete', 'restore', 'update']);
export const TodoBulkChanges = z
  .object({
    dueOn: CalendarDate.nullable(),
    dueTime: DueTime.nullable(),
    priority: TodoPriority,
    important: z.boolean(),
    planId: Id.nullable(),
    addTags: Tags,
    removeTags: Tags,
  })
  .partial()
  .meta({ id: 'TodoBulkChanges' });
export const TodoBulk = z
  .object({
    ids: z.array(Id).min(1).max(BULK_MAX),
    action: TodoBulkAction.describe('delete sends to the trash; restore brings back from it (to undo a delete)'),
    changes: TodoBulkChanges.optional().describe('Required for update: the fields every to-do gets'),
  })
  .check((ctx) => {
    if (ctx.value.action === 'update' && !ctx.value.changes) {
      ctx.issues.push({ code: 'custom', path: ['changes'], message: 'Required for update', input: ctx.value });
    }
  })
  .meta({ id: 'TodoBulk' });
export const TodoBulkResult = z
  .object({ items: z.array(Todo).describe('The to-dos after the action, in the order of ids') })
  .meta({ id: 'TodoBulkResult' });

export const TodoParseRequest = z
  .object({
    text: z.string().max(500),
    locale: z.enum(['en', 'zh']).optional().describe('The person’s language; only breaks ties, both are always read'),
    keep: z
      .array(z.object({ start: z.number().int().min(0).max(500), end: z.number().int().min(0).max(500) }))
      .max(50)
      .optional()
      .describe('Ranges of the text to keep literal (chips the person removed), UTF-16 offsets, end exclusive'),
  })
  .meta({ id: 'TodoParseRequest' });
export const TodoParseSpanKind = z.enum(['date', 'time', 'tag', 'priority', 'important', 'plan', 'recurrence']);
export const TodoParse = z
  .object({
    title: z.string().describe('The text with every recognised part taken out'),
    dueOn: CalendarDate.nullable(),
    dueTime: DueTime.nullable(),
    tags: z.array(z.string()),
    priority: TodoPriority.nullable(),
    important: z.boolean(),
    planId: Id.nullable(),
    recurrence: z.string().nullable(),
    spans: z
      .array(z.object({ start: z.number().int(), end: z.number().int(), kind: TodoParseSpanKind }))
      .describe('Where in the text each recognised part is (UTF-16 offsets, end exclusive)'),
  })
  .meta({ id: 'TodoParse' });
export type TodoParse = z.infer<typeof TodoParse>;

export const ItemQuery = z.object({
  tag: z.string().max(TAG_MAX).optional(),
  q: z.string().max(200).optional(),
});
export const PlanQuery = ItemQuery.extend({ status: PlanStatus.optional() });
export const FocusQuery = ItemQuery.extend({ status: FocusStatus.optional() });

// --- tags -----------------------------------------------------------------------------------

export const TagCount = z.object({ name: z.string(), count: z.number().int() }).meta({ id: 'TagCount' });
