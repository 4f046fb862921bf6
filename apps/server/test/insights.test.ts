import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentages } from '../src/services/insights.service.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let now = new Date('2026-04-01T12:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const at = (iso: string) => {
  now = new Date(iso);
};

interface Insight {
  kind: string;
  title: string;
  detail: string;
  data: Record<string, any>;
}
type Api = ReturnType<typeof as>;
const insights = async (api: Api) =>
  Object.fromEntries(((await api.get('/api/v1/insights')).json().items as Insight[]).map((i) => [i.kind, i])) as Record<
    string,
    any
  >;
const shareSum = (rows: { share: number }[]) => rows.reduce((sum, row) => sum + row.share, 0);

describe('shares', () => {
  it('are whole percentages adding up to exactly 100', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentages([1.5, 1, 1, 1, 5 / 6, 2 / 3, 1])).toEqual([22, 14, 14, 14, 12, 10, 14]);
    expect(percentages([0, 0])).toEqual([0, 0]);
  });
});

describe('insights', () => {
  let api: Api;
  beforeAll(async () => {
    at('2026-04-19T12:00:00Z');
    const u = await signUp(t.app);
    api = as(t.app, u);
    await api.put('/api/v1/profile', { timezone: 'UTC', locale: 'en' });
    const book = (await api.post('/api/v1/plans', { title: 'Book' })).json();
    // Seven finished to-dos: one untagged, two with several tags, seven tags in all.
    const specs: [string[], string | null, string][] = [
      [['rust'], book.id, '2026-04-20'],
      [['rust', 'go'], book.id, '2026-04-27'],
      [['go', 'sql', 'ops'], null, '2026-04-28'],
      [[], null, '2026-04-29'],
      [['docs'], null, '2026-04-29'],
      [['ui'], null, '2026-04-29'],
      [['qa'], null, '2026-04-29'],
    ];
    const ids = [];
    for (const [tags, planId] of specs) ids.push((await api.post('/api/v1/todos', { title: 'Step', tags, planId })).json().id);
    for (const [i, [, , day]] of specs.entries()) {
      at(`${day}T09:00:00Z`);
      await api.post(`/api/v1/todos/${ids[i]}/complete`, {});
    }
    // Skills come from achievements only; their tags, and to-dos' tags, are not skills.
    await api.post('/api/v1/achievements', {
      title: 'Talk',
      skills: ['Speaking'],
      tags: ['leadership'],
      achievedOn: '2026-04-05',
    });
    at('2026-04-30T18:00:00Z');
  });

  it('share the last 30 days by tag in parts that add up to 100%, naming the untagged and the rest', async () => {
    const { time_by_tag: byTag } = await insights(api);
    expect(byTag.data.total).toBe(7);
    expect(byTag.data.split).toBe(true);
    expect(byTag.data.tags).toEqual([
      { tag: 'rust', count: 2, share: 22 },
      { tag: 'docs', count: 1, share: 14 },
      { tag: 'qa', count: 1, share: 14 },
      { tag: 'ui', count: 1, share: 14 },
      { tag: 'go', count: 2, share: 12 },
      { tag: null, group: 'other', count: 1, share: 10 },
      { tag: null, group: 'none', count: 1, share: 14 },
    ]);
    expect(shareSum(byTag.data.tags)).toBe(100);
    expect(byTag.detail).toBe(
      'rust: 2 (22%); docs: 1 (14%); qa: 1 (14%); ui: 1 (14%); go: 2 (12%); other tags: 1 (10%); untagged: 1 (14%). ' +
        'A to-do with several tags is shared among them.',
    );
  });

  it('share the last 30 days by plan, with those in no plan, adding up to 100%', async () => {
    const { time_by_plan: byPlan } = await insights(api);
    expect(byPlan.data.plans.map((p: { title: string | null; share: number }) => [p.title, p.share])).toEqual([
      ['Book', 29],
      [null, 71],
    ]);
    expect(byPlan.detail).toBe('Book: 2 (29%); no plan: 5 (71%)');
  });

  it('never take a to-do’s or an achievement’s tags for trending skills', async () => {
    const { skills_trending: skills } = await insights(api);
    expect(skills.data.skills).toEqual([{ skill: 'Speaking', now: 1, before: 0 }]);
  });

  it('count a streak of days, and of weeks, that ended yesterday or last week', async () => {
    // Three days in a row up to yesterday; this week and last week.
    expect((await insights(api)).streak).toMatchObject({ title: 'A 3-day streak', data: { days: 3, weeks: 2 } });
    at('2026-05-02T10:00:00Z'); // Saturday: no day since Wednesday, but this week has some
    expect((await insights(api)).streak).toMatchObject({ title: 'A 2-week streak', data: { days: 0, weeks: 2 } });
    at('2026-05-12T10:00:00Z'); // a week with none in between
    expect((await insights(api)).streak).toBeUndefined();
    at('2026-04-30T18:00:00Z');
  });

  it('are worded in the reader’s language when read', async () => {
    await api.put('/api/v1/profile', { locale: 'zh-CN' });
    const zh = await insights(api);
    expect(zh.streak.title).toBe('连续 3 天');
    expect(zh.time_by_tag.detail).toContain('无标签：1 项（14%）');
    expect(zh.time_by_plan.detail).toBe('Book：2 项（29%）；无计划：5 项（71%）');
    await api.put('/api/v1/profile', { locale: 'en' });
  });
});
