import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { Achievement, FocusItem, Skills, Title, text } from './items.ts';

export const SuggestionTarget = z.enum(['achievements', 'current_focus']);
export const SuggestionStatus = z.enum(['pending', 'accepted', 'rejected']);
export const SuggestionTriggerKind = z.enum(['todo_completed', 'report_finalized', 'achievement_added']);

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

export const SuggestionAccept = z
  .object({
    edits: z
      .object({
        targetSection: SuggestionTarget,
        suggestedTitle: Title,
        suggestedDescription: text(5000),
        quantifiableResults: text(2000),
        coreSkills: Skills,
      })
      .partial()
      .optional()
      .describe('Changes to make before accepting'),
  })
  .meta({ id: 'SuggestionAccept' });

export const SuggestionAccepted = z
  .object({
    suggestion: Suggestion,
    achievement: Achievement.optional(),
    focusItem: FocusItem.optional(),
  })
  .meta({ id: 'SuggestionAccepted' });
