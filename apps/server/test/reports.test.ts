import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';
import { snapshotUser } from './helpers/snapshot.ts';

let t: TestApp;
let now = new Date('2026-06-12T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  const user = await signUp(t.app);
  return { user, api: as(t.app, user) };
}

/** Completes to-dos at given times, returning their ids. */
async function completeAt(
  api: ReturnType<typeof as>,
  items: { title: string; at: string; summary?: string; planId?: string; tags?: string[]; important?: boolean }[],
) {
  const ids: string[] = [];
  for (const item of items) {
    const { id } = (
      await api.post('/api/v1/todos', {
        title: item.title,
        planId: item.planId ?? null,
        tags: item.tags ?? [],
        important: item.important ?? false,
      })
    ).json();
    const before = now;
    now = new Date(item.at);
    await api.post(`/api/v1/todos/${id}/complete`, { summary: item.summary });
    now = before;
    ids.push(id);
  }
  return ids;
}

export async function finishedJob(api: ReturnType<typeof as>, jobId: string) {
  return waitFor(async () => {
    const job = (await api.get(`/api/v1/jobs/${jobId}`)).json();
    return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
  });
}

describe('reports by hand', () => {
  it('create, edit, finalise, list with filters and export as Markdown', async () => {
    const { api } = await newUser();
    const [todoId] = await completeAt(api, [{ title: 'Shipped search', at: '2026-06-09T12:00:00Z' }]);
    const created = await api.post('/api/v1/reports', {
      type: 'weekly',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      title: 'Week 24',
      sections: { accomplishments: '- Shipped search <script>alert(1)</script>' },
      sourceTodoIds: [todoId],
      tags: ['work'],
    });
    expect(created.statusCode).toBe(201);
    const report = created.json();
    expect(report).toMatchObject({
      status: 'draft',
      generatedBy: 'manual',
      sourceTodoIds: [todoId],
      sections: { challenges: '' },
      finalizedAt: null,
    });

    const edited = (await api.patch(`/api/v1/reports/${report.id}`, { sections: { learnings: 'Indexes matter' } })).json();
    expect(edited.sections).toMatchObject({
      accomplishments: '- Shipped search <script>alert(1)</script>',
      learnings: 'Indexes matter',
    });
    const final = (await api.patch(`/api/v1/reports/${report.id}`, { status: 'final' })).json();
    expect(final).toMatchObject({ status: 'final', finalizedAt: now.toISOString() });

    await api.post('/api/v1/reports', { type: 'monthly', periodStart: '2026-05-01', periodEnd: '2026-05-31' });
    const titles = async (q: string) => (await api.get(`/api/v1/reports${q}`)).json().items.map((r: { type: string }) => r.type);
    expect(await titles('')).toEqual(['weekly', 'monthly']);
    expect(await titles('?status=final')).toEqual(['weekly']);
    expect(await titles('?type=monthly')).toEqual(['monthly']);
    expect(await titles('?from=2026-06-01')).toEqual(['weekly']);
    expect(await titles('?to=2026-05-31')).toEqual(['monthly']);
    expect(await titles('?tag=work')).toEqual(['weekly']);

    const md = await api.get(`/api/v1/reports/${report.id}/export.md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.headers['content-disposition']).toBe('attachment; filename="report-2026-06-08-2026-06-14.md"');
    expect(md.body).toContain('# Week 24');
    expect(md.body).toContain('## Accomplishments\n\n- Shipped search');
    expect(md.body).toContain('## Learnings\n\nIndexes matter');
  });

  it('refuses bad periods, unknown types and another user’s to-dos, changing nothing', async () => {
    const { user, api } = await newUser();
    const other = await signUp(t.app);
    const [theirs] = await completeAt(as(t.app, other), [{ title: 'Theirs', at: '2026-06-09T12:00:00Z' }]);
    const report = (
      await api.post('/api/v1/reports', { type: 'custom', periodStart: '2026-06-01', periodEnd: '2026-06-30' })
    ).json();
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const base = { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' };
    expectProblem(await api.post('/api/v1/reports', { ...base, periodEnd: '2026-06-01' }), 400);
    expectProblem(await api.post('/api/v1/reports', { ...base, periodEnd: '2027-06-30' }), 400);
    expectProblem(await api.post('/api/v1/reports', { ...base, type: 'yearly' }), 400);
    expectProblem(await api.post('/api/v1/reports', { ...base, sections: { learnings: 'x'.repeat(20_001) } }), 400);
    expectProblem(await api.post('/api/v1/reports', { ...base, sourceTodoIds: [theirs] }), 404);
    expectProblem(await api.patch(`/api/v1/reports/${report.id}`, { sourceTodoIds: [crypto.randomUUID()] }), 404);
    expectProblem(await api.patch(`/api/v1/reports/${report.id}`, { periodStart: '2026-07-15' }), 400);
    expectProblem(await api.patch(`/api/v1/reports/${report.id}`, { status: 'published' }), 400);
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });
});

describe('report drafts with the built-in drafter', () => {
  it('drafts from the period’s completed to-dos, grounded in them, as a job whose events stream the text', async () => {
    const { api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Search launch' })).json();
    const inside = await completeAt(api, [
      {
        title: 'Index the catalogue',
        at: '2026-06-08T09:00:00Z',
        summary: 'p99 down from 800 to 120 ms',
        planId: plan.id,
        tags: ['search'],
      },
      { title: 'Write the launch post', at: '2026-06-10T15:00:00Z', tags: ['writing'] },
    ]);
    await completeAt(api, [{ title: 'Last week’s thing', at: '2026-06-01T09:00:00Z' }]);
    await api.post('/api/v1/todos', { title: 'Missed deadline', dueOn: '2026-06-09' });
    await api.post('/api/v1/todos', { title: 'Demo to sales', dueOn: '2026-06-17' });

    const accepted = await api.post('/api/v1/reports/drafts', {
      type: 'weekly',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
    });
    expect(accepted.statusCode).toBe(202);
    const { jobId } = accepted.json();
    const events = await api.get(`/api/v1/jobs/${jobId}/events`);
    expect(events.body).toContain('event: text');
    expect(events.body).toContain('Index the catalogue');
    const job = await finishedJob(api, jobId);
    expect(job).toMatchObject({
      status: 'succeeded',
      kind: 'report.draft',
      result: { generatedBy: 'builtin', droppedClaims: 0 },
    });

    const report = (await api.get(`/api/v1/reports/${job.result.reportId}`)).json();
    expect(report).toMatchObject({
      status: 'draft',
      generatedBy: 'builtin',
      type: 'weekly',
      title: 'Weekly report 2026-06-08 – 2026-06-14',
    });
    expect(report.sourceTodoIds.sort()).toEqual([...inside].sort());
    expect(report.sections.accomplishments).toBe(
      '### Search launch\n\n- Index the catalogue — p99 down from 800 to 120 ms\n\n### Other work\n\n- Write the launch post',
    );
    // Who drafted it is the report's label (generatedBy), not words in its text.
    expect(JSON.stringify(report.sections)).not.toMatch(/drafter|no AI/);
    expect(report.sections.challenges).toContain('Missed deadline');
    expect(report.sections.learnings).toContain('search (1)');
    expect(report.sections.nextFocus).toContain('Demo to sales (due 2026-06-17)');
  });

  it('writes the draft in the user’s language', async () => {
    const { api } = await newUser();
    await api.put('/api/v1/profile', { locale: 'zh-CN' });
    await completeAt(api, [{ title: '学习中文', at: '2026-06-09T09:00:00Z' }]);
    const { jobId } = (
      await api.post('/api/v1/reports/drafts', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' })
    ).json();
    const job = await finishedJob(api, jobId);
    const report = (await api.get(`/api/v1/reports/${job.result.reportId}`)).json();
    expect(report.title).toBe('周报 2026-06-08 – 2026-06-14');
    expect(report.sections.accomplishments).toBe('- 学习中文');
    expect(report.generatedBy).toBe('builtin');
  });

  it('refuses a bad draft request before queueing anything', async () => {
    const { api } = await newUser();
    expectProblem(
      await api.post('/api/v1/reports/drafts', { type: 'weekly', periodStart: '2026-06-14', periodEnd: '2026-06-08' }),
      400,
    );
    expectProblem(
      await api.post('/api/v1/reports/drafts', { type: 'decade', periodStart: '2026-06-08', periodEnd: '2026-06-14' }),
      400,
    );
  });
});

/** Each list item's text in a Markdown document, with the nearest heading above it. */
function outline(markdown: string) {
  const tokens = new MarkdownIt().parse(markdown, {});
  const headings: { level: number; text: string }[] = [];
  const items: { text: string; under: string }[] = [];
  let depth = 0;
  let headingsInItems = 0;
  let current = '';
  tokens.forEach((token, i) => {
    if (token.type === 'list_item_open') depth++;
    if (token.type === 'list_item_close') depth--;
    if (token.type === 'heading_open') {
      if (depth > 0) headingsInItems++;
      current = tokens[i + 1]!.content;
      headings.push({ level: Number(token.tag.slice(1)), text: current });
    }
    // The text as read (escapes undone), from the inline token's parts.
    if (token.type === 'inline' && depth > 0)
      items.push({ text: (token.children ?? []).map((part) => part.content).join(''), under: current });
  });
  return { headings, items, headingsInItems };
}

describe('the built-in drafter writes the truth, as well-formed Markdown', () => {
  it('in the middle of its period, lists no to-do still ahead as missed, and reads true plan progress', async () => {
    const { api } = await newUser();
    // 18:00 UTC on the 3rd is already the 4th in Shanghai: the user's own today counts.
    await api.put('/api/v1/profile', { timezone: 'Asia/Shanghai' });
    const plan = (await api.post('/api/v1/plans', { title: 'Launch', targetDate: '2026-06-20' })).json();
    await completeAt(api, [{ title: 'Kick-off', at: '2026-06-01T03:00:00Z', planId: plan.id }]);
    const due = async (title: string, dueOn: string) => api.post('/api/v1/todos', { title, dueOn, planId: plan.id });
    await due('Filed the forms', '2026-06-02');
    await due('Call the bank', '2026-06-03');
    await due('Due today', '2026-06-04');
    await due('Book the venue', '2026-06-08');
    await due('Send invitations', '2026-06-15');
    const before = now;
    now = new Date('2026-06-03T18:00:00Z');
    try {
      const request = { type: 'monthly', periodStart: '2026-06-01', periodEnd: '2026-06-30' };
      const job = await finishedJob(api, (await api.post('/api/v1/reports/drafts', request)).json().jobId);
      const { sections } = (await api.get(`/api/v1/reports/${job.result.reportId}`)).json();
      expect(sections.challenges).toContain('Not finished: Filed the forms (due 2026-06-02)');
      expect(sections.challenges).toContain('Not finished: Call the bank (due 2026-06-03)');
      expect(sections.challenges).not.toMatch(/Due today|Book the venue|Send invitations|target date/);
      for (const line of ['Due today (due 2026-06-04)', 'Book the venue (due 2026-06-08)', 'Send invitations (due 2026-06-15)'])
        expect(sections.nextFocus).toContain(line);
      // One of the plan's six to-dos is done.
      expect(sections.nextFocus).toContain('Plan “Launch”: 17% done, target 2026-06-20');

      // The model would be told the same: the preview shows the prompt the built-in drafter does not send.
      const { prompt } = (await api.post('/api/v1/ai/preview', { feature: 'report_draft', ...request })).json();
      const missed = prompt.slice(prompt.indexOf('missed'), prompt.indexOf('upcoming:'));
      expect(missed).toContain('Call the bank');
      expect(missed).not.toMatch(/Due today|Book the venue|Send invitations/);
      expect(prompt).toContain('still running; today is 2026-06-04');
      expect(prompt).toContain('- Launch: 17%, target 2026-06-20');
    } finally {
      now = before;
    }
  });

  it('four ## sections, no heading inside a list item, and work outside any plan under its own heading', async () => {
    const { api } = await newUser();
    const plan = (await api.post('/api/v1/plans', { title: 'Search launch' })).json();
    await completeAt(api, [
      { title: 'Index the catalogue', at: '2026-06-08T09:00:00Z', planId: plan.id, summary: 'p99 down\n# to 120 ms' },
      { title: '# Not a heading', at: '2026-06-09T09:00:00Z' },
      { title: 'Tune the ranking', at: '2026-06-10T09:00:00Z', planId: plan.id, tags: ['search'] },
      { title: 'Write the launch post', at: '2026-06-11T09:00:00Z' },
    ]);
    await api.post('/api/v1/todos', { title: 'Demo to sales', dueOn: '2026-06-17' });
    const { jobId } = (
      await api.post('/api/v1/reports/drafts', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' })
    ).json();
    const { reportId } = (await finishedJob(api, jobId)).result;
    const report = (await api.get(`/api/v1/reports/${reportId}`)).json();
    const md = (await api.get(`/api/v1/reports/${reportId}/export.md`)).body;

    const doc = outline(md);
    expect(doc.headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual([
      'Accomplishments',
      'Challenges',
      'Learnings',
      'Next period focus',
    ]);
    expect(doc.headingsInItems).toBe(0);
    const under = Object.fromEntries(doc.items.map((item) => [item.text.split(' — ')[0], item.under]));
    expect(under).toMatchObject({
      'Index the catalogue': 'Search launch',
      'Tune the ranking': 'Search launch',
      '# Not a heading': 'Other work',
      'Write the launch post': 'Other work',
      'Demo to sales (due 2026-06-17)': 'Next period focus',
    });
    expect(doc.headings.map((h) => h.text)).not.toContain('Not a heading');
    expect(md).not.toMatch(/drafter|no AI/);

    // Each section alone is well-formed too (the editor renders them one by one).
    for (const text of Object.values(report.sections) as string[]) expect(outline(text).headingsInItems).toBe(0);
    expect(outline(report.sections.accomplishments).headings.map((h) => h.text)).toEqual(['Search launch', 'Other work']);
  });
});
