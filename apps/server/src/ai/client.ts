import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  AISDKError,
  APICallError,
  generateText,
  NoObjectGeneratedError,
  Output,
  RetryError,
  streamText,
  type LanguageModelUsage,
  type ModelMessage,
} from 'ai';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { HttpProblem } from '../lib/problem.ts';
import {
  deleteExpiredAnswers,
  findCachedAnswer,
  insertAiCall,
  lockAiUsage,
  recentAiUsage,
  saveCachedAnswer,
  updateAiCall,
} from '../repositories/ai.repository.ts';
import { checkBaseUrl, createOutboundFetch, OutboundRefused } from '../lib/outbound.ts';
import { estimateCostUsd, languageModel, providerLabel } from './providers.ts';
import type { AiClient, AiRequest, AiResult, ModelChoice } from './types.ts';

export interface AiLimits {
  /** Provider calls a minute per user; 0 turns the limit off. Cache hits are not counted. */
  callsPerMinute: number;
  /** Input plus output tokens per user per UTC day; 0 turns the quota off. */
  dailyTokens: number;
  /** How long one request to the provider may take, its retries included. */
  timeoutMs: number;
  /** How long an answer is reused for an identical request. */
  cacheTtlSeconds: number;
}

export const DEFAULT_AI_LIMITS: AiLimits = {
  callsPerMinute: 20,
  dailyTokens: 200_000,
  timeoutMs: 60_000,
  cacheTtlSeconds: 7 * 24 * 60 * 60,
};

export interface AiClientDeps {
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
  limits?: Partial<AiLimits> | undefined;
  /**
   * Where model calls may go. The operator's own base URL (AI_BASE_URL) and the hosts it names
   * (AI_ALLOWED_PRIVATE_HOSTS) may be private; a base URL a user gives must reach public
   * addresses only, and its failures are told to the user in one uniform message.
   */
  egress?: { operatorBaseUrl?: string | undefined; allowedPrivateHosts?: ReadonlySet<string> } | undefined;
}

export interface AiQuota {
  callsThisMinute: number;
  callsPerMinute: number;
  tokensToday: number;
  dailyTokens: number;
}

export interface AiConnector extends AiClient {
  readonly limits: AiLimits;
  /** What the user has used of the per-minute limit and the daily quota. */
  quota(userId: string): Promise<AiQuota>;
  /** Deletes expired cached answers; returns how many. For a periodic clean-up job. */
  purgeExpiredCache(): Promise<number>;
}

/** Retries of a failed request (429, 5xx, network) inside one attempt, as the AI SDK counts them. */
const MAX_RETRIES = 2;
/** How much of a malformed answer goes back to the model with the request to correct it. */
const MAX_ECHOED_ANSWER = 20_000;

// The SDK prints provider warnings to the console; this app logs through its own logger.
if (globalThis.AI_SDK_LOG_WARNINGS === undefined) globalThis.AI_SDK_LOG_WARNINGS = false;

/**
 * The one way the app talks to a model. Every call is checked against the user's per-minute limit
 * and daily token quota, answered from the cache when an identical request was answered before,
 * validated against the caller's schema (with one repair round), and recorded in `ai_calls`.
 * Neither the prompt nor the API key is ever logged or put in an error.
 */
export function createAiClient(deps: AiClientDeps): AiConnector {
  const { db, clock } = deps;
  const log = deps.logger.child({ module: 'ai' });
  const limits: AiLimits = { ...DEFAULT_AI_LIMITS, ...definedOnly(deps.limits ?? {}) };
  const operatorBaseUrl = deps.egress?.operatorBaseUrl;
  const outboundFetch = createOutboundFetch({ allowedPrivateHosts: deps.egress?.allowedPrivateHosts ?? new Set() });
  /** A base URL the user typed, as opposed to the operator's or the provider's own. */
  const isUsersUrl = (choice: ModelChoice) => Boolean(choice.baseUrl?.trim()) && choice.baseUrl !== operatorBaseUrl;

  /**
   * Counts the call against the limits and records it as `pending` (updated when it ends), or
   * refuses it. The row exists from the start so concurrent calls, in any process, see it; a row
   * left `pending` means the process stopped mid-call.
   */
  async function reserve(request: AiRequest<unknown>, now: Date): Promise<string> {
    const minuteStart = new Date(now.getTime() - 60_000);
    const dayStart = utcMidnight(now);
    return db.transaction(async (tx) => {
      await lockAiUsage(tx, request.userId);
      const usage = await recentAiUsage(tx, request.userId, minuteStart, dayStart);
      if (limits.callsPerMinute > 0 && usage.calls >= limits.callsPerMinute) {
        const freeAt = (usage.oldest?.getTime() ?? now.getTime()) + 60_000;
        const wait = seconds(freeAt - now.getTime());
        log.info({ userId: request.userId, feature: request.feature }, 'AI call refused: per-minute limit');
        throw new HttpProblem('ai-rate-limited', {
          detail: `AI features allow ${limits.callsPerMinute} requests a minute. Try again in ${wait} seconds.`,
          headers: { 'retry-after': String(wait) },
        });
      }
      if (limits.dailyTokens > 0 && usage.tokens >= limits.dailyTokens) {
        const wait = seconds(dayStart.getTime() + 86_400_000 - now.getTime());
        log.info({ userId: request.userId, feature: request.feature }, 'AI call refused: daily quota');
        throw new HttpProblem('ai-quota-exceeded', {
          detail: `Today's AI allowance of ${limits.dailyTokens.toLocaleString('en-US')} tokens is used up. It renews at midnight UTC, in about ${hours(wait)}.`,
          headers: { 'retry-after': String(wait) },
        });
      }
      return insertAiCall(tx, {
        userId: request.userId,
        feature: request.feature,
        provider: request.model.provider,
        model: request.model.model,
        cached: false,
        outcome: 'pending',
        createdAt: now,
      });
    });
  }

  async function generate<T>(request: AiRequest<T>): Promise<AiResult<T>> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // Incomplete or unsafe settings fail here, before anything is counted or sent.
    languageModel(request.model);
    if (isUsersUrl(request.model)) {
      try {
        checkBaseUrl(request.model.baseUrl!.trim());
      } catch (err) {
        log.warn({ userId: request.userId, feature: request.feature, reason: (err as Error).message }, 'AI base URL refused');
        throw unusableService();
      }
    }
    const jsonSchema = answerJsonSchema(request.schema);
    const key = cacheKey(request, jsonSchema);
    const now = clock.now();
    const context = {
      userId: request.userId,
      feature: request.feature,
      provider: request.model.provider,
      model: request.model.model,
    };

    const hit = await findCachedAnswer(db, request.userId, key, now);
    if (isCachedAnswer(hit)) {
      const parsed = request.schema.safeParse(hit.answer);
      if (parsed.success) {
        await request.onPartial?.(hit.answer);
        await insertAiCall(db, { ...context, cached: true, outcome: 'ok', latencyMs: elapsed(), createdAt: now });
        log.info({ ...context, cached: true }, 'AI answer from cache');
        return { output: parsed.data, inputTokens: 0, outputTokens: 0, cached: true };
      }
      // The schema's rules changed in a way its JSON Schema does not show: ask again.
    }

    const callId = await reserve(request, now);
    const spent = { inputTokens: 0, outputTokens: 0 };
    const count = (usage: LanguageModelUsage | undefined) => {
      spent.inputTokens += usage?.inputTokens ?? 0;
      spent.outputTokens += usage?.outputTokens ?? 0;
    };
    let outcome = 'error';
    try {
      const call: Attempt<T> = {
        choice: request.model,
        instructions: instructionsFor(request, jsonSchema),
        messages: [{ role: 'user', content: request.prompt }],
        schema: request.schema,
        onPartial: request.onPartial,
        signal: request.signal,
        timeoutMs: limits.timeoutMs,
        fetch: outboundFetch,
      };
      const first = await ask(call);
      count(first.usage);
      let answer = interpret(first.text, request.schema);
      let repaired = false;
      if (!answer.ok) {
        log.warn({ ...context, problem: answer.summary }, 'AI answer unusable; asking the model to correct it');
        repaired = true;
        const second = await ask({
          ...call,
          messages: [
            ...call.messages,
            { role: 'assistant', content: first.text.slice(0, MAX_ECHOED_ANSWER) || '(empty)' },
            {
              role: 'user',
              content: `That answer cannot be used: ${answer.reason}\nReply again with the corrected JSON only: no explanation, no code fences.`,
            },
          ],
        });
        count(second.usage);
        answer = interpret(second.text, request.schema);
        if (!answer.ok) {
          log.warn({ ...context, problem: answer.summary }, 'AI answer unusable after the repair attempt');
          throw new HttpProblem('ai-answer-unusable', {
            detail: `${providerLabel(request.model)} (model ${request.model.model}) answered with something that does not fit what was asked, even after being asked to correct it. Nothing was saved. Try again, or choose another model.`,
          });
        }
      }
      outcome = 'ok';
      const savedAt = clock.now();
      await saveCachedAnswer(db, {
        key,
        userId: request.userId,
        response: { answer: answer.raw } satisfies CachedAnswer,
        now: savedAt,
        expiresAt: new Date(savedAt.getTime() + limits.cacheTtlSeconds * 1000),
      }).catch((err: unknown) => log.error({ ...context, err: errorName(err) }, 'could not cache an AI answer'));
      log.info({ ...context, ...spent, latencyMs: elapsed(), repaired }, 'AI call finished');
      return { output: answer.value, ...spent, cached: false };
    } catch (err) {
      const problem = explain(err, request, log, context);
      // A user's own address: whether it was unreachable, refused or answered an HTTP error is
      // told to the operator's log only, so the setting cannot probe what the server can reach.
      throw isUsersUrl(request.model) && problem instanceof HttpProblem ? unusableService() : problem;
    } finally {
      const cost = estimateCostUsd(request.model.provider, request.model.model, spent.inputTokens, spent.outputTokens);
      await updateAiCall(db, callId, { ...spent, estimatedCostUsd: cost.toFixed(6), latencyMs: elapsed(), outcome }).catch(
        (err: unknown) => log.error({ err: errorName(err), callId }, 'could not record an AI call'),
      );
    }
  }

  /**
   * How each OpenAI-compatible server (and model) takes a request for JSON: a JSON Schema, or
   * failing that plain JSON mode, or failing that nothing but the instructions. Learnt on the
   * first refusal and remembered for this process.
   */
  const formats = new Map<string, JsonFormat>();

  async function ask<T>(call: Attempt<T>) {
    if (call.choice.provider !== 'openai-compatible') return attempt(call, 'json_schema');
    const key = `${call.choice.baseUrl}\n${call.choice.model}`;
    let format = formats.get(key) ?? 'json_schema';
    for (;;) {
      try {
        const result = await attempt(call, format);
        formats.set(key, format);
        return result;
      } catch (err) {
        const next = NEXT_FORMAT[format];
        if (!next || !refusesFormat(err)) throw err;
        log.info(
          { provider: call.choice.provider, model: call.choice.model, from: format, to: next },
          'AI server refused the JSON format; trying another',
        );
        format = next;
      }
    }
  }

  return {
    limits,
    generate,
    async quota(userId) {
      const now = clock.now();
      const usage = await recentAiUsage(db, userId, new Date(now.getTime() - 60_000), utcMidnight(now));
      return {
        callsThisMinute: usage.calls,
        callsPerMinute: limits.callsPerMinute,
        tokensToday: usage.tokens,
        dailyTokens: limits.dailyTokens,
      };
    },
    purgeExpiredCache: () => deleteExpiredAnswers(db, clock.now()),
  };
}

interface Attempt<T> {
  choice: ModelChoice;
  instructions: string;
  messages: ModelMessage[];
  schema: z.ZodType<T>;
  onPartial: AiRequest<T>['onPartial'];
  signal: AbortSignal | undefined;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** The caller's `onPartial` threw: its error, passed through untouched. */
class CallerError extends Error {
  readonly error: unknown;
  constructor(error: unknown) {
    super('onPartial failed');
    this.error = error;
  }
}

/** The deadline of one attempt passed; the attempt was abandoned. */
class AttemptTimedOut extends Error {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** How a request asks for JSON: `response_format` json_schema, json_object, or none. */
type JsonFormat = 'json_schema' | 'json_object' | 'none';
const NEXT_FORMAT: Record<JsonFormat, JsonFormat | undefined> = {
  json_schema: 'json_object',
  json_object: 'none',
  none: undefined,
};

/** A 400 that blames the response format: the server does not support that way of asking for JSON. */
function refusesFormat(err: unknown): boolean {
  return (
    APICallError.isInstance(err) &&
    (err.statusCode === 400 || err.statusCode === 422) &&
    /response_format|json_schema|json_object|structured output/i.test(err.responseBody ?? '')
  );
}

/** The SDK's object output (schema as response format, partial JSON while streaming), optionally without the response format. */
function outputFor<T>(schema: z.ZodType<T>, format: JsonFormat) {
  const structured = Output.object({ schema });
  return format === 'none' ? { ...structured, responseFormat: Promise.resolve({ type: 'text' as const }) } : structured;
}

/**
 * One request to the model, streamed when the caller wants partial answers. The AI SDK retries a
 * failed request itself (`maxRetries`: 429, 408, 409, 5xx and network errors), waiting what the
 * provider's `retry-after-ms` / `retry-after` header says when that is under a minute, otherwise
 * 2 s, then 4 s. The deadline covers the retries' waits too.
 */
async function attempt<T>(
  call: Attempt<T>,
  format: JsonFormat,
): Promise<{ text: string; usage: LanguageModelUsage | undefined }> {
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
  const output = outputFor(call.schema, format);
  const settings = {
    model: languageModel(call.choice, { structuredOutputs: format === 'json_schema', fetch: call.fetch }),
    instructions: call.instructions,
    messages: call.messages,
    output,
    maxRetries: MAX_RETRIES,
    abortSignal: signal,
    // Strict JSON Schema mode refuses schemas with optional fields; validation here is the check.
    providerOptions: { openai: { strictJsonSchema: false }, compatible: { strictJsonSchema: false } },
  };
  try {
    if (!call.onPartial) {
      try {
        const result = await generateText(settings);
        return { text: result.text, usage: result.totalUsage };
      } catch (err) {
        // The SDK's own parse failed; the text still gets the lenient parse and, if need be, a repair.
        if (NoObjectGeneratedError.isInstance(err)) return { text: err.text ?? '', usage: err.usage };
        throw err;
      }
    }
    const result = streamText({ ...settings, onError: () => {} });
    let text = '';
    let usage: LanguageModelUsage | undefined;
    let shown = '';
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        text += part.text;
        const partial = await output.parsePartialOutput({ text });
        const json = partial === undefined ? '' : JSON.stringify(partial.partial);
        if (partial !== undefined && json !== shown) {
          shown = json;
          try {
            await call.onPartial(partial.partial);
          } catch (err) {
            throw new CallerError(err);
          }
        }
      } else if (part.type === 'finish') {
        usage = part.totalUsage;
      } else if (part.type === 'error') {
        throw part.error;
      } else if (part.type === 'abort') {
        throw signal.reason ?? new DOMException('The call was aborted.', 'AbortError');
      }
    }
    return { text, usage };
  } catch (err) {
    if (err instanceof CallerError) throw err;
    if (call.signal?.aborted) throw call.signal.reason ?? err;
    if (deadline.aborted) throw new AttemptTimedOut(call.timeoutMs);
    throw err;
  }
}

type Interpreted<T> = { ok: true; value: T; raw: unknown } | { ok: false; reason: string; summary: string };

/**
 * Reads the model's answer: tolerates a code fence or a sentence around the JSON, then validates
 * it. `reason` goes back to the model (it may quote the answer); `summary` is safe to log.
 */
function interpret<T>(text: string, schema: z.ZodType<T>): Interpreted<T> {
  const candidate = jsonCandidate(text);
  if (!candidate) return { ok: false, reason: 'the answer was empty or contained no JSON.', summary: 'no JSON' };
  let raw: unknown;
  try {
    raw = JSON.parse(candidate);
  } catch (err) {
    return { ok: false, reason: `the answer is not valid JSON (${(err as Error).message}).`, summary: 'not valid JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data, raw };
  return {
    ok: false,
    reason: `the JSON does not match the required shape:\n${z.prettifyError(parsed.error)}`,
    summary: parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
      .join('; '),
  };
}

function jsonCandidate(text: string): string | undefined {
  let body = text.trim();
  const fenced = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?```$/.exec(body);
  if (fenced) body = fenced[1]!.trim();
  if (!body) return undefined;
  if (body.startsWith('{') || body.startsWith('[')) return body;
  // Prose around one object: take the outermost braces.
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  return start >= 0 && end > start ? body.slice(start, end + 1) : body;
}

/** Turns what went wrong into a problem the user may read: provider, model, status, never the rest. */
function explain(err: unknown, request: AiRequest<unknown>, log: FastifyBaseLogger, context: Record<string, unknown>): unknown {
  if (err instanceof HttpProblem) return err;
  if (err instanceof CallerError) return err.error;
  if (request.signal?.aborted) return err;
  if (err instanceof OutboundRefused) {
    log.warn({ ...context, reason: err.message }, 'AI request refused: not a public address');
    return unusableService();
  }
  const who = `${providerLabel(request.model)} (model ${request.model.model})`;
  if (err instanceof AttemptTimedOut) {
    log.warn({ ...context, timeoutMs: err.timeoutMs }, 'AI provider timed out');
    return new HttpProblem('ai-timeout', {
      detail: `${who} did not answer within ${err.timeoutMs < 10_000 ? err.timeoutMs / 1000 : Math.round(err.timeoutMs / 1000)} seconds. Try again later.`,
    });
  }
  const attempts = RetryError.isInstance(err) ? err.errors.length : 1;
  const last = RetryError.isInstance(err) ? err.lastError : err;
  if (APICallError.isInstance(last)) {
    const status = last.statusCode;
    log.warn({ ...context, status, attempts, error: errorName(last) }, 'AI provider call failed');
    if (status === undefined) {
      return unavailable(
        `${who} could not be reached${attempts > 1 ? ` (${attempts} attempts)` : ''}. Check that it is running and that its address is right.`,
      );
    }
    if (last.isRetryable || status === 429 || status >= 500) {
      const why = status === 429 ? 'is refusing requests for now (rate limit)' : `answered with an error (HTTP ${status})`;
      return unavailable(`${who} ${why}${attempts > 1 ? ` on all ${attempts} attempts` : ''}. Try again later.`);
    }
    const hint =
      status === 401 || status === 403
        ? 'Check the API key in the AI settings.'
        : status === 404
          ? 'Check the model name and the base URL in the AI settings.'
          : 'Check the AI settings.';
    return new HttpProblem('ai-provider-refused', {
      detail: `${who} refused the request (HTTP ${status}). ${hint}`,
    });
  }
  log.warn({ ...context, attempts, error: errorName(last) }, 'AI provider call failed');
  if (AISDKError.isInstance(last) && !ANSWER_ERRORS.has(last.name)) {
    // Raised before sending: the SDK or provider cannot express this request (a schema feature, a setting).
    return new HttpProblem('ai-provider-refused', {
      detail: `${who} cannot take this request (${last.name}). Check the AI settings, or choose another model.`,
    });
  }
  // A stream that broke off, an error sent inside the stream, or a body not in the provider's format.
  // Whatever it was, its message may quote the request, so only its name is logged.
  return unavailable(`${who} broke off its answer or sent one that could not be read. Try again later.`);
}

/** SDK errors about what came back, as opposed to what was to be sent. */
const ANSWER_ERRORS = new Set([
  'AI_InvalidResponseDataError',
  'AI_InvalidStreamPartError',
  'AI_EmptyResponseBodyError',
  'AI_JSONParseError',
  'AI_TypeValidationError',
  'AI_StreamProviderError',
  'AI_NoContentGeneratedError',
  'AI_NoOutputGeneratedError',
]);

/** One answer for every failure of a user's own AI address (see isUsersUrl). */
const unusableService = () =>
  new HttpProblem('ai-service-unusable', {
    detail:
      'The AI service at the base URL in your AI settings could not be used. It must be a public http(s) address without a user name, query or fragment; check the address, key and model, or clear the base URL.',
  });

const unavailable = (detail: string) => new HttpProblem('ai-provider-unavailable', { detail });

/** An error's class name only: its message may quote the request or the provider's answer. */
function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/**
 * The model is told to answer in JSON of the schema's shape. Hosted providers also get the
 * schema as their structured-output setting; OpenAI-compatible servers may ignore that, so for
 * them it is in the instructions too.
 */
function instructionsFor(request: AiRequest<unknown>, jsonSchema: Record<string, unknown>): string {
  const base = request.system.trim();
  if (request.model.provider !== 'openai-compatible') return base;
  const { $schema: _ignored, ...schema } = jsonSchema;
  return `${base}\n\nAnswer with one JSON value and nothing else (no prose, no code fences), matching this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** The instructions exactly as a call with this model and schema sends them (for previews). */
export function instructionsAsSent(model: ModelChoice, system: string, schema: z.ZodType<unknown>): string {
  return instructionsFor({ model, system, schema } as AiRequest<unknown>, answerJsonSchema(schema));
}

function answerJsonSchema(schema: z.ZodType<unknown>): Record<string, unknown> {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
}

/** Identical requests share a key: same user, feature, model, endpoint, instructions, prompt and shape. */
export function cacheKey(request: AiRequest<unknown>, jsonSchema = answerJsonSchema(request.schema)): string {
  const parts = [
    'v1',
    request.userId,
    request.feature,
    request.model.provider,
    request.model.model,
    request.model.baseUrl ?? '',
    request.system,
    request.prompt,
    jsonSchema,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

interface CachedAnswer {
  answer: unknown;
}

function isCachedAnswer(value: unknown): value is CachedAnswer {
  return typeof value === 'object' && value !== null && 'answer' in value;
}

function utcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const hours = (s: number) => (s < 3600 ? `${Math.ceil(s / 60)} minutes` : `${Math.round(s / 3600)} hours`);

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
