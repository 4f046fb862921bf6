import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestionAccepted } from '@career-anchor/contracts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => new Date('2026-06-12T10:00:00Z') } });
});
afterAll(() => t.close());

async function newUser(locale = 'en') {
  const user = await signUp(t.app);
  const api = as(t.app, user);
  await api.put('/api/v1/profile', { locale });
  return { user, api };
}

/** Waits until every queued job of the user has finished, then lists their pending suggestions. */
async function settled(userId: string, api: ReturnType<typeof as>) {
  await waitFor(async () => {
    const open = await t.ctx.database.db.query.jobRuns.findMany({
      where: (j, { and, eq, inArray }) => and(eq(j.userId, userId), inArray(j.status, ['queued', 'running', 'retrying'])),
    });
    return open.length === 0 ? true : undefined;
  });
  return (await api.get('/api/v1/suggestions?status=pending')).json().items;
}

describe('suggestions reach the career sections', () => {
  it('an achievement showing a skill the skills section lacks suggests it, with the achievement as evidence', async () => {
    const { user, api } = await newUser();
    await api.post('/api/v1/skills', { name: 'TypeScript' });
    const achievement = (
      await api.post('/api/v1/achievements', { title: 'Rewrote the parser', skills: ['typescript', 'Rust'] })
    ).json();
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({
      targetSection: 'skills',
      suggestedTitle: 'Rust',
      suggestedDescription: 'Shown by the achievement “Rewrote the parser”',
      trigger: { kind: 'achievement_added', id: achievement.id },
    });
    // A skill takes a skill's fields only.
    expectProblem(await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, { edits: { suggestedDescription: 'x' } }), 400);
    const accepted = SuggestionAccepted.parse(
      (await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, { edits: { coreSkills: ['Rust', 'ownership'] } })).json(),
    );
    expect(accepted.skill).toMatchObject({ name: 'Rust', keywords: ['ownership'], level: null });
    expect(accepted.suggestion).toMatchObject({ status: 'accepted', resultId: accepted.skill!.id });
    const rust = (await api.get('/api/v1/skills')).json().items.find((s: { name: string }) => s.name === 'Rust');
    expect(rust.evidence.achievements).toEqual({ count: 1, ids: [achievement.id] });
  });

  it('a measured achievement suggests a highlight for the current position, added last on acceptance', async () => {
    const { user, api } = await newUser();
    const position = (
      await api.post('/api/v1/positions', {
        name: 'Ledger Co',
        position: 'Engineer',
        current: true,
        highlights: ['Built the ledger'],
      })
    ).json();
    await api.post('/api/v1/achievements', {
      title: 'Cut invoice errors',
      description: 'Invoice errors fell by 80% after the rewrite',
    });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion).toMatchObject({
      targetSection: 'position_highlights',
      suggestedTitle: 'Cut invoice errors: Invoice errors fell by 80% after the rewrite',
    });
    const accepted = (
      await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, { edits: { suggestedTitle: 'Cut invoice errors by 80%' } })
    ).json();
    expect(accepted.position).toMatchObject({ id: position.id, highlights: ['Built the ledger', 'Cut invoice errors by 80%'] });
  });

  it('a highlight with no current position to go to is refused, and the suggestion stays pending', async () => {
    const { user, api } = await newUser('zh-CN');
    const position = (await api.post('/api/v1/positions', { name: '账本公司', position: '工程师', current: true })).json();
    await api.post('/api/v1/achievements', { title: '降低错误率', description: '发票错误减少 80%' });
    const [suggestion] = await settled(user.id, api);
    expect(suggestion.targetSection).toBe('position_highlights');
    await api.patch(`/api/v1/positions/${position.id}`, { current: false, endDate: '2026-05' });
    expectProblem(await api.post(`/api/v1/suggestions/${suggestion.id}/accept`), 409);
    expect((await api.get('/api/v1/suggestions?status=pending')).json().items.map((s: { id: string }) => s.id)).toContain(
      suggestion.id,
    );
  });

  it('a suggestion moved to Projects becomes a project of the current position', async () => {
    const { user, api } = await newUser();
    const position = (await api.post('/api/v1/positions', { name: 'Ledger Co', current: true })).json();
    await api.post('/api/v1/skills', { name: 'Go' });
    await api.post('/api/v1/achievements', { title: 'Shipped the billing API', skills: ['Go'] });
    const [suggestion] = await settled(user.id, api);
    const accepted = (
      await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, {
        edits: { targetSection: 'projects', suggestedTitle: 'Billing API', suggestedDescription: 'Public API for invoices' },
      })
    ).json();
    expect(accepted.project).toMatchObject({
      name: 'Billing API',
      description: 'Public API for invoices',
      positionId: position.id,
    });
  });
});
