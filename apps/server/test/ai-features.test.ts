import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { startFakeModel, type FakeModel, type FakeRequest } from './helpers/fake-model.ts';
import { waitFor } from './helpers/jobs.ts';

let fake: FakeModel;
let t: TestApp;
let now = new Date('2026-06-12T10:00:00Z');

/** A model that cites the first reference it was given, and claims one thing it cannot back. */
const groundedAnswer = (request: FakeRequest) => {
  const text = JSON.stringify(request.messages);
  if (text.includes('monthly reflection')) return { title: 'A strong July', body: 'You finished what mattered.' };
  const refs = [...text.matchAll(/(T\d+) \| \d{4}-/g)].map((m) => m[1]);
  if (!text.includes('completed to-dos')) {
    return {
      targetSection: 'achievements',
      // A title carrying to-do metadata, which never reaches the page.
      suggestedTitle: 'Launched search (due 2026-12-08) [high] #search',
      suggestedDescription: 'Search for the whole catalogue',
      quantifiableResults: 'p99 120 ms',
      coreSkills: ['Search'],
    };
  }
  return {
    accomplishments: [
      { text: 'Made catalogue search fast', refs: refs.slice(0, 1) },
      { text: 'Won an industry award', refs: ['T999'] },
      { text: 'Doubled revenue', refs: [] },
    ],
    challenges: ['One deadline slipped'],
    learnings: ['Indexes matter'],
    nextFocus: ['Demo to sales'],
  };
};

beforeAll(async () => {
  fake = await startFakeModel();
  t = await createTestApp({
    clock: { now: () => now },
    env: { AI_PROVIDER: 'openai-compatible', AI_MODEL: 'fake-model', AI_BASE_URL: fake.baseUrl },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setDefault(groundedAnswer);
});

async function userWithWork(): Promise<{ user: TestUser; api: ReturnType<typeof as>; todoId: string }> {
  const user = await signUp(t.app);
  const api = as(t.app, user);
  const { id } = (await api.post('/api/v1/todos', { title: 'Index the catalogue', tags: ['search'] })).json();
  await api.post(`/api/v1/todos/${id}/complete`, { summary: 'p99 down from 800 to 120 ms' });
  return { user, api, todoId: id };
}

const draft = (api: ReturnType<typeof as>) =>
  api.post('/api/v1/reports/drafts', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' });

async function finished(api: ReturnType<typeof as>, jobId: string) {
  return waitFor(async () => {
    const job = (await api.get(`/api/v1/jobs/${jobId}`)).json();
    return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
  });
}

const reportCount = async (userId: string) =>
  (await queryRows<{ n: number }>(t.ctx.database.db, sql`select count(*)::int as n from reports where user_id = ${userId}`))[0]!
    .n;

describe('report drafts with a model', () => {
  it('streams the draft, keeps only grounded accomplishments and cites their to-dos', async () => {
    const { user, api, todoId } = await userWithWork();
    const { jobId } = (await draft(api)).json();
    const events = await api.get(`/api/v1/jobs/${jobId}/events`);
    const streamed = events.body
      .split('\n\n')
      .filter((block) => block.startsWith('event: text'))
      .map((block) => JSON.parse(block.split('\n')[1]!.slice(6)).delta)
      .join('');
    expect(streamed).toContain('## Accomplishments');
    expect(streamed).toContain('Made catalogue search fast');

    const job = await finished(api, jobId);
    expect(job.result).toMatchObject({ generatedBy: 'openai-compatible/fake-model', droppedClaims: 2 });
    const report = (await api.get(`/api/v1/reports/${job.result.reportId}`)).json();
    expect(report.sourceTodoIds).toEqual([todoId]);
    expect(report.sections.accomplishments).toBe('- Made catalogue search fast');
    expect(report.sections.accomplishments).not.toMatch(/award|revenue/);
    expect(report.sections.learnings).toBe('- Indexes matter');
    expect(fake.requests[0]!.stream).toBe(true);

    // Only what the task needs: the to-do's words, never the account's e-mail address.
    const sent = JSON.stringify(fake.requests);
    expect(sent).toContain('Index the catalogue');
    expect(sent).not.toContain(user.email);
    expect(sent).not.toMatch(/@example\.com|password|ca_session|ca_pat_/);
    expect(await reportCount(user.id)).toBe(1);
  });

  it('waits out a 429 with Retry-After, and repairs a malformed answer', async () => {
    const { api } = await userWithWork();
    fake.script({ status: 429, headers: { 'retry-after': '1' } }, { text: 'Sure! Here is your report: {not json' });
    const { jobId } = (await draft(api)).json();
    const job = await finished(api, jobId);
    expect(job.status).toBe('succeeded');
    expect(fake.requests).toHaveLength(3);
  });

  it('a provider outage fails the job with a clear message and saves no partial report', async () => {
    const { user, api } = await userWithWork();
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    const { jobId } = (await draft(api)).json();
    const job = await finished(api, jobId);
    expect(job.status).toBe('failed');
    expect(job.error.title).toBe('The AI provider is unavailable');
    expect(job.error.detail).toMatch(/OpenAI-compatible/);
    expect(await reportCount(user.id)).toBe(0);
  });

  it('answers an identical request from the cache', async () => {
    const { api } = await userWithWork();
    await finished(api, (await draft(api)).json().jobId);
    await finished(api, (await draft(api)).json().jobId);
    expect(fake.requests).toHaveLength(1);
    const usage = (await api.get('/api/v1/ai/usage?from=2026-06-12&to=2026-06-12')).json();
    expect(usage.features).toEqual([expect.objectContaining({ feature: 'report_draft', calls: 2 })]);
    expect(usage.totals.inputTokens).toBeGreaterThan(0);
  });

  it('refuses past the daily quota without calling the provider', async () => {
    const limited = await createTestApp({
      clock: { now: () => now },
      env: { AI_PROVIDER: 'openai-compatible', AI_MODEL: 'fake-model', AI_BASE_URL: fake.baseUrl },
      aiLimits: { dailyTokens: 1 },
    });
    try {
      const user = await signUp(limited.app);
      const api = as(limited.app, user);
      const { id } = (await api.post('/api/v1/todos', { title: 'One thing' })).json();
      await api.post(`/api/v1/todos/${id}/complete`, {});
      const first = await finished(api, (await draft(api)).json().jobId);
      expect(first.status).toBe('succeeded');
      api.post('/api/v1/todos', { title: 'Another' });
      const second = await finished(
        api,
        (await api.post('/api/v1/reports/drafts', { type: 'custom', periodStart: '2026-06-01', periodEnd: '2026-06-14' })).json()
          .jobId,
      );
      expect(second.status).toBe('failed');
      expect(second.error.title).toBe('AI quota used up');
      expect(fake.requests).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('the preview shows exactly what would be sent, and sends nothing', async () => {
    const { api } = await userWithWork();
    const preview = await api.post('/api/v1/ai/preview', {
      feature: 'report_draft',
      type: 'weekly',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ sendsToModel: true, provider: 'openai-compatible', model: 'fake-model' });
    expect(preview.json().prompt).toContain('T1 | 2026-06-12 | Index the catalogue');
    expect(preview.json().estimatedInputTokens).toBeGreaterThan(50);
    expect(fake.requests).toHaveLength(0);
    // Running the draft sends exactly those instructions and that prompt.
    await finished(api, (await draft(api)).json().jobId);
    const sent = fake.requests[0]!.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
    expect(sent[0]).toBe(preview.json().system);
    expect(sent.join('\n')).toContain(preview.json().prompt);
  });
});

describe('suggestions with a model', () => {
  it('proposes from the model’s answer and records the usage', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const { id } = (
      await api.post('/api/v1/todos', { title: 'Launch search (due 2026-06-30)', important: true, tags: ['Marketing'] })
    ).json();
    await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Shipped' });
    const [suggestion] = await waitFor(async () => {
      const items = (await api.get('/api/v1/suggestions')).json().items;
      return items.length ? items : undefined;
    });
    expect(suggestion).toMatchObject({
      suggestedTitle: 'Launched search',
      generatedBy: 'openai-compatible/fake-model',
      coreSkills: ['Search'],
    });
    const preview = (
      await api.post('/api/v1/ai/preview', { feature: 'suggestion', trigger: { kind: 'todo_completed', id } })
    ).json();
    expect(preview.prompt).toContain('title: Launch search\n');
    // The to-do's tags are not skills: the model is not told them.
    expect(preview.prompt).not.toMatch(/Marketing|tags:/);
    expectProblem(
      await api.post('/api/v1/ai/preview', {
        feature: 'suggestion',
        trigger: { kind: 'todo_completed', id: crypto.randomUUID() },
      }),
      404,
    );
  });
});

describe('the monthly reflection with a model', () => {
  it('is written by the model and labelled with it', async () => {
    now = new Date('2026-06-25T10:00:00Z');
    const { api, user } = await userWithWork();
    await api.put('/api/v1/settings', { reminders: { monthlyReflection: { enabled: true } } });
    now = new Date('2026-07-01T10:00:00Z');
    await t.ctx.services.reminders.tick(now);
    const note = await waitFor(async () =>
      (await api.get('/api/v1/notifications')).json().items.find((n: { kind: string }) => n.kind === 'monthly_reflection'),
    );
    expect(note).toMatchObject({
      title: 'A strong July',
      body: 'You finished what mattered.',
      data: { generatedBy: 'openai-compatible/fake-model' },
    });
    expect(JSON.stringify(fake.requests)).not.toContain(user.email);
    now = new Date('2026-06-12T10:00:00Z');
  });
});

describe('AI settings', () => {
  it('use the user’s own provider and key, stored encrypted and never sent back', async () => {
    const { user, api } = await userWithWork();
    const res = await api.put('/api/v1/settings', {
      aiProvider: 'openai-compatible',
      aiBaseUrl: fake.baseUrl,
      aiModels: { reportDraft: 'my-model' },
      aiApiKey: 'sk-user-secret-123',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      aiProvider: 'openai-compatible',
      hasAiApiKey: true,
      aiModels: { reportDraft: 'my-model' },
    });
    expect(res.body).not.toContain('sk-user-secret-123');
    const stored = await queryRows<{ k: string }>(
      t.ctx.database.db,
      sql`select ai_api_key_encrypted as k from user_settings where user_id = ${user.id}`,
    );
    expect(stored[0]!.k).not.toContain('sk-user-secret-123');

    await finished(api, (await draft(api)).json().jobId);
    expect(fake.requests[0]!.model).toBe('my-model');
    expect(fake.headers[0]!.authorization).toBe('Bearer sk-user-secret-123');

    await api.put('/api/v1/settings', { aiApiKey: null });
    expect((await api.get('/api/v1/settings')).json().hasAiApiKey).toBe(false);
  });

  it('with AI off, the built-in drafter does the work and nothing is sent', async () => {
    const { api } = await userWithWork();
    await api.put('/api/v1/settings', { aiEnabled: false });
    const job = await finished(api, (await draft(api)).json().jobId);
    expect(job.result.generatedBy).toBe('builtin');
    const preview = (
      await api.post('/api/v1/ai/preview', {
        feature: 'report_draft',
        type: 'weekly',
        periodStart: '2026-06-08',
        periodEnd: '2026-06-14',
      })
    ).json();
    expect(preview).toMatchObject({ sendsToModel: false, provider: 'builtin', model: null });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses settings changes from a personal token, and bad values', async () => {
    const { api } = await userWithWork();
    const { token } = (await api.post('/api/v1/auth/tokens', { name: 'script' })).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { aiEnabled: false },
    });
    expectProblem(res, 403);
    expectProblem(await api.put('/api/v1/settings', { aiProvider: 'skynet' }), 400);
    expectProblem(await api.put('/api/v1/settings', { aiBaseUrl: 'file:///etc/passwd' }), 400);
    expectProblem(await api.put('/api/v1/settings', { suggestionFrequency: 'hourly' }), 400);
  });
});
