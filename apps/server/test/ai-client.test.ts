import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createAiClient, type AiLimits } from '../src/ai/client.ts';
import { estimateCostUsd } from '../src/ai/providers.ts';
import type { AiRequest, ModelChoice } from '../src/ai/types.ts';
import { jobActor } from '../src/lib/actor.ts';
import { allowedHosts } from '../src/lib/outbound.ts';
import { HttpProblem } from '../src/lib/problem.ts';
import { insertAiCall, listAiCalls } from '../src/repositories/ai.repository.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { startFakeModel, type FakeModel } from './helpers/fake-model.ts';

const API_KEY = 'sk-test-a1b2c3d4e5f6-never-log-me';
const Answer = z.object({ title: z.string().min(1), points: z.array(z.string()).min(1) });
const GOOD = { title: 'Shipped the importer', points: ['cut import time by 40%', 'no data loss'] };

let t: TestApp;
let fake: FakeModel;
let user: TestUser;
/** Every line any client in this file logged. */
const logLines: string[] = [];
const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));

beforeAll(async () => {
  t = await createTestApp();
  fake = await startFakeModel();
});
afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore();
  await fake?.close();
  await t?.close();
});
beforeEach(async () => {
  fake.reset();
  fake.setDefault(() => GOOD);
  user = await signUp(t.app);
});

function testClock(start = '2030-03-14T10:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/**
 * A client as the server builds it: by default the operator's base URL is the fake model's;
 * `operator: null` has none, and `allowed` names private hosts as AI_ALLOWED_PRIVATE_HOSTS does.
 */
function client(
  options: {
    limits?: Partial<AiLimits>;
    clock?: ReturnType<typeof testClock>;
    operator?: string | null;
    allowed?: string[];
  } = {},
) {
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  const operatorBaseUrl = options.operator === undefined ? fake.baseUrl : (options.operator ?? undefined);
  return createAiClient({
    db: t.ctx.database.db,
    clock: options.clock ?? testClock(),
    logger,
    limits: options.limits,
    egress: { operatorBaseUrl, allowedPrivateHosts: allowedHosts([operatorBaseUrl], options.allowed ?? []) },
  });
}

const choice = (): ModelChoice => ({ provider: 'openai-compatible', model: 'fake-1', baseUrl: fake.baseUrl, apiKey: API_KEY });

function request(overrides: Partial<AiRequest<z.infer<typeof Answer>>> = {}): AiRequest<z.infer<typeof Answer>> {
  return {
    userId: user.id,
    feature: 'suggestion',
    model: choice(),
    system: 'Propose one update to the career page.',
    // The prompt carries the address only so the tests can check it never leaks into logs or errors.
    prompt: `activity: finished the importer\ncontact: ${user.email}`,
    schema: Answer,
    ...overrides,
  };
}

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpProblem);
  const problem = err as HttpProblem;
  for (const secret of [API_KEY, user.email, 'finished the importer']) {
    expect(`${problem.message} ${problem.detail} ${problem.title} ${JSON.stringify(problem)}`).not.toContain(secret);
  }
  return problem;
}

const calls = () => listAiCalls(t.ctx.database.db, user.id);

describe.each([
  ['plain', false],
  ['streamed', true],
])('generate (%s)', (_mode, streamed) => {
  const partials: unknown[] = [];
  const withMode = (overrides: Partial<AiRequest<z.infer<typeof Answer>>> = {}) =>
    request({ ...(streamed ? { onPartial: (p: unknown) => void partials.push(p) } : {}), ...overrides });
  beforeEach(() => {
    partials.length = 0;
  });

  it('returns the validated answer and records the call with tokens and latency', async () => {
    fake.script({ json: GOOD, usage: { promptTokens: 120, completionTokens: 30 } });
    const result = await client().generate(withMode());
    expect(result).toEqual({ output: GOOD, inputTokens: 120, outputTokens: 30, cached: false });

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.model).toBe('fake-1');
    expect(sent.response_format).toMatchObject({ type: 'json_schema' });
    expect(JSON.stringify(sent.messages)).toContain('JSON Schema');
    expect(fake.headers[0]!.authorization).toBe(`Bearer ${API_KEY}`);
    if (streamed) {
      expect(sent.stream).toBe(true);
      expect(sent.stream_options).toEqual({ include_usage: true });
      expect(partials.length).toBeGreaterThan(1);
      expect(partials.at(-1)).toEqual(GOOD);
    } else {
      expect(sent.stream).toBeFalsy();
    }

    const [row] = await calls();
    expect(row).toMatchObject({
      feature: 'suggestion',
      provider: 'openai-compatible',
      model: 'fake-1',
      inputTokens: 120,
      outputTokens: 30,
      cached: false,
      outcome: 'ok',
      estimatedCostUsd: '0.000000',
    });
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row!.latencyMs).toBeLessThan(10_000);
  });

  it('waits out a 429 with Retry-After: 1 and then succeeds', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '1' }, message: 'slow down' }, { json: GOOD });
    const started = Date.now();
    const result = await client().generate(withMode());
    expect(result.output).toEqual(GOOD);
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const [row] = await calls();
    expect(row).toMatchObject({ outcome: 'ok', cached: false });
    expect(row!.latencyMs).toBeGreaterThanOrEqual(900);
  });

  it('asks once for a correction when the answer is not JSON, and uses the corrected answer', async () => {
    fake.script(
      { text: 'Sure! Here is the update: title = Shipped', usage: { promptTokens: 50, completionTokens: 10 } },
      { json: GOOD, usage: { promptTokens: 70, completionTokens: 20 } },
    );
    const result = await client().generate(withMode());
    expect(result).toMatchObject({ output: GOOD, inputTokens: 120, outputTokens: 30, cached: false });
    expect(fake.requests).toHaveLength(2);
    const repair = fake.requests[1]!.messages;
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: 'Sure! Here is the update: title = Shipped' });
    expect(String(repair.at(-1)!.content)).toMatch(/not valid JSON[\s\S]*corrected JSON only/);
    expect((await calls())[0]).toMatchObject({ outcome: 'ok', inputTokens: 120, outputTokens: 30 });
  });

  it('repairs an answer that is JSON of the wrong shape, telling the model what is wrong', async () => {
    fake.script({ json: { title: '', points: [] } }, { json: GOOD });
    expect((await client().generate(withMode())).output).toEqual(GOOD);
    const correction = String(fake.requests[1]!.messages.at(-1)!.content);
    expect(correction).toContain('does not match the required shape');
    expect(correction).toContain('points');
  });

  it('gives up with a 502 when the corrected answer is still malformed', async () => {
    fake.script({ text: 'not json at all' }, { json: { title: 42 } });
    const problem = await problemOf(client().generate(withMode()));
    expect(problem.status).toBe(502);
    expect(problem.title).toBe('The AI answer was not usable');
    expect(problem.detail).not.toContain('not json at all');
    expect(problem.detail).toContain('fake-1');
    expect(fake.requests).toHaveLength(2);
    const [row] = await calls();
    expect(row).toMatchObject({ outcome: 'error', cached: false });
    expect(row!.inputTokens).toBeGreaterThan(0);
  });

  it('answers 502 naming the provider when it keeps failing with 503', async () => {
    fake.script(...Array.from({ length: 3 }, () => ({ status: 503, headers: { 'retry-after': '0' } })));
    const problem = await problemOf(client().generate(withMode()));
    expect(problem.status).toBe(502);
    expect(problem.title).toBe('The AI provider is unavailable');
    expect(problem.detail).toContain(`OpenAI-compatible server at ${new URL(fake.baseUrl).host}`);
    expect(problem.detail).toContain('HTTP 503');
    expect(problem.detail).toContain('3 attempts');
    expect(fake.requests).toHaveLength(3);
    expect((await calls())[0]).toMatchObject({ outcome: 'error', inputTokens: 0, outputTokens: 0 });
  });

  it('does not retry a refused key, and says to check it', async () => {
    fake.script({ status: 401, message: `Incorrect API key provided: ${API_KEY}` });
    const problem = await problemOf(client().generate(withMode()));
    expect(problem).toMatchObject({ status: 502, title: 'The AI provider refused the request' });
    expect(problem.detail).toContain('HTTP 401');
    expect(problem.detail).toContain('API key');
    expect(fake.requests).toHaveLength(1);
  });

  it('answers 504 when the provider does not answer in time', async () => {
    fake.script({ hang: true });
    const problem = await problemOf(client({ limits: { timeoutMs: 300 } }).generate(withMode()));
    expect(problem).toMatchObject({ status: 504, title: 'The AI provider did not answer in time' });
    expect((await calls())[0]).toMatchObject({ outcome: 'error' });
  });
});

describe('connection failures', () => {
  it('retries a reset connection', async () => {
    fake.script({ reset: true }, { json: GOOD });
    expect((await client().generate(request())).output).toEqual(GOOD);
    expect(fake.requests).toHaveLength(2);
  });

  it('answers 502 when the provider cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const closedUrl = `http://127.0.0.1:${port}/v1`;
    const problem = await problemOf(
      client({ operator: closedUrl }).generate(request({ model: { ...choice(), baseUrl: closedUrl } })),
    );
    expect(problem).toMatchObject({ status: 502, title: 'The AI provider is unavailable' });
    expect(problem.detail).toContain(`127.0.0.1:${port}`);
    expect(problem.detail).toContain('could not be reached');
    expect((await calls())[0]).toMatchObject({ outcome: 'error' });
  });

  it('passes the caller’s abort through unchanged', async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    const pending = client().generate(request({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('job cancelled')), 100);
    await expect(pending).rejects.toThrow('job cancelled');
    expect((await calls())[0]).toMatchObject({ outcome: 'error' });
  });
});

describe('OpenAI-compatible servers that do not take a JSON Schema', () => {
  it('fall back to JSON mode, then to instructions alone, and remember what worked', async () => {
    const ai = client();
    fake.script(
      { status: 400, message: 'This response_format type is unavailable now' },
      { status: 400, message: "'response_format.type' must be 'json_schema' or 'text'" },
      { json: GOOD },
    );
    expect((await ai.generate(request())).output).toEqual(GOOD);
    expect(fake.requests.map((r) => (r.response_format as { type?: string } | undefined)?.type)).toEqual([
      'json_schema',
      'json_object',
      undefined,
    ]);
    // The schema still reaches the model through the instructions.
    expect(fake.requests[2]!.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('"points"') });

    await ai.generate(request({ prompt: 'another task', onPartial: () => {} }));
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[3]!.response_format).toBeUndefined();
  });

  it('do not fall back on a 400 about something else', async () => {
    fake.script({ status: 400, message: 'context length exceeded' });
    const problem = await problemOf(client().generate(request()));
    expect(problem).toMatchObject({ status: 502, title: 'The AI provider refused the request' });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('callers', () => {
  it('get their own onPartial error back, not a provider problem', async () => {
    const failure = new Error('could not store the partial answer');
    const err = await client()
      .generate(request({ onPartial: () => Promise.reject(failure) }))
      .catch((e: unknown) => e);
    expect(err).toBe(failure);
    expect((await calls())[0]).toMatchObject({ outcome: 'error' });
  });
});

describe('settings', () => {
  it('refuses a hosted provider without a key before counting or sending anything', async () => {
    const problem = await problemOf(client().generate(request({ model: { provider: 'openai', model: 'gpt-4o-mini' } })));
    expect(problem.status).toBe(400);
    expect(problem.detail).toContain('API key');
    expect(await calls()).toHaveLength(0);
  });

  it('refuses an OpenAI-compatible provider without a base URL', async () => {
    const problem = await problemOf(client().generate(request({ model: { provider: 'openai-compatible', model: 'llama3' } })));
    expect(problem.status).toBe(400);
    expect(problem.detail).toContain('base URL');
  });
});

describe('cache', () => {
  it('answers an identical request from the cache without calling the provider', async () => {
    const clock = testClock();
    const ai = client({ clock });
    fake.script({ json: GOOD, usage: { promptTokens: 100, completionTokens: 20 } });
    const first = await ai.generate(request());
    const partials: unknown[] = [];
    const second = await ai.generate(request({ onPartial: (p) => void partials.push(p) }));
    expect(first.cached).toBe(false);
    expect(second).toEqual({ output: GOOD, inputTokens: 0, outputTokens: 0, cached: true });
    expect(partials).toEqual([GOOD]);
    expect(fake.requests).toHaveLength(1);

    const rows = await calls();
    expect(rows.map((r) => r.cached).sort()).toEqual([false, true]);
    expect(rows.find((r) => r.cached)).toMatchObject({ outcome: 'ok', inputTokens: 0, outputTokens: 0, feature: 'suggestion' });
  });

  it('keys the cache by user, prompt, feature, model and schema, and honours its expiry', async () => {
    const clock = testClock();
    const ai = client({ clock, limits: { cacheTtlSeconds: 3600 } });
    await ai.generate(request());
    expect(fake.requests).toHaveLength(1);

    await ai.generate(request({ prompt: 'activity: something else' }));
    await ai.generate(request({ feature: 'report_draft' }));
    await ai.generate(request({ model: { ...choice(), model: 'fake-2' } }));
    await ai.generate(request({ schema: Answer.extend({ note: z.string().optional() }) }));
    const other = await signUp(t.app);
    await ai.generate(request({ userId: other.id }));
    expect(fake.requests).toHaveLength(6);

    await ai.generate(request());
    expect(fake.requests).toHaveLength(6);
    clock.advance(3601_000);
    const late = await ai.generate(request());
    expect(late.cached).toBe(false);
    expect(fake.requests).toHaveLength(7);
    // The five other answers have expired by now; the one just asked again has not.
    expect(await ai.purgeExpiredCache()).toBe(5);
    clock.advance(3601_000);
    expect(await ai.purgeExpiredCache()).toBe(1);
  });

  it('re-validates a cached answer and asks again when it no longer fits the schema', async () => {
    const ai = client();
    const loose = z.object({ title: z.string(), points: z.array(z.string()) });
    fake.script({ json: { title: 'x', points: [] } });
    await ai.generate(request({ schema: loose }));
    // Same JSON Schema, stricter rule than JSON Schema shows: the cached answer fails it.
    const strict = loose.refine((a) => a.points.length > 0, 'needs a point');
    const result = await ai.generate(request({ schema: strict }));
    expect(result.cached).toBe(false);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('limits', () => {
  it('refuses with 429 and Retry-After once the daily token quota is used, before calling the provider', async () => {
    const clock = testClock('2030-03-14T22:00:00.000Z');
    const ai = client({ clock, limits: { dailyTokens: 100 } });
    fake.script({ json: GOOD, usage: { promptTokens: 80, completionTokens: 30 } });
    await ai.generate(request());
    expect(fake.requests).toHaveLength(1);

    const problem = await problemOf(ai.generate(request({ prompt: 'another task' })));
    expect(problem).toMatchObject({ status: 429, title: 'AI quota used up' });
    expect(problem.headers['retry-after']).toBe(String(2 * 3600));
    expect(problem.detail).toContain('100 tokens');
    expect(fake.requests).toHaveLength(1);
    expect(await calls()).toHaveLength(1);

    // An identical request is still answered from the cache: it costs nothing.
    expect((await ai.generate(request())).cached).toBe(true);
    expect(await ai.quota(user.id)).toMatchObject({ tokensToday: 110, dailyTokens: 100 });

    // A new UTC day, a new allowance.
    clock.advance(2 * 3600_000);
    await ai.generate(request({ prompt: 'another task' }));
    expect(fake.requests).toHaveLength(2);
  });

  it('allows so many provider calls a minute, then answers 429 with Retry-After', async () => {
    const clock = testClock();
    const ai = client({ clock, limits: { callsPerMinute: 2 } });
    await ai.generate(request({ prompt: 'one' }));
    clock.advance(20_000);
    await ai.generate(request({ prompt: 'two' }));
    clock.advance(5_000);

    const problem = await problemOf(ai.generate(request({ prompt: 'three' })));
    expect(problem).toMatchObject({ status: 429, title: 'Too many AI requests' });
    expect(problem.headers['retry-after']).toBe('35');
    expect(fake.requests).toHaveLength(2);

    // Cache hits do not count and are not refused.
    expect((await ai.generate(request({ prompt: 'one' }))).cached).toBe(true);
    // Another user has a budget of their own.
    const other = await signUp(t.app);
    await ai.generate(request({ userId: other.id, prompt: 'three' }));
    expect(fake.requests).toHaveLength(3);

    clock.advance(36_000);
    await ai.generate(request({ prompt: 'three' }));
    expect(fake.requests).toHaveLength(4);
  });

  it('counts calls made at the same time against one budget', async () => {
    const ai = client({ limits: { callsPerMinute: 3 } });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => ai.generate(request({ prompt: `task ${i}` }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as HttpProblem).status)).toEqual([429, 429, 429]);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('usage summary', () => {
  const usageSummary = (userId: string, from: string, to: string) =>
    t.ctx.services.aiUsage.summary(jobActor(userId, ['read']), { from, to });

  it('sums calls, tokens and cost per day and per feature in SQL, with empty days as zeros', async () => {
    const db = t.ctx.database.db;
    const row = (createdAt: string, feature: string, input: number, output: number, cost: string, cached = false) =>
      insertAiCall(db, {
        userId: user.id,
        feature,
        provider: 'openai',
        model: 'gpt-4o-mini',
        inputTokens: input,
        outputTokens: output,
        estimatedCostUsd: cost,
        latencyMs: 10,
        cached,
        createdAt: new Date(createdAt),
      });
    await row('2030-01-01T00:00:00Z', 'suggestion', 100, 10, '0.000021');
    await row('2030-01-01T23:59:59Z', 'report_draft', 1000, 500, '0.000450');
    await row('2030-01-01T12:00:00Z', 'suggestion', 0, 0, '0', true);
    await row('2030-01-03T08:00:00Z', 'suggestion', 200, 20, '0.000042');
    await row('2029-12-31T23:59:59Z', 'suggestion', 9999, 9999, '1'); // before the range
    await row('2030-01-04T00:00:00Z', 'suggestion', 9999, 9999, '1'); // after the range
    const other = await signUp(t.app);
    await insertAiCall(db, {
      userId: other.id,
      feature: 'suggestion',
      provider: 'x',
      model: 'y',
      inputTokens: 5,
      createdAt: new Date('2030-01-02T00:00:00Z'),
    });

    const summary = await usageSummary(user.id, '2030-01-01', '2030-01-03');
    expect(summary.days).toEqual([
      { date: '2030-01-01', calls: 3, inputTokens: 1100, outputTokens: 510, estimatedCostUsd: 0.000471 },
      { date: '2030-01-02', calls: 0, inputTokens: 0, outputTokens: 0, estimatedCostUsd: 0 },
      { date: '2030-01-03', calls: 1, inputTokens: 200, outputTokens: 20, estimatedCostUsd: 0.000042 },
    ]);
    expect(summary.features).toEqual([
      { feature: 'report_draft', calls: 1, inputTokens: 1000, outputTokens: 500, estimatedCostUsd: 0.00045 },
      { feature: 'suggestion', calls: 3, inputTokens: 300, outputTokens: 30, estimatedCostUsd: 0.000063 },
    ]);
    expect(summary.totals).toEqual({ calls: 4, inputTokens: 1300, outputTokens: 530, estimatedCostUsd: 0.000513 });

    await expect(usageSummary(user.id, '2030-01-03', '2030-01-01')).rejects.toMatchObject({ status: 400 });
    await expect(usageSummary(user.id, 'yesterday', '2030-01-01')).rejects.toMatchObject({ status: 400 });
  });

  it('includes what the client records', async () => {
    const clock = testClock('2030-05-05T09:00:00Z');
    const ai = client({ clock });
    fake.script({ json: GOOD, usage: { promptTokens: 40, completionTokens: 8 } });
    await ai.generate(request());
    await ai.generate(request());
    const summary = await usageSummary(user.id, '2030-05-05', '2030-05-05');
    expect(summary.totals).toEqual({ calls: 2, inputTokens: 40, outputTokens: 8, estimatedCostUsd: 0 });
  });
});

describe('cost estimates', () => {
  it('prices known models by family and leaves unknown ones at zero', () => {
    expect(estimateCostUsd('openai', 'gpt-4o-mini', 1_000_000, 1_000_000)).toBe(0.75);
    expect(estimateCostUsd('openai', 'gpt-4o-2024-08-06', 1_000_000, 0)).toBe(2.5);
    expect(estimateCostUsd('anthropic', 'claude-sonnet-4-20250514', 1000, 1000)).toBe(0.018);
    expect(estimateCostUsd('google', 'models/gemini-2.5-flash', 1_000_000, 0)).toBe(0.3);
    expect(estimateCostUsd('openai', 'my-fine-tune', 1000, 1000)).toBe(0);
    expect(estimateCostUsd('openai-compatible', 'gpt-4o', 1000, 1000)).toBe(0);
  });
});

describe('secrets', () => {
  it('never logged the API key, the prompt or an e-mail address, and printed nothing to the console', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    expect(all).not.toContain(API_KEY);
    expect(all).not.toMatch(/[\w.+-]+@example\.com/);
    expect(all).not.toContain('finished the importer');
    expect(all).toContain('AI provider call failed');
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('a base URL the user gives', () => {
  const UNUSABLE = { status: 502, title: 'The AI service could not be used', type: '/problems/ai-service-unusable' };
  const usersUrl = (baseUrl: string) => request({ model: { ...choice(), baseUrl } });

  it('never reaches loopback, private, link-local, CGNAT, multicast or metadata addresses, in any notation', async () => {
    const port = new URL(fake.baseUrl).port;
    const refused = [
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/v1`,
      `http://0x7f000001:${port}/v1`,
      `http://2130706433:${port}/v1`,
      `http://0177.0.0.1:${port}/v1`,
      `http://127.1:${port}/v1`,
      `http://[::ffff:127.0.0.1]:${port}/v1`,
      `http://[::ffff:7f00:1]:${port}/v1`,
      `http://localhost:${port}/v1`, // a name that resolves to loopback
      'http://10.0.0.1/v1',
      'http://172.16.5.4/v1',
      'http://192.168.1.1/v1',
      'http://100.64.0.1/v1',
      'http://224.0.0.1/v1',
      'http://[fd00::1]/v1',
      'http://[fe80::1]/v1',
      'http://0.0.0.0:5432/',
    ];
    const details = new Set<string>();
    for (const baseUrl of refused) {
      const problem = await problemOf(client({ operator: null }).generate(usersUrl(baseUrl)));
      expect(problem, baseUrl).toMatchObject(UNUSABLE);
      details.add(problem.detail!);
    }
    // The operator's own server is allowed at its own host and port only, not the host's other ports.
    const otherPort = await problemOf(client().generate(usersUrl(`http://127.0.0.1:${Number(port) + 1}/v1`)));
    expect(otherPort).toMatchObject(UNUSABLE);
    details.add(otherPort.detail!);
    // One answer for all: nothing tells one address or port from another.
    expect(details.size).toBe(1);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses credentials, queries and fragments, and other schemes, before sending anything', async () => {
    const host = new URL(fake.baseUrl).host;
    const egress = { operator: null, allowed: ['127.0.0.1'] };
    for (const baseUrl of [
      `http://user:pw@${host}/v1`,
      `${fake.baseUrl}?x=`,
      `${fake.baseUrl}#here`,
      `ftp://${host}/v1`,
      `file:///etc/passwd`,
    ]) {
      expect(await problemOf(client(egress).generate(usersUrl(baseUrl))), baseUrl).toMatchObject(UNUSABLE);
    }
    expect(fake.requests).toHaveLength(0);
    // The same server, allowed by the operator and written plainly, works.
    expect((await client(egress).generate(usersUrl(fake.baseUrl))).output).toEqual(GOOD);
  });

  it('is refused when saved if it names a private address or carries credentials, a query or a fragment', async () => {
    const api = as(t.app, user);
    for (const aiBaseUrl of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:5432/',
      'http://0x7f000001:5432/',
      'http://localhost:11434/v1',
      'http://10.1.2.3/v1',
      'http://user:pw@api.example.com/v1',
      'https://api.example.com/v1?x=',
      'https://api.example.com/v1#x',
    ]) {
      const res = await api.put('/api/v1/settings', { aiProvider: 'openai-compatible', aiBaseUrl });
      expect(res.statusCode, aiBaseUrl).toBe(400);
    }
    expect((await api.get('/api/v1/settings')).json().aiBaseUrl).toBeNull();
    const ok = await api.put('/api/v1/settings', { aiProvider: 'openai-compatible', aiBaseUrl: 'https://api.example.com/v1' });
    expect(ok.statusCode).toBe(200);
  });

  it('tells the user one thing whatever went wrong, and the operator’s log the detail', async () => {
    const egress = { operator: null, allowed: ['127.0.0.1'] };
    logLines.length = 0;
    fake.script({ status: 401 });
    const refused = await problemOf(client(egress).generate(usersUrl(fake.baseUrl)));
    expect(refused).toMatchObject(UNUSABLE);
    expect(refused.detail).not.toMatch(/401|HTTP/);
    expect(logLines.join('\n')).toContain('"status":401');

    // A redirect is not followed, wherever it points.
    fake.script({ status: 302, headers: { location: 'http://169.254.169.254/' } });
    expect(await problemOf(client(egress).generate(usersUrl(fake.baseUrl)))).toMatchObject(UNUSABLE);
    expect(fake.requests).toHaveLength(2);
  });
});
