import { z } from 'zod';
import { CAREER_SCHEMAS } from './career.ts';
import { CalendarDate, Id, Timestamp } from './common.ts';
import { Achievement, FocusItem, FocusStatus, Progress, Skills, Title, Todo, text } from './items.ts';

/**
 * Where a suggestion goes: an achievement, a current-focus item, the career itself — a new
 * skill (with the achievement that shows it), a new project, or a highlight of the current position —
 * or the to-do list (an assistant's change waiting for approval: a new to-do, or, when its trigger
 * names a to-do, that to-do marked done with the description as its summary).
 */
export const SuggestionTarget = z.enum(['achievements', 'current_focus', 'skills', 'projects', 'position_highlights', 'todos']);
export const SuggestionStatus = z.enum(['pending', 'accepted', 'rejected']);
export const SuggestionTriggerKind = z.enum(['todo_completed', 'report_finalized', 'achievement_added', 'assistant']);

export const Suggestion = z
  .object({
    id: Id,
    targetSection: SuggestionTarget,
    suggestedTitle: z.string(),
    suggestedDescription: z.string(),
    quantifiableResults: z.string(),
    coreSkills: z.array(z.string()),
    status: SuggestionStatus,
    trigger: z.object({ kind: SuggestionTriggerKind, id: Id.nullable() }),
    generatedBy: z.string().describe('“builtin” (rules over your own data, no AI) or provider/model'),
    resultId: Id.nullable().describe('The achievement or focus item created on acceptance'),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionQuery = z.object({ status: SuggestionStatus.optional() });

/** Edits to a suggestion bound for Achievements: the achievement's own fields. */
export const AchievementSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('achievements').optional(),
    suggestedTitle: Title,
    suggestedDescription: text(5000),
    quantifiableResults: text(2000),
    coreSkills: Skills.describe('The achievement’s skills'),
    achievedOn: CalendarDate.nullable().describe('When it was achieved; by default, the day it is accepted'),
  })
  .partial()
  .meta({ id: 'AchievementSuggestionEdits' });

/** Edits to a suggestion bound for Current Focus: the focus item's own fields. */
export const FocusSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('current_focus').optional(),
    suggestedTitle: Title,
    suggestedDescription: text(5000),
    status: FocusStatus,
    progress: Progress,
  })
  .partial()
  .meta({ id: 'FocusSuggestionEdits' });

/** Edits to a suggested skill: its name and keywords. */
export const SkillSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('skills').optional(),
    suggestedTitle: Title.describe('The skill’s name'),
    coreSkills: Skills.describe('Keywords of the skill'),
  })
  .partial()
  .meta({ id: 'SkillSuggestionEdits' });

/** Edits to a suggested project: its name and description. */
export const ProjectSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('projects').optional(),
    suggestedTitle: Title.describe('The project’s name'),
    suggestedDescription: text(5000),
  })
  .partial()
  .meta({ id: 'ProjectSuggestionEdits' });

/** Edits to a suggested highlight of the current position: its words. */
export const HighlightSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('position_highlights').optional(),
    suggestedTitle: z.string().trim().min(1).max(2000).describe('The highlight, as the position will list it'),
  })
  .partial()
  .meta({ id: 'HighlightSuggestionEdits' });

/** Edits to a to-do an assistant proposed: its title and notes (or, to complete one, the summary). */
export const TodoSuggestionEdits = z
  .strictObject({
    targetSection: z.literal('todos').optional(),
    suggestedTitle: z.string().trim().min(1).max(500),
    suggestedDescription: text(5000),
  })
  .partial()
  .meta({ id: 'TodoSuggestionEdits' });

export const SuggestionEdits = z.union([
  AchievementSuggestionEdits,
  FocusSuggestionEdits,
  SkillSuggestionEdits,
  ProjectSuggestionEdits,
  HighlightSuggestionEdits,
  TodoSuggestionEdits,
]);
export type SuggestionEdits = z.infer<typeof SuggestionEdits>;

export const SuggestionAccept = z
  .object({
    edits: SuggestionEdits.optional().describe(
      'Changes to make before accepting: the fields of what it becomes. `targetSection` moves it to the other section (by default it stays where it was suggested); the other fields must be ones that section has.',
    ),
  })
  .meta({ id: 'SuggestionAccept' });

export const SuggestionAccepted = z
  .object({
    suggestion: Suggestion,
    achievement: Achievement.optional(),
    focusItem: FocusItem.optional(),
    skill: CAREER_SCHEMAS.skills.entry.optional(),
    project: CAREER_SCHEMAS.projects.entry.optional(),
    position: CAREER_SCHEMAS.positions.entry.optional().describe('The current position, with the highlight added'),
    todo: Todo.optional().describe('The to-do created, or completed'),
  })
  .meta({ id: 'SuggestionAccepted' });
