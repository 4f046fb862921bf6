import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';

/**
 * One definition, every surface: a plan's progress, what is overdue or due today, and the skills
 * are each derived in one place (repositories/facts.ts and plans.progress), so every surface that
 * shows one of them must show the same value for the same data.
 */
let t: TestApp;
const now = new Date('2026-06-10T09:00:00Z'); // Wednesday, in UTC (the user's zone)
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const HANDLE = 'facts-mei';
type Api = ReturnType<typeof as>;
let api: Api;
let halfway: { id: string };
let overridden: { id: string };

/** Waits for a background job (the draft) to finish. */
async function jobDone(jobId: string) {
  return waitFor(async () => {
    const job = (await api.get(`/api/v1/jobs/${jobId}`)).json();
    return ['queued', 'running', 'retrying'].includes(job.status) ? undefined : job;
  });
}

beforeAll(async () => {
  const user = await signUp(t.app, { displayName: 'Mei' });
  api = as(t.app, user);
  await api.put('/api/v1/profile', { handle: HANDLE, isPublic: true });

  // 4 live linked to-dos, 2 of them done; a done one in the trash must not count.
  halfway = (await api.post('/api/v1/plans', { title: 'Ship v2', isPublic: true })).json();
  const linked = [];
  for (const title of ['Spec', 'Build', 'Test', 'Release', 'Abandoned'])
    linked.push((await api.post('/api/v1/todos', { title, planId: halfway.id })).json().id);
  for (const id of [linked[0], linked[1], linked[4]]) await api.post(`/api/v1/todos/${id}/complete`, {});
  await api.delete(`/api/v1/todos/${linked[4]}`);
  overridden = (await api.post('/api/v1/plans', { title: 'Learn Go', isPublic: true, progressOverride: 70 })).json();

  for (const [title, dueOn] of [
    ['Yesterday', '2026-06-09'],
    ['Today', '2026-06-10'],
    ['In five days', '2026-06-15'],
  ])
    await api.post('/api/v1/todos', { title, dueOn });
  // Tags are never skills.
  await api.post('/api/v1/todos', { title: 'Undated', tags: ['Gardening'] });

  await api.post('/api/v1/achievements', {
    title: 'API',
    skills: ['TypeScript', 'SQL'],
    achievedOn: '2026-05-02',
    isPublic: true,
  });
  await api.post('/api/v1/achievements', { title: 'CLI', skills: ['TypeScript'], achievedOn: '2026-04-20', isPublic: true });
  // Only public achievements' skills are published.
  await api.post('/api/v1/achievements', { title: 'Deal', skills: ['Negotiation'], achievedOn: '2026-05-03' });
  // An accepted suggestion's skills count once: through the achievement it became.
  const important = (
    await api.post('/api/v1/todos', { title: 'Move to Kubernetes', important: true, tags: ['Kubernetes'] })
  ).json();
  await api.post(`/api/v1/todos/${important.id}/complete`, { summary: 'Deploys down from 40 to 5 minutes' });
  const suggestion = await waitFor(async () =>
    (await api.get('/api/v1/suggestions?status=pending'))
      .json()
      .items.find((s: { trigger: { id: string } }) => s.trigger.id === important.id),
  );
  const { achievement } = (await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, {})).json();
  expect(achievement.skills).toEqual(['Kubernetes']);
  await api.patch(`/api/v1/achievements/${achievement.id}`, { isPublic: true });
});

const progressIn = (plans: { title: string; progress: number }[]) =>
  Object.fromEntries(plans.filter((p) => ['Ship v2', 'Learn Go'].includes(p.title)).map((p) => [p.title, p.progress]));
const EXPECTED = { 'Ship v2': 50, 'Learn Go': 70 };

describe('one definition, every surface', () => {
  it('a plan’s progress is the same on the lists, the plan, the anchor page, the public profile and page, the chart and a draft', async () => {
    expect(progressIn((await api.get('/api/v1/plans')).json().items)).toEqual(EXPECTED);
    expect((await api.get(`/api/v1/plans/${halfway.id}`)).json()).toMatchObject({
      progress: 50,
      todoCounts: { total: 4, done: 2 },
    });
    expect((await api.get(`/api/v1/plans/${overridden.id}`)).json().progress).toBe(70);
    expect(progressIn((await api.get('/api/v1/overview')).json().plans)).toEqual(EXPECTED);
    expect(progressIn((await api.get(`/api/v1/public/${HANDLE}`)).json().plans)).toEqual(EXPECTED);

    const page = await t.app.inject({ method: 'GET', url: `/u/${HANDLE}` });
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('50%');
    expect(text).toContain('70%');

    const history = (await api.get(`/api/v1/stats/plans/${halfway.id}/history`)).json();
    expect(history.points.at(-1)).toMatchObject({ date: '2026-06-10', done: 2, total: 4, progress: 50 });

    const draft = await api.post('/api/v1/reports/drafts', {
      type: 'weekly',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
    });
    expect(draft.statusCode).toBe(202);
    const job = await jobDone(draft.json().jobId);
    expect(job).toMatchObject({ status: 'succeeded', result: { generatedBy: 'builtin' } });
    const report = (await api.get(`/api/v1/reports/${job.result.reportId}`)).json();
    expect(report.sections.nextFocus).toContain('Plan “Ship v2”: 50% done');
    expect(report.sections.nextFocus).toContain('Plan “Learn Go”: 70% done');
  });

  it('overdue and due today count the same on the anchor page and the to-do list filters, in the user’s time zone', async () => {
    const titles = async (due: string) =>
      (await api.get(`/api/v1/todos?due=${due}`)).json().items.map((todo: { title: string }) => todo.title);
    expect(await titles('overdue')).toEqual(['Yesterday']);
    expect(await titles('today')).toEqual(['Today']);
    expect((await api.get('/api/v1/overview')).json().todos).toMatchObject({ overdue: 1, dueToday: 1 });

    // 22:00 on 9 June in Pago Pago: yesterday's to-do is due today there, and nothing is overdue.
    await api.put('/api/v1/profile', { timezone: 'Pacific/Pago_Pago' });
    expect(await titles('overdue')).toEqual([]);
    expect(await titles('today')).toEqual(['Yesterday']);
    expect(await titles('week&sort=due')).toEqual(['Yesterday', 'Today', 'In five days']);
    expect((await api.get('/api/v1/overview')).json().todos).toMatchObject({ overdue: 0, dueToday: 1 });
    await api.put('/api/v1/profile', { timezone: 'UTC' });
  });

  it('skills come from achievements only, each counted once, on the chart and the public profile', async () => {
    const { months, skills } = (await api.get('/api/v1/stats/skills')).json();
    expect(months.at(-1)).toBe('2026-06');
    const totals = Object.fromEntries(skills.map((s: { skill: string; total: number }) => [s.skill, s.total]));
    expect(totals).toEqual({ TypeScript: 2, SQL: 1, Kubernetes: 1, Negotiation: 1 });

    const published = (await api.get(`/api/v1/public/${HANDLE}`)).json();
    expect(published.skills).toEqual([
      { name: 'TypeScript', count: 2 },
      { name: 'Kubernetes', count: 1 },
      { name: 'SQL', count: 1 },
    ]);
  });
});
