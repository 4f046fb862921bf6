import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { connect, listen, personalToken, rawPost } from './helpers/mcp.ts';

let t: TestApp;
let url: string;
let user: TestUser;
let client: Client;
const now = new Date('2026-03-04T12:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  url = await listen(t);
  user = await signUp(t.app);
  client = await connect(url, await personalToken(t, user));
});
afterAll(async () => {
  await client?.close();
  await t.close();
});

const structured = (result: { structuredContent?: unknown; isError?: boolean }) => {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as Record<string, any>;
};

describe('MCP over Streamable HTTP', () => {
  it('lists every tool with schemas, titles and annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name).sort();
    expect(names).toEqual(
      [
        'add_todo',
        'complete_todo',
        'draft_report',
        'get_overview',
        'get_period_evidence',
        'get_report',
        'list_achievements',
        'list_plans',
        'list_reports',
        'list_todos',
        'log_work',
        'search',
        'suggest_update',
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.title ?? tool.annotations?.title).toBeTruthy();
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(typeof tool.annotations?.readOnlyHint).toBe('boolean');
    }
  });

  it('calls the read tools, each answering structured content', async () => {
    const todo = (await as(t.app, user).post('/api/v1/todos', { title: 'Write the migration guide' })).json();
    const overview = structured(await client.callTool({ name: 'get_overview', arguments: {} }));
    expect(overview.todos.open).toBe(1);
    expect(JSON.stringify(overview)).not.toContain(user.email);
    const found = structured(await client.callTool({ name: 'search', arguments: { q: 'migration' } }));
    expect(found.items[0]).toMatchObject({ kind: 'todo', id: todo.id });
    const todos = structured(await client.callTool({ name: 'list_todos', arguments: { status: 'open', limit: 5 } }));
    expect(todos.items.map((item: { id: string }) => item.id)).toEqual([todo.id]);
    structured(await client.callTool({ name: 'list_plans', arguments: {} }));
    structured(await client.callTool({ name: 'list_achievements', arguments: {} }));
    structured(await client.callTool({ name: 'list_reports', arguments: {} }));
    const evidence = structured(
      await client.callTool({ name: 'get_period_evidence', arguments: { periodStart: '2026-03-01', periodEnd: '2026-03-07' } }),
    );
    expect(evidence).toMatchObject({ periodStart: '2026-03-01', completed: [] });
  });

  it('reads the resources and gets the prompts', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['anchor://profile', 'anchor://week/current']));
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((r) => r.uriTemplate)).toContain('anchor://reports/{id}');
    const profile = await client.readResource({ uri: 'anchor://profile' });
    expect(JSON.stringify(profile.contents)).not.toContain(user.email);
    await client.readResource({ uri: 'anchor://week/current' });
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['focus_next', 'performance_review', 'weekly_report']);
    for (const prompt of prompts) {
      const got = await client.getPrompt({ name: prompt.name, arguments: {} });
      expect(got.messages[0]!.content.type).toBe('text');
    }
  });

  it('log_work lands as a pending suggestion, which the person accepts over HTTP', async () => {
    const todo = (await as(t.app, user).post('/api/v1/todos', { title: 'Ship the billing export' })).json();
    const logged = structured(
      await client.callTool({ name: 'log_work', arguments: { text: 'Shipped the billing export to production', links: [] } }),
    );
    expect(logged.outcome).toBe('suggested');
    expect(logged.suggestion).toMatchObject({
      targetSection: 'todos',
      status: 'pending',
      trigger: { kind: 'assistant', id: todo.id },
    });
    expect((await as(t.app, user).get(`/api/v1/todos/${todo.id}`)).json().status).toBe('open');
    const accepted = await as(t.app, user).post(`/api/v1/suggestions/${logged.suggestion.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().todo).toMatchObject({ id: todo.id, status: 'done' });
  });

  it('suggest_update always waits for approval; add_todo too while approval is on', async () => {
    const update = structured(
      await client.callTool({ name: 'suggest_update', arguments: { target: 'achievements', title: 'Cut build time in half' } }),
    );
    expect(update.suggestion).toMatchObject({ targetSection: 'achievements', status: 'pending' });
    const add = structured(
      await client.callTool({ name: 'add_todo', arguments: { text: 'Call the printer tomorrow #errands' } }),
    );
    expect(add.outcome).toBe('suggested');
    expect(add.suggestion).toMatchObject({ targetSection: 'todos', suggestedTitle: 'Call the printer', coreSkills: ['errands'] });
    expect(add.suggestion.quantifiableResults).toBe('2026-03-05');
  });

  it('with approval off, add_todo and complete_todo write, and log_work completes a clear match', async () => {
    const other = await signUp(t.app);
    expect((await as(t.app, other).patch('/api/v1/assistants/settings', { requireApproval: false })).json()).toMatchObject({
      requireApproval: false,
    });
    const direct = await connect(url, await personalToken(t, other));
    try {
      const add = structured(await direct.callTool({ name: 'add_todo', arguments: { title: 'Review the quarterly budget' } }));
      expect(add).toMatchObject({ outcome: 'written', todo: { title: 'Review the quarterly budget', status: 'open' } });
      const logged = structured(
        await direct.callTool({ name: 'log_work', arguments: { text: 'Reviewed the quarterly budget with finance' } }),
      );
      expect(logged).toMatchObject({ outcome: 'completed', todo: { id: add.todo.id, status: 'done' } });
      const second = structured(await direct.callTool({ name: 'add_todo', arguments: { title: 'Book the venue' } }));
      const done = structured(
        await direct.callTool({ name: 'complete_todo', arguments: { id: second.todo.id, summary: 'Booked' } }),
      );
      expect(done.todo).toMatchObject({ status: 'done', summary: 'Booked' });
      // Someone else's to-do is not found.
      const foreign = (await as(t.app, user).post('/api/v1/todos', { title: 'Private' })).json();
      const refused = await direct.callTool({ name: 'complete_todo', arguments: { id: foreign.id } });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toMatch(/not found/i);
      expect((await as(t.app, user).get(`/api/v1/todos/${foreign.id}`)).json().status).toBe('open');
    } finally {
      await direct.close();
    }
    const activity = (await as(t.app, other).get('/api/v1/assistants/activity?limit=50')).json();
    expect(activity.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['add_todo', 'log_work', 'complete_todo']),
    );
    expect(activity.items.find((i: { outcome: string }) => i.outcome === 'error')).toMatchObject({ name: 'complete_todo' });
  });

  it('a read-only token sees no write tool, and calling one is an error', async () => {
    const reader = await connect(url, await personalToken(t, user, ['read']));
    try {
      const names = (await reader.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('search');
      for (const write of ['add_todo', 'complete_todo', 'log_work', 'suggest_update', 'draft_report'])
        expect(names).not.toContain(write);
      const refused = await reader.callTool({ name: 'log_work', arguments: { text: 'x' } }).catch((err: Error) => err);
      expect(refused instanceof Error ? refused.message : JSON.stringify(refused)).toMatch(/not found|unknown/i);
    } finally {
      await reader.close();
    }
  });

  it('another person’s report is not found', async () => {
    const stranger = await signUp(t.app);
    const report = (
      await as(t.app, stranger).post('/api/v1/reports', { type: 'weekly', periodStart: '2026-03-02', periodEnd: '2026-03-08' })
    ).json();
    const got = await client.callTool({ name: 'get_report', arguments: { id: report.id } });
    expect(got.isError).toBe(true);
    await expect(client.readResource({ uri: `anchor://reports/${report.id}` })).rejects.toThrow();
  });

  it('drafts a report, sending progress notifications for the progress token and then the draft', async () => {
    // The client puts a progressToken in _meta when given onprogress; each notification lands here.
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const drafted = structured(
      await client.callTool(
        { name: 'draft_report', arguments: { type: 'weekly', periodStart: '2026-03-02', periodEnd: '2026-03-08' } },
        { onprogress: (p) => void seen.push(p) },
      ),
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const [i, p] of seen.entries()) {
      expect(p.total).toBe(100);
      if (i > 0) expect(p.progress).toBeGreaterThan(seen[i - 1]!.progress);
    }
    // The last notification, sent before the answer, is the finished job.
    expect(seen.at(-1)).toMatchObject({ progress: 100, message: 'succeeded' });
    expect(drafted.status).toBe('succeeded');
    expect(drafted.report).toMatchObject({ id: drafted.reportId, status: 'draft' });
  });
});

/** The JSON-RPC answer in a response, whether sent as JSON or as one event of a stream. */
async function rpcAnswer(res: Response) {
  const body = await res.text();
  if (!res.headers.get('content-type')?.includes('text/event-stream')) return JSON.parse(body);
  const data = body.split('\n').find((line) => line.startsWith('data: '));
  return JSON.parse(data!.slice(6));
}

describe('MCP bad input', () => {
  let token: string;
  beforeAll(async () => {
    token = await personalToken(t, user);
  });

  it('answers 401 with the resource metadata, and serves that metadata', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(
      /^Bearer resource_metadata="http.*\/\.well-known\/oauth-protected-resource"/,
    );
    const meta = await (await fetch(new URL('/.well-known/oauth-protected-resource', url))).json();
    expect(meta).toMatchObject({ resource: expect.stringMatching(/\/mcp$/), scopes_supported: ['read', 'suggest', 'write'] });
  });

  it('malformed JSON, unknown methods, wrong types and huge arguments are JSON-RPC errors', async () => {
    const parse = await rawPost(url, token, '{"jsonrpc":');
    expect(parse.status).toBe(400);
    expect((await parse.json()).error.code).toBe(-32700);

    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'log_work', arguments: { text: 'x'.repeat(2 * 1024 * 1024) } },
    });
    const big = await rawPost(url, token, huge);
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe(-32600);

    const unknown = await rawPost(url, token, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such/method', params: {} }));
    expect(unknown.status).toBeLessThan(500);
    expect(await rpcAnswer(unknown)).toMatchObject({ id: 2, error: { code: -32601 } });

    const wrong = await client
      .callTool({ name: 'list_todos', arguments: { limit: 'ten', status: 7 } })
      .catch((err: Error) => err);
    const text = wrong instanceof Error ? wrong.message : JSON.stringify(wrong);
    expect(text).toMatch(/invalid|validation|expected/i);

    const notRpc = await rawPost(url, token, '[1, 2, 3]');
    expect(notRpc.status).toBeLessThan(500);

    // Still healthy.
    structured(await client.callTool({ name: 'get_overview', arguments: {} }));
  });

  it('rate-limits each token, with a JSON-RPC error', async () => {
    const limited = await signUp(t.app);
    await as(t.app, limited).patch('/api/v1/assistants/settings', { perClientRatePerMin: 3 });
    const limitedToken = await personalToken(t, limited);
    const ping = () => rawPost(url, limitedToken, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }));
    for (let i = 0; i < 3; i++) expect((await ping()).status).toBe(200);
    const refused = await ping();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32000 } });
  });
});
