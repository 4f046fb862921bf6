import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      where: (j, { and, eq, inArray }) => and(eq(j.userId, userId), inArray(j.status, ['queued', 'running'])),
    });
    return open.length === 0 ? true : undefined;
  });
  return (await api.get('/api/v1/suggestions?status=pending')).json().items;
}

describe('live-update suggestions (built-in)', () => {
  it('finishing an important to-do proposes an achievement, which one click accepts onto the anchor page', async () => {
    const { user, api } = await newUser();
    const { id } = (
      await api.post('/api/v1/todos', { title: 'Migrate billing to Stripe', important: true, tags: ['payments', 'Node.js'] })
    ).json();
    await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Moved 1,200 customers with zero downtime; fees down 18%' });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({
      targetSection: 'achievements',
      suggestedTitle: 'Migrate billing to Stripe',
      coreSkills: ['Node.js', 'payments'],
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
      skills: ['Node.js', 'payments'],
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
    const accepted = (
      await api.post(`/api/v1/suggestions/${focus.id}/accept`, { edits: { suggestedTitle: 'Teach Rust to the team' } })
    ).json();
    expect(accepted.focusItem).toMatchObject({ title: 'Teach Rust to the team', status: 'active' });
    expect(accepted.suggestion.suggestedTitle).toBe('Teach Rust to the team');

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
        sections: { nextFocus: '- Prepare the Q3 roadmap\n- Interviews' },
      })
    ).json();
    await api.patch(`/api/v1/reports/${report.id}`, { status: 'final' });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({
      targetSection: 'current_focus',
      suggestedTitle: 'Prepare the Q3 roadmap',
      trigger: { kind: 'report_finalized', id: report.id },
    });
  });
});
