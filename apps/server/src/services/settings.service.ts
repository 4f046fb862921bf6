import { DEFAULT_REMINDERS, type ReminderSettings, type Settings } from '@career-anchor/contracts';
import type { ModelChoice, ModelProvider } from '../ai/types.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { checkBaseUrl, namesPrivateAddress } from '../lib/outbound.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SettingsRow } from '../repositories/settings.repository.ts';
import type { Actor } from '../lib/actor.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { uuidv7 } from '../lib/ids.ts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';

type SettingsInput = Partial<{
  aiEnabled: boolean;
  aiProvider: Settings['aiProvider'];
  aiBaseUrl: string | null;
  aiModels: {
    reportDraft?: string | null | undefined;
    suggestion?: string | null | undefined;
    reflection?: string | null | undefined;
  };
  aiApiKey: string | null;
  suggestionsEnabled: boolean;
  suggestionFrequency: Settings['suggestionFrequency'];
  reminders: {
    [K in keyof ReminderSettings]?: ReminderSettings[K] extends object ? Partial<ReminderSettings[K]> : ReminderSettings[K];
  };
}>;

/** Stored reminder settings over the defaults, kind by kind, so new kinds and fields get defaults. */
export function withReminderDefaults(stored: Record<string, unknown>): ReminderSettings {
  const out: Record<string, unknown> = { ...DEFAULT_REMINDERS };
  for (const [key, fallback] of Object.entries(DEFAULT_REMINDERS)) {
    const value = stored[key];
    if (value === undefined) continue;
    out[key] = typeof fallback === 'object' ? { ...fallback, ...(value as object) } : value;
  }
  return out as ReminderSettings;
}

/** Which model a task uses for this user: a model choice, or null for the built-in drafter. */
export type ModelDecision = { choice: ModelChoice; label: string } | { choice: null; label: 'builtin' };

export function createSettingsService(deps: {
  repos: Repositories;
  clock: Clock;
  config: Config;
  sealer: Sealer;
  queue: JobQueue;
}) {
  const { repos, clock, config, sealer, queue } = deps;

  async function row(userId: string): Promise<SettingsRow> {
    const found = await repos.for({ userId }).settings.find();
    if (!found) throw notFound('Settings');
    return found;
  }

  const toDto = (settings: SettingsRow): Settings => ({
    aiEnabled: settings.aiEnabled,
    aiProvider: (settings.aiProvider ?? 'default') as Settings['aiProvider'],
    aiBaseUrl: settings.aiBaseUrl,
    aiModels: settings.aiModels,
    hasAiApiKey: Boolean(settings.aiApiKeyEncrypted),
    serverDefault: { provider: config.ai.provider, model: config.ai.model ?? null },
    suggestionsEnabled: settings.suggestionsEnabled,
    suggestionFrequency: settings.suggestionFrequency as Settings['suggestionFrequency'],
    reminders: withReminderDefaults(settings.reminders),
    emailAvailable: Boolean(config.smtp),
  });

  /** A user's base URL, checked as it is saved (the AI client checks every address again as it connects). */
  function checkUsersBaseUrl(raw: string) {
    let url: URL;
    try {
      url = checkBaseUrl(raw);
    } catch {
      throw badRequest('The base URL must be an http(s) address without a user name, password, query or fragment.', [
        { path: 'aiBaseUrl', message: 'Not usable' },
      ]);
    }
    if (namesPrivateAddress(url, config.ai)) {
      throw badRequest('The base URL names a private address, which this server does not reach for its users.', [
        { path: 'aiBaseUrl', message: 'Private address' },
      ]);
    }
  }

  return {
    async get(actor: Actor): Promise<Settings> {
      return toDto(await row(actor.userId));
    },

    async update(actor: Actor, input: SettingsInput): Promise<Settings> {
      const { aiApiKey, aiProvider, aiModels, reminders, ...rest } = input;
      if (rest.aiBaseUrl) checkUsersBaseUrl(rest.aiBaseUrl);
      const values: Partial<SettingsRow> = { ...rest };
      if (reminders) {
        const current = withReminderDefaults((await row(actor.userId)).reminders);
        values.reminders = withReminderDefaults({
          ...current,
          ...Object.fromEntries(
            Object.entries(reminders).map(([k, v]) => [k, typeof v === 'object' ? { ...(current as any)[k], ...v } : v]),
          ),
        });
      }
      if (aiProvider !== undefined) values.aiProvider = aiProvider === 'default' ? null : aiProvider;
      if (aiModels !== undefined)
        values.aiModels = Object.fromEntries(Object.entries(aiModels).filter(([, v]) => v)) as Record<string, string>;
      if (aiApiKey !== undefined) values.aiApiKeyEncrypted = aiApiKey ? sealer.seal(aiApiKey) : null;
      await repos.transaction(actor, async ({ settings }, tx) => {
        await settings.update(values, clock.now());
        // New reminder settings apply at once, not at the next quarter-hour pass.
        if (reminders) await queue.sendInternal(tx, INTERNAL_JOB.userTick, { userId: actor.userId }, uuidv7());
      });
      return toDto(await row(actor.userId));
    },

    async suggestionPolicy(userId: string) {
      const settings = await row(userId);
      return { enabled: settings.suggestionsEnabled, frequency: settings.suggestionFrequency as Settings['suggestionFrequency'] };
    },

    /**
     * The model for a task: the user's own provider and key if they set one, else the server's
     * default; the built-in drafter when AI is off or no model is configured.
     */
    async modelFor(userId: string, task: 'reportDraft' | 'suggestion' | 'reflection'): Promise<ModelDecision> {
      const settings = await row(userId);
      if (!settings.aiEnabled) return { choice: null, label: 'builtin' };
      const own = settings.aiProvider;
      if (own === 'builtin') return { choice: null, label: 'builtin' };
      const provider = (own ?? config.ai.provider) as ModelProvider | 'builtin';
      if (provider === 'builtin') return { choice: null, label: 'builtin' };
      const model = settings.aiModels[task] ?? (own ? undefined : config.ai.model) ?? config.ai.model;
      if (!model) return { choice: null, label: 'builtin' };
      const apiKey = own ? (settings.aiApiKeyEncrypted ? sealer.open(settings.aiApiKeyEncrypted) : undefined) : config.ai.apiKey;
      const baseUrl = own ? (settings.aiBaseUrl ?? undefined) : config.ai.baseUrl;
      return { choice: { provider, model, apiKey, baseUrl }, label: `${provider}/${model}` };
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
