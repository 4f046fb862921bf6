import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillsIn } from '../src/ai/tasks/skills.ts';
import { plainTitle } from '../src/ai/tasks/suggestion.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';

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

/** Waits until every queued job of the user has finished, then lists their suggestions. */
async function settled(userId: string, api: ReturnType<typeof as>) {
  await waitFor(async () => {
    const open = await t.ctx.database.db.query.jobRuns.findMany({
      where: (j, { and, eq, inArray }) => and(eq(j.userId, userId), inArray(j.status, ['queued', 'running', 'retrying'])),
    });
    return open.length === 0 ? true : undefined;
  });
  return (await api.get('/api/v1/suggestions?status=pending')).json().items;
}

describe('live-update suggestions (built-in)', () => {
  it('finishing an important to-do proposes an achievement, which one click accepts onto the anchor page', async () => {
    const { user, api } = await newUser();
    const { id } = (
      await api.post('/api/v1/todos', {
        title: 'Migrate billing to Stripe (due 2026-12-08) !high #billing',
        important: true,
        tags: ['payments', 'Rust'],
      })
    ).json();
    await api.post(`/api/v1/todos/${id}/complete`, {
      summary: 'Rewrote the Node.js service; moved 1,200 customers with zero downtime; fees down 18%',
    });
    const [suggestion] = await settled(user.id, api);
    // The title is the work, without the to-do's metadata; skills are from its words, not its tags.
    expect(suggestion).toMatchObject({
      targetSection: 'achievements',
      suggestedTitle: 'Migrate billing to Stripe',
      coreSkills: ['Stripe', 'Node.js'],
      status: 'pending',
      trigger: { kind: 'todo_completed', id },
      generatedBy: 'builtin',
    });
    expect(suggestion.quantifiableResults).toContain('1,200 customers');
    expect(suggestion.quantifiableResults).toContain('18%');

    const accepted = await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    const { achievement, suggestion: decided } = accepted.json();
    expect(achievement).toMatchObject({
      title: 'Migrate billing to Stripe',
      source: 'suggestion',
      skills: ['Stripe', 'Node.js'],
      achievedOn: '2026-06-12',
    });
    expect(decided).toMatchObject({ status: 'accepted', resultId: achievement.id });
    const overview = (await api.get('/api/v1/overview')).json();
    expect(overview.achievements.map((a: { title: string }) => a.title)).toContain('Migrate billing to Stripe');
    expectProblem(await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, {}), 409);
    // An accepted suggestion's achievement does not itself prompt another suggestion.
    expect(await settled(user.id, api)).toEqual([]);
  });

  it('edit then accept into Current Focus; reject; ordinary to-dos propose nothing', async () => {
    const { user, api } = await newUser();
    const plain = (await api.post('/api/v1/todos', { title: 'Buy milk' })).json();
    await api.post(`/api/v1/todos/${plain.id}/complete`, {});
    expect(await settled(user.id, api)).toEqual([]);

    await api.post('/api/v1/achievements', { title: 'Led the Rust rewrite', skills: ['Rust', 'Leadership'] });
    const [focus] = await settled(user.id, api);
    expect(focus).toMatchObject({
      targetSection: 'current_focus',
      suggestedTitle: 'Deepen Rust',
      trigger: { kind: 'achievement_added' },
    });
    // A focus suggestion takes focus fields, not an achievement's.
    for (const edits of [
      { coreSkills: ['Rust'] },
      { achievedOn: '2026-06-01' },
      { targetSection: 'current_focus', quantifiableResults: 'x' },
    ]) {
      const refused = expectProblem(await api.post(`/api/v1/suggestions/${focus.id}/accept`, { edits }), 400);
      expect(JSON.stringify(refused)).toMatch(/edits/);
    }
    expectProblem(await api.post(`/api/v1/suggestions/${focus.id}/accept`, { edits: { progress: 101 } }), 400);
    const accepted = (
      await api.post(`/api/v1/suggestions/${focus.id}/accept`, {
        edits: {
          suggestedTitle: 'Teach Rust to the team',
          suggestedDescription: 'Weekly sessions',
          status: 'paused',
          progress: 30,
        },
      })
    ).json();
    expect(accepted.focusItem).toMatchObject({
      title: 'Teach Rust to the team',
      description: 'Weekly sessions',
      status: 'paused',
      progress: 30,
      tags: [],
    });
    expect(accepted.suggestion).toMatchObject({ suggestedTitle: 'Teach Rust to the team', status: 'accepted' });

    const other = (await api.post('/api/v1/achievements', { title: 'Ran a marathon', skills: ['Endurance'] })).json();
    const [toReject] = await settled(user.id, api);
    expect(toReject.trigger.id).toBe(other.id);
    expect((await api.post(`/api/v1/suggestions/${toReject.id}/reject`)).json().status).toBe('rejected');
    expect((await api.get('/api/v1/suggestions?status=rejected')).json().items).toHaveLength(1);
    expectProblem(await api.post(`/api/v1/suggestions/${toReject.id}/reject`), 409);
  });

  it('does not propose what the page already says, nor the same thing twice', async () => {
    const { user, api } = await newUser();
    await api.post('/api/v1/achievements', { title: 'Ship the mobile app!', source: 'import' });
    await settled(user.id, api); // the import's own suggestion (no skills: none)
    const a = (await api.post('/api/v1/todos', { title: 'ship the mobile app', important: true })).json();
    await api.post(`/api/v1/todos/${a.id}/complete`, {});
    expect(await settled(user.id, api)).toEqual([]);
    const b = (await api.post('/api/v1/todos', { title: 'Hire a designer', important: true })).json();
    await api.post(`/api/v1/todos/${b.id}/complete`, {});
    await api.post(`/api/v1/todos/${b.id}/reopen`);
    await api.post(`/api/v1/todos/${b.id}/complete`, {});
    expect((await settled(user.id, api)).map((s: { suggestedTitle: string }) => s.suggestedTitle)).toEqual(['Hire a designer']);
  });

  it('respects the user’s switch and frequency', async () => {
    const { user, api } = await newUser();
    await t.ctx.services.settings.update({ userId: user.id } as never, { suggestionsEnabled: false });
    const a = (await api.post('/api/v1/todos', { title: 'Important A', important: true })).json();
    await api.post(`/api/v1/todos/${a.id}/complete`, {});
    expect(await settled(user.id, api)).toEqual([]);

    await t.ctx.services.settings.update({ userId: user.id } as never, {
      suggestionsEnabled: true,
      suggestionFrequency: 'daily',
    });
    for (const title of ['Important B', 'Important C']) {
      const { id } = (await api.post('/api/v1/todos', { title, important: true })).json();
      await api.post(`/api/v1/todos/${id}/complete`, {});
    }
    expect((await settled(user.id, api)).map((s: { suggestedTitle: string }) => s.suggestedTitle)).toEqual(['Important B']);
    now = new Date(now.getTime() + 25 * 3600_000);
    const d = (await api.post('/api/v1/todos', { title: 'Important D', important: true })).json();
    await api.post(`/api/v1/todos/${d.id}/complete`, {});
    expect((await settled(user.id, api)).map((s: { suggestedTitle: string }) => s.suggestedTitle)).toEqual([
      'Important D',
      'Important B',
    ]);
  });

  it('a finalised report proposes its next focus', async () => {
    const { user, api } = await newUser();
    const report = (
      await api.post('/api/v1/reports', {
        type: 'weekly',
        periodStart: '2026-06-08',
        periodEnd: '2026-06-14',
        sections: { nextFocus: '- **Prepare the Q3 roadmap** (due 2026-06-30) [high]\n- Interviews' },
        tags: ['planning'],
      })
    ).json();
    await api.patch(`/api/v1/reports/${report.id}`, { status: 'final' });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({
      targetSection: 'current_focus',
      suggestedTitle: 'Prepare the Q3 roadmap',
      coreSkills: [],
      trigger: { kind: 'report_finalized', id: report.id },
    });
  });

  it('an achievement suggestion is edited with achievement fields, and dated by the user’s calendar', async () => {
    const { user, api } = await newUser();
    await api.put('/api/v1/profile', { timezone: 'Pacific/Kiritimati' }); // UTC+14: a day ahead of UTC
    const ids: string[] = [];
    for (const title of ['Publish the API guide', 'Run the design sprint']) {
      const { id } = (await api.post('/api/v1/todos', { title, important: true })).json();
      await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Technical writing for 40 partners' });
      ids.push(id);
    }
    const [second, first] = await settled(user.id, api);
    expect(first.trigger.id).toBe(ids[0]);
    expect(first.coreSkills).toEqual(['Technical writing']);
    expectProblem(await api.post(`/api/v1/suggestions/${first.id}/accept`, { edits: { status: 'active' } }), 400);
    expectProblem(
      await api.post(`/api/v1/suggestions/${first.id}/accept`, { edits: { targetSection: 'achievements', progress: 5 } }),
      400,
    );
    const byDefault = (await api.post(`/api/v1/suggestions/${second.id}/accept`, {})).json();
    const theirToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(now);
    expect(theirToday).not.toBe(now.toISOString().slice(0, 10));
    expect(byDefault.achievement.achievedOn).toBe(theirToday);
    await api.put('/api/v1/profile', { timezone: 'UTC' });
    const edited = (
      await api.post(`/api/v1/suggestions/${first.id}/accept`, {
        edits: {
          suggestedTitle: 'Published the partner API guide',
          suggestedDescription: 'Guide and examples',
          quantifiableResults: '40 partners onboarded',
          coreSkills: ['Technical writing', 'API design'],
          achievedOn: '2026-06-01',
        },
      })
    ).json();
    expect(edited.achievement).toMatchObject({
      title: 'Published the partner API guide',
      description: 'Guide and examples',
      quantifiableResults: '40 partners onboarded',
      skills: ['Technical writing', 'API design'],
      achievedOn: '2026-06-01',
    });
  });

  it('moving an achievement suggestion to Current Focus makes a focus item with focus fields', async () => {
    const { user, api } = await newUser();
    const { id } = (await api.post('/api/v1/todos', { title: 'Learn Kubernetes [P1]', important: true })).json();
    await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Passed the CKA with 92%' });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({ suggestedTitle: 'Learn Kubernetes', coreSkills: ['Kubernetes'] });
    const { focusItem } = (
      await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, { edits: { targetSection: 'current_focus', progress: 50 } })
    ).json();
    expect(focusItem).toMatchObject({
      title: 'Learn Kubernetes',
      description: 'Passed the CKA with 92%',
      status: 'active',
      progress: 50,
    });
  });
});

describe('the built-in suggester’s reading of a title', () => {
  it('keeps the work and drops what to-do lists write around it', () => {
    const cases: [string, string][] = [
      ['Ship the billing page (due 2026-12-08)', 'Ship the billing page'],
      ['- [x] **Demo to sales** (due 2026-06-17)', 'Demo to sales'],
      ['[P1] Migrate the database due 2026-12-01', 'Migrate the database'],
      ['Write docs (high priority) #docs !high', 'Write docs'],
      ['Fix #123 in the C# parser', 'Fix #123 in the C# parser'],
      ['准备季度路线图（截止 2026-12-08）（重要）', '准备季度路线图'],
      ['Plan “Search launch”: 40% done, target 2026-07-01', 'Search launch'],
      ['Buy milk by the store', 'Buy milk by the store'],
    ];
    for (const [title, plain] of cases) expect(plainTitle(title)).toBe(plain);
  });

  it('finds skills named in the words, the person’s own spelling first, whole words only', () => {
    expect(skillsIn('Rewrote the Node.js service in typescript; we trust the JavaScript', ['TypeScript'])).toEqual([
      'Node.js',
      'TypeScript',
      'JavaScript',
    ]);
    expect(skillsIn('Go to the shop; trust nobody; spring cleaning', [])).toEqual([]);
    expect(skillsIn('用机器学习改进推荐', [])).toEqual(['机器学习']);
  });
});
