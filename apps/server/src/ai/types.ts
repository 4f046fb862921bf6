import type { z } from 'zod';

/** What a model call is for: each has its own model choice, cache entries and usage line. */
export type AiFeature = 'report_draft' | 'suggestion' | 'monthly_reflection';

export type ModelProvider = 'openai' | 'anthropic' | 'google' | 'openai-compatible';

/** The model a call goes to, already resolved from the user's settings or the server default. */
export interface ModelChoice {
  provider: ModelProvider;
  model: string;
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
}

export interface AiRequest<T> {
  userId: string;
  feature: AiFeature;
  model: ModelChoice;
  /** Instructions; never contains user data. */
  system: string;
  /** The task's data: only what the task needs, never an e-mail address, password or token. */
  prompt: string;
  /** The answer's shape; the answer is validated against it. */
  schema: z.ZodType<T>;
  /** Called with the growing answer while it streams in. */
  onPartial?: ((partial: unknown) => void | Promise<void>) | undefined;
  signal?: AbortSignal | undefined;
}

export interface AiResult<T> {
  output: T;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
}

export interface AiClient {
  generate<T>(request: AiRequest<T>): Promise<AiResult<T>>;
}
