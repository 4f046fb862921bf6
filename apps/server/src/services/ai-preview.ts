import type { z } from 'zod';
import { instructionsAsSent } from '../ai/client.ts';
import { estimateTokens } from '../ai/tokens.ts';
import type { ModelDecision } from './settings.service.ts';

/** What a feature would send, exactly as sent; with the built-in drafter nothing leaves the server. */
export function previewOf(feature: string, decision: ModelDecision, system: string, prompt: string, schema: z.ZodType<unknown>) {
  const instructions = decision.choice ? instructionsAsSent(decision.choice, system, schema) : system;
  return {
    feature,
    sendsToModel: decision.choice !== null,
    provider: decision.choice?.provider ?? 'builtin',
    model: decision.choice?.model ?? null,
    system: instructions,
    prompt,
    estimatedInputTokens: estimateTokens(instructions) + estimateTokens(prompt),
  };
}
