import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { HttpProblem } from '../lib/problem.ts';
import type { ModelChoice, ModelProvider } from './types.ts';

/** A model choice that cannot be called as it stands (no key, no base URL). */
export const incompleteSettings = (detail: string) => new HttpProblem('ai-settings-incomplete', { detail });

/**
 * The AI SDK model for a choice. Hosted providers need the key passed in (the SDK would otherwise
 * fall back to its own environment variables, which this app does not document); an
 * OpenAI-compatible server needs a base URL and may need no key at all (Ollama, LM Studio).
 * `structuredOutputs` matters only for OpenAI-compatible servers (see below).
 */
export function languageModel(
  choice: ModelChoice,
  options: { structuredOutputs?: boolean; fetch?: typeof fetch | undefined } = {},
): LanguageModel {
  const model = choice.model.trim();
  if (!model) throw incompleteSettings('No model is chosen.');
  const baseURL = choice.baseUrl?.trim() || undefined;
  const fetch = options.fetch;
  switch (choice.provider) {
    case 'openai':
      // `.chat`: the Chat Completions API, which every OpenAI-compatible gateway also speaks.
      return createOpenAI({ apiKey: requireKey(choice), baseURL, fetch }).chat(model);
    case 'anthropic':
      return createAnthropic({ apiKey: requireKey(choice), baseURL, fetch })(model);
    case 'google':
      return createGoogle({ apiKey: requireKey(choice), baseURL, fetch })(model);
    case 'openai-compatible': {
      if (!baseURL)
        throw incompleteSettings('An OpenAI-compatible provider needs a base URL, such as http://127.0.0.1:11434/v1.');
      return createOpenAICompatible({
        name: 'compatible',
        baseURL,
        fetch,
        apiKey: choice.apiKey || undefined,
        // Streams report token usage only when asked.
        includeUsage: true,
        // By default the answer's JSON Schema goes as `response_format: json_schema` (Ollama,
        // LM Studio, vLLM, llama.cpp); `false` sends `json_object` instead (DeepSeek, Moonshot).
        supportsStructuredOutputs: options.structuredOutputs ?? true,
      })(model);
    }
    default:
      throw incompleteSettings(`Unknown AI provider "${String((choice as { provider: unknown }).provider)}".`);
  }
}

function requireKey(choice: ModelChoice): string {
  const key = choice.apiKey?.trim();
  if (!key) throw incompleteSettings(`The ${providerLabel(choice)} provider needs an API key.`);
  return key;
}

/**
 * How a provider is named in messages: its name, and for an OpenAI-compatible server its host
 * (never the full URL, which may carry credentials or a token in its query).
 */
export function providerLabel(choice: Pick<ModelChoice, 'provider' | 'baseUrl'>): string {
  const names: Record<ModelProvider, string> = {
    openai: 'OpenAI',
    anthropic: 'Anthropic',
    google: 'Google Gemini',
    'openai-compatible': 'OpenAI-compatible',
  };
  const name = names[choice.provider] ?? 'AI';
  if (choice.provider !== 'openai-compatible' || !choice.baseUrl) return name;
  try {
    return `${name} server at ${new URL(choice.baseUrl).host}`;
  } catch {
    return `${name} server`;
  }
}

/**
 * List prices in US dollars per million tokens [input, output], as the vendors published them
 * in 2025, for the standard tier without batch or prompt-cache discounts. They are estimates for
 * the usage page, not invoices; keys are model-id prefixes, so dated snapshots
 * (`gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`) match their family.
 */
const PRICES: Record<Exclude<ModelProvider, 'openai-compatible'>, Record<string, readonly [number, number]>> = {
  openai: {
    'gpt-5': [1.25, 10],
    'gpt-5-mini': [0.25, 2],
    'gpt-5-nano': [0.05, 0.4],
    'gpt-4.1': [2, 8],
    'gpt-4.1-mini': [0.4, 1.6],
    'gpt-4.1-nano': [0.1, 0.4],
    'gpt-4o': [2.5, 10],
    'gpt-4o-mini': [0.15, 0.6],
    o3: [2, 8],
    'o3-mini': [1.1, 4.4],
    'o4-mini': [1.1, 4.4],
  },
  anthropic: {
    'claude-opus-4': [15, 75],
    'claude-opus-4-5': [5, 25],
    'claude-sonnet-4': [3, 15],
    'claude-3-7-sonnet': [3, 15],
    'claude-3-5-sonnet': [3, 15],
    'claude-haiku-4-5': [1, 5],
    'claude-3-5-haiku': [0.8, 4],
  },
  google: {
    'gemini-2.5-pro': [1.25, 10],
    'gemini-2.5-flash': [0.3, 2.5],
    'gemini-2.5-flash-lite': [0.1, 0.4],
    'gemini-2.0-flash': [0.1, 0.4],
    'gemini-2.0-flash-lite': [0.075, 0.3],
  },
};

/**
 * The estimated cost of one call in US dollars, rounded to the database's six decimals.
 * Unknown models cost 0 here: that includes every OpenAI-compatible server, whose model names
 * say nothing about who runs them or what they charge (a local Ollama model is free).
 */
export function estimateCostUsd(provider: ModelProvider, model: string, inputTokens: number, outputTokens: number): number {
  if (provider === 'openai-compatible') return 0;
  const table = PRICES[provider];
  if (!table) return 0;
  const id = model
    .trim()
    .toLowerCase()
    .replace(/^models\//, '');
  // The longest matching prefix wins, so `gpt-4o-mini` is not priced as `gpt-4o`.
  const key = Object.keys(table)
    .filter((k) => id === k || id.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  if (!key) return 0;
  const [input, output] = table[key]!;
  const cost = (Math.max(0, inputTokens) * input + Math.max(0, outputTokens) * output) / 1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}
