import { z } from 'zod';
import { CalendarDate } from './common.ts';
import { ReminderSettings, ReminderSettingsUpdate } from './notifications.ts';

export const AiProviderSetting = z.enum(['default', 'builtin', 'openai', 'anthropic', 'google', 'openai-compatible']);
export const AiTask = z.enum(['reportDraft', 'suggestion', 'reflection']);
export const SuggestionFrequency = z.enum(['immediate', 'daily', 'weekly']);

const ModelName = z.string().trim().min(1).max(120);

export const Settings = z
  .object({
    aiEnabled: z.boolean().describe('Off: nothing is ever sent to a model; the built-in drafter is used'),
    aiProvider: AiProviderSetting.describe('“default” uses the server’s provider'),
    aiBaseUrl: z.string().nullable(),
    aiModels: z.object({
      reportDraft: z.string().optional(),
      suggestion: z.string().optional(),
      reflection: z.string().optional(),
    }),
    hasAiApiKey: z.boolean().describe('Whether a key of your own is stored; it is never sent back'),
    serverDefault: z.object({ provider: z.string(), model: z.string().nullable() }),
    suggestionsEnabled: z.boolean(),
    suggestionFrequency: SuggestionFrequency.describe('How often new suggestions may appear'),
    reminders: ReminderSettings,
    emailAvailable: z.boolean().describe('Whether this server can send e-mail'),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof Settings>;

export const SettingsUpdate = z
  .object({
    aiEnabled: z.boolean(),
    aiProvider: AiProviderSetting,
    aiBaseUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
    aiModels: z
      .object({ reportDraft: ModelName.nullable(), suggestion: ModelName.nullable(), reflection: ModelName.nullable() })
      .partial()
      .describe('Models to change; null goes back to the default, tasks left out keep theirs'),
    aiApiKey: z.string().trim().max(500).nullable().describe('Your own key, stored encrypted; null or "" removes it'),
    suggestionsEnabled: z.boolean(),
    suggestionFrequency: SuggestionFrequency,
    reminders: ReminderSettingsUpdate,
  })
  .partial()
  .meta({ id: 'SettingsUpdate' });

export const AiPreviewRequest = z
  .discriminatedUnion('feature', [
    z.object({
      feature: z.literal('report_draft'),
      type: z.enum(['weekly', 'monthly', 'quarterly', 'custom']),
      periodStart: CalendarDate,
      periodEnd: CalendarDate,
    }),
    z.object({
      feature: z.literal('suggestion'),
      trigger: z.object({ kind: z.enum(['todo_completed', 'report_finalized', 'achievement_added']), id: z.string().max(64) }),
    }),
  ])
  .meta({ id: 'AiPreviewRequest' });

export const AiPreview = z
  .object({
    feature: z.string(),
    sendsToModel: z.boolean().describe('False when the built-in drafter would do the work: nothing leaves the server'),
    provider: z.string(),
    model: z.string().nullable(),
    system: z.string(),
    prompt: z.string().describe('Exactly the text that would be sent'),
    estimatedInputTokens: z.number().int(),
  })
  .meta({ id: 'AiPreview' });

const UsageLine = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  estimatedCostUsd: z.number(),
});
export const AiUsage = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    days: z.array(UsageLine.extend({ date: CalendarDate })),
    features: z.array(UsageLine.extend({ feature: z.string() })),
    totals: UsageLine,
    quota: z.object({ dailyTokens: z.number().int(), usedToday: z.number().int() }),
  })
  .meta({ id: 'AiUsage' });
export const AiUsageQuery = z.object({ from: CalendarDate.optional(), to: CalendarDate.optional() });
