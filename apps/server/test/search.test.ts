import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTerms } from '../src/lib/search-terms.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let api: ReturnType<typeof as>;
let strangerApi: ReturnType<typeof as>;
const ids: Record<string, string> = {};
let now = new Date('2026-06-10T10:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
  api = as(t.app, await signUp(t.app));
  strangerApi = as(t.app, await signUp(t.app));
  const todo = async (key: string, body: object) => (ids[key] = (await api.post('/api/v1/todos', body)).json().id);
  await todo('zh', { title: '我在学习中文', notes: '每天练习一个小时', tags: ['语言'] });
  await todo('kube', { title: 'Kubernetes migration', notes: 'Move the billing service', tags: ['infra'] });
  await todo('cafe', { title: 'Café opening', notes: 'Résumé of the plan' });
  await todo('percent', { title: '100% done', notes: 'all of it' });
  await todo('snake', { title: 'rename snake_case fields' });
  await todo('backslash', { title: 'Clean C:\\temp folder' });
  await todo('quotes', { title: 'Say "hello" and \'bye\'' });
  await todo('mixed', { title: 'Deploy 新版本 to staging', tags: ['infra'] });
  ids.plan = (
    await api.post('/api/v1/plans', { title: 'Learn Chinese 中文', description: 'HSK 4 by December', tags: ['语言'] })
  ).json().id;
  ids.achievement = (
    await api.post('/api/v1/achievements', {
      title: 'Shipped Kubernetes',
      skills: ['Kubernetes', 'Go'],
      achievedOn: '2026-05-01',
    })
  ).json().id;
  ids.focus = (
    await api.post('/api/v1/focus-items', { title: 'Mentoring', description: 'Two juniors learning Kubernetes' })
  ).json().id;
  ids.report = (
    await api.post('/api/v1/reports', {
      type: 'weekly',
      periodStart: '2026-06-01',
      periodEnd: '2026-06-07',
      sections: { learnings: '中文的声调很难' },
    })
  ).json().id;
  await strangerApi.post('/api/v1/todos', { title: '我也在学习中文 Kubernetes secret' });
});
afterAll(() => t.close());

const search = async (query: string) => {
  const res = await api.get(`/api/v1/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    kind: string;
    id: string;
    title: string;
    snippet: string;
    marks: [number, number][];
    score: number;
  }[];
};
const idsOf = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('search', () => {
  it('finds Chinese with one, two and four characters, without word breaks', async () => {
    expect(idsOf(await search(`q=${encodeURIComponent('学')}`))).toEqual(expect.arrayContaining([ids.zh]));
    const two = await search(`q=${encodeURIComponent('中文')}`);
    expect(idsOf(two).sort()).toEqual([ids.zh, ids.plan, ids.report].sort());
    expect(idsOf(await search(`q=${encodeURIComponent('学习中文')}`))).toEqual([ids.zh]);
    const hit = two.find((h) => h.id === ids.report)!;
    expect(hit.kind).toBe('report');
    expect(hit.marks).toHaveLength(1);
    expect(hit.snippet.slice(...hit.marks[0]!)).toBe('中文');
  });

  it('matches English by prefix, ignoring case and accents, best first', async () => {
    const hits = await search('q=KUBER');
    expect(idsOf(hits)).toEqual(expect.arrayContaining([ids.kube, ids.achievement, ids.focus]));
    expect(hits.map((h) => h.kind)).toContain('focus_item');
    expect(hits[0]!.title).toMatch(/^Kubernetes/);
    const exact = await search('q=Kubernetes%20migration');
    expect(exact[0]!.id).toBe(ids.kube);
    expect(idsOf(await search('q=cafe'))).toEqual([ids.cafe]);
    const resume = (await search('q=resume'))[0]!;
    expect(resume.id).toBe(ids.cafe);
    expect(resume.snippet.slice(...resume.marks[0]!)).toBe('Résumé');
    expect(idsOf(await search(`q=${encodeURIComponent('新版本 to')}`))).toEqual([ids.mixed]);
  });

  it('takes %, _, \\ and quotes literally', async () => {
    expect(idsOf(await search('q=%25'))).toEqual([ids.percent]);
    expect(idsOf(await search('q=_'))).toEqual([ids.snake]);
    expect(idsOf(await search(`q=${encodeURIComponent('\\')}`))).toEqual([ids.backslash]);
    expect(idsOf(await search(`q=${encodeURIComponent('"hello"')}`))).toEqual([ids.quotes]);
    expect(idsOf(await search(`q=${encodeURIComponent("'bye'")}`))).toEqual([ids.quotes]);
    expect(await search(`q=${encodeURIComponent("%' or 1=1 --")}`)).toEqual([]);
  });

  it('refuses a 1,000-character query and a search with neither words nor tag', async () => {
    expectProblem(await api.get(`/api/v1/search?q=${'x'.repeat(1000)}`), 400);
    expectProblem(await api.get('/api/v1/search'), 400);
    expectProblem(await api.get('/api/v1/search?q=x&kind=widget'), 400);
    expectProblem(await api.get('/api/v1/search?q=x&cursor=zzz'), 400);
  });

  it('never shows another user’s items', async () => {
    const hits = await search(`q=${encodeURIComponent('中文')}`);
    expect(hits.every((h) => Object.values(ids).includes(h.id))).toBe(true);
    const theirs = (await strangerApi.get(`/api/v1/search?q=${encodeURIComponent('中文')}`)).json().items;
    expect(theirs).toHaveLength(1);
    expect(theirs[0].title).toBe('我也在学习中文 Kubernetes secret');
  });

  it('filters by kind, tag and date, and lists a tag’s items without words', async () => {
    expect(idsOf(await search('q=kubernetes&kind=achievement'))).toEqual([ids.achievement]);
    expect(idsOf(await search('q=kubernetes&tag=infra'))).toEqual([ids.kube]);
    expect(idsOf(await search(`tag=${encodeURIComponent('语言')}`)).sort()).toEqual([ids.zh, ids.plan].sort());
    expect(idsOf(await search('q=kubernetes&from=2026-05-01&to=2026-05-31'))).toEqual([ids.achievement]);
    const tagHits = await search('q=infr');
    expect(tagHits.find((h) => h.kind === 'tag')?.title).toBe('infra');
  });

  it('pages with a cursor', async () => {
    const first = (await api.get('/api/v1/search?q=e&limit=3')).json();
    expect(first.items).toHaveLength(3);
    const second = (await api.get(`/api/v1/search?q=e&limit=3&cursor=${first.nextCursor}`)).json();
    expect(idsOf(second.items).some((id: string) => idsOf(first.items).includes(id))).toBe(false);
  });
});

describe('search by several terms', () => {
  let user: ReturnType<typeof as>;
  const my: Record<string, string> = {};
  type Hit = Awaited<ReturnType<typeof search>>[number] & { titleMarks: [number, number][] };
  const find = async (q: string, more = '') => {
    const res = await user.get(`/api/v1/search?q=${encodeURIComponent(q)}${more}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Hit[];
  };
  const marked = (text: string, marks: [number, number][]) => marks.map((mark) => text.slice(...mark));
  const listed = async (path: string, q: string) =>
    ((await user.get(`${path}?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map((item) => item.id).sort();

  beforeAll(async () => {
    user = as(t.app, await signUp(t.app));
    const todo = async (key: string, body: object) => (my[key] = (await user.post('/api/v1/todos', body)).json().id);
    await todo('starts', { title: 'RFC cutover plan' });
    await todo('both', {
      title: 'Write RFC for ledger cutover',
      notes: 'Draft with the payments team',
      tags: ['ledger-cutover'],
    });
    await todo('one', { title: 'Cutover checklist', notes: 'See the RFC draft' });
    await todo('rfcOnly', { title: 'RFC template' });
    await todo('apart', { title: 'Ledger notes', notes: 'before the cutover' });
    await todo('zh', { title: '架构设计评审会', notes: '周三下午' });
    await todo('zhOne', { title: '评审', notes: '代码' });
    await todo('mixed', { title: 'Review 架构 with the team' });
    await todo('cafe', { title: 'Café menu', notes: 'Résumé review' });
    await todo('literal', { title: '50% off_sale' });
    await todo('plain', { title: '50 percent off sale' });
    await todo('long', {
      title: 'Long notes',
      notes: `Cutover first. ${'filler words '.repeat(30)}Then the RFC and the cutover together. ${'more '.repeat(40)}`,
    });
    await todo('slash', { title: 'Copy C:\\temp\\logs' });
    my.plan = (
      await user.post('/api/v1/plans', {
        title: 'Quarter plan',
        description: 'The rfc for the ledger is ready before the cutover',
      })
    ).json().id;
  });

  it('finds every term, in any order, in any field; an item with only some is not found', async () => {
    const hits = await find('RFC cutover');
    expect(idsOf(hits)).toEqual([my.starts, my.both, my.one, my.long, my.plan]);
    expect(idsOf(await find('cutover rfc'))).toEqual(idsOf(hits));
    expect(idsOf(hits)).not.toContain(my.rfcOnly);
    expect(idsOf(await find('ledger payments'))).toEqual([my.both]);
  });

  it('ranks titles holding every term first, then some, then none', async () => {
    const [starts, both, one, long, plan] = await find('RFC cutover');
    expect(starts!.score).toBeGreaterThan(both!.score);
    expect(both!.score).toBeGreaterThan(one!.score);
    expect(one!.score).toBeGreaterThan(long!.score);
    expect(long!.score).toBe(plan!.score);
    expect(plan!.kind).toBe('plan');
  });

  it('marks every term, in the title and in the snippet', async () => {
    const hits = await find('rfc CUTOVER');
    const both = hits.find((hit) => hit.id === my.both)!;
    expect(marked(both.title, both.titleMarks)).toEqual(['RFC', 'cutover']);
    expect(marked(both.snippet, both.marks)).toEqual(['RFC', 'cutover']);
    const one = hits.find((hit) => hit.id === my.one)!;
    expect(marked(one.title, one.titleMarks)).toEqual(['Cutover']);
    expect(one.snippet).toBe('See the RFC draft');
    expect(marked(one.snippet, one.marks)).toEqual(['RFC']);
    const plan = hits.find((hit) => hit.id === my.plan)!;
    expect(plan.titleMarks).toEqual([]);
    expect(marked(plan.snippet, plan.marks)).toEqual(['rfc', 'cutover']);
    // A long text shows the part with the most different terms.
    const long = hits.find((hit) => hit.id === my.long)!;
    expect(long.snippet).toMatch(/^….*Then the RFC and the cutover together.*…$/);
    expect(marked(long.snippet, long.marks).slice(-2)).toEqual(['RFC', 'cutover']);
    const [cafe] = await find('resume CAFE');
    expect(cafe!.id).toBe(my.cafe);
    expect(marked(cafe!.title, cafe!.titleMarks)).toEqual(['Café']);
    expect(marked(cafe!.snippet, cafe!.marks)).toEqual(['Résumé']);
  });

  it('finds Chinese terms separated by spaces, of one and two characters, and mixed with English', async () => {
    const [zh, ...rest] = await find('架构 评审');
    expect(zh!.id).toBe(my.zh);
    expect(rest).toEqual([]);
    expect(marked(zh!.snippet, zh!.marks)).toEqual(['架构', '评审']);
    expect(idsOf(await find('评审 架构'))).toEqual([my.zh]);
    expect(idsOf(await find('审　架'))).toEqual([my.zh]); // an ideographic space
    expect(idsOf(await find('架构 team'))).toEqual([my.mixed]);
    expect(idsOf(await find('review 架构'))).toEqual([my.mixed]);
    expect(idsOf(await find('评审 代码'))).toEqual([my.zhOne]);
  });

  it('matches a quoted phrase as written, and not its words apart', async () => {
    expect(idsOf(await find('ledger cutover', '&kind=todo')).sort()).toEqual([my.both, my.apart].sort());
    expect(idsOf(await find('"ledger cutover"', '&kind=todo'))).toEqual([my.both]);
    expect(idsOf(await find('“设计评审”'))).toEqual([my.zh]);
    expect(idsOf(await find('"架构 评审"'))).toEqual([]);
    expect(idsOf(await find('"ledger cutover" write'))).toEqual([my.both]);
    const tag = (await find('"ledger cutover"')).find((hit) => hit.kind === 'tag');
    expect(tag).toBeUndefined();
    expect((await find('ledger cutover')).find((hit) => hit.kind === 'tag')?.title).toBe('ledger-cutover');
  });

  it('reads a phrase still being typed, and curly and corner quotes, as a phrase', async () => {
    expect(idsOf(await find('"ledger cut', '&kind=todo'))).toEqual([my.both]);
    expect(idsOf(await find('「设计评审」'))).toEqual([my.zh]);
    expect(searchTerms('"ledger cut')).toEqual(['ledger cut']);
    expect(searchTerms('“账本  切换”x 5\'10" 「架构 评审」')).toEqual(['账本 切换', 'x', '5\'10"', '架构 评审']);
    expect(searchTerms('"')).toEqual(['"']);
    expect(searchTerms(' \u3000 ')).toEqual([]);
    expect(searchTerms('Go go GO rust')).toEqual(['Go', 'rust']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('中'.repeat(150))).toEqual(['中'.repeat(100)]);
  });

  it('takes %, _ and \\ in any term literally', async () => {
    expect(idsOf(await find('50% off_'))).toEqual([my.literal]);
    expect(idsOf(await find('sale %'))).toEqual([my.literal]);
    expect(idsOf(await find('off _'))).toEqual([my.literal]);
    expect(idsOf(await find('sale \\'))).toEqual([]);
    expect(idsOf(await find('logs \\'))).toEqual([my.slash]);
  });

  it('uses the first eight terms and ignores the rest', async () => {
    const eight = 'write rfc for ledger cutover draft with the';
    expect(idsOf(await find(`${eight} nowhere`))).toEqual([my.both]);
    expect(idsOf(await find(`nowhere ${eight}`))).toEqual([]);
  });

  it('list filters read the query the same way', async () => {
    expect(await listed('/api/v1/todos', 'RFC cutover')).toEqual([my.starts, my.both, my.one, my.long].sort());
    expect(await listed('/api/v1/todos', '"ledger cutover"')).toEqual([my.both]);
    expect(await listed('/api/v1/todos', '架构 评审')).toEqual([my.zh]);
    expect(await listed('/api/v1/todos', '架构 team')).toEqual([my.mixed]);
    expect(await listed('/api/v1/todos', 'sale %')).toEqual([my.literal]);
    expect(await listed('/api/v1/plans', 'cutover RFC')).toEqual([my.plan]);
    expect(await listed('/api/v1/plans', '"rfc cutover"')).toEqual([]);
  });
});

describe('tags', () => {
  it('autocomplete by prefix, with counts of live items', async () => {
    const items = (await api.get('/api/v1/tags?q=IN')).json().items;
    expect(items).toEqual([{ name: 'infra', count: 2 }]);
    await api.delete(`/api/v1/todos/${ids.mixed}`);
    expect((await api.get('/api/v1/tags?q=in')).json().items).toEqual([{ name: 'infra', count: 1 }]);
    await api.post(`/api/v1/trash/todo/${ids.mixed}/restore`);
  });

  it('pages the vocabulary, most used first then by name, with or without a prefix', async () => {
    const user = as(t.app, await signUp(t.app));
    // Counts 3, 2, 2, 2, 1: ties must neither repeat nor drop a tag across pages.
    for (const tags of [
      ['alpha', 'Beta', 'beta2', 'gamma'],
      ['alpha', 'Beta', 'beta2'],
      ['alpha', 'gamma', 'delta'],
    ]) {
      await user.post('/api/v1/todos', { title: 'Tagged', tags });
    }
    const pageThrough = async (query: string) => {
      const seen: { name: string; count: number }[] = [];
      let cursor: string | null = null;
      do {
        const res = await user.get(`/api/v1/tags?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json() as { items: { name: string; count: number }[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pageThrough('')).toEqual([
      { name: 'alpha', count: 3 },
      { name: 'Beta', count: 2 },
      { name: 'beta2', count: 2 },
      { name: 'gamma', count: 2 },
      { name: 'delta', count: 1 },
    ]);
    expect((await pageThrough('&q=be')).map((tag) => tag.name)).toEqual(['Beta', 'beta2']);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of ['nonsense', encode(['x:alpha', crypto.randomUUID()]), encode(['2:alpha', 'not-an-id'])]) {
      expectProblem(await user.get(`/api/v1/tags?cursor=${bad}`), 400);
    }
  });

  it('rename and merge change every kind of item, in one go', async () => {
    const user = as(t.app, await signUp(t.app));
    const todo = (await user.post('/api/v1/todos', { title: 'T', tags: ['js'] })).json();
    const plan = (await user.post('/api/v1/plans', { title: 'P', tags: ['JS', 'web'] })).json();
    const achievement = (await user.post('/api/v1/achievements', { title: 'A', tags: ['javascript'] })).json();
    const focus = (await user.post('/api/v1/focus-items', { title: 'F', tags: ['ecmascript'] })).json();
    const report = (
      await user.post('/api/v1/reports', { type: 'custom', periodStart: '2026-01-01', periodEnd: '2026-01-31', tags: ['js'] })
    ).json();

    expect((await user.post('/api/v1/tags/rename', { from: 'JS', to: 'TypeScript' })).json()).toEqual({ name: 'TypeScript' });
    expect((await user.get(`/api/v1/todos/${todo.id}`)).json().tags).toEqual(['TypeScript']);
    expect((await user.get(`/api/v1/plans/${plan.id}`)).json().tags).toEqual(['TypeScript', 'web']);
    expect((await user.get(`/api/v1/reports/${report.id}`)).json().tags).toEqual(['TypeScript']);

    await user.post('/api/v1/tags/merge', { from: ['javascript', 'ecmascript'], into: 'typescript' });
    expect((await user.get(`/api/v1/achievements/${achievement.id}`)).json().tags).toEqual(['TypeScript']);
    expect((await user.get(`/api/v1/focus-items/${focus.id}`)).json().tags).toEqual(['TypeScript']);
    expect((await user.get('/api/v1/tags')).json().items).toEqual([
      { name: 'TypeScript', count: 5 },
      { name: 'web', count: 1 },
    ]);
    // Renaming onto an existing tag merges.
    await user.post('/api/v1/tags/rename', { from: 'web', to: 'typescript' });
    expect((await user.get(`/api/v1/plans/${plan.id}`)).json().tags).toEqual(['TypeScript']);
    expectProblem(await user.post('/api/v1/tags/rename', { from: 'nope', to: 'x' }), 404);
    expectProblem(await user.post('/api/v1/tags/merge', { from: [], into: 'x' }), 400);
  });

  it('a concurrent edit loses nothing', async () => {
    const user = as(t.app, await signUp(t.app));
    const todos = [];
    for (let i = 0; i < 8; i++)
      todos.push((await user.post('/api/v1/todos', { title: `T${i}`, tags: ['old', `own${i}`] })).json());
    await Promise.all([
      user.post('/api/v1/tags/rename', { from: 'old', to: 'new' }),
      ...todos.map((todo, i) => user.patch(`/api/v1/todos/${todo.id}`, { title: `Edited ${i}` })),
    ]);
    for (const [i, todo] of todos.entries()) {
      const now = (await user.get(`/api/v1/todos/${todo.id}`)).json();
      expect(now.title).toBe(`Edited ${i}`);
      expect(now.tags).toEqual(['new', `own${i}`]);
    }
  });
});

describe('chart data', () => {
  it('activity per day and per week in the user’s time zone, plan history, skills over time', async () => {
    const user = as(t.app, await signUp(t.app));
    await user.put('/api/v1/profile', { timezone: 'Asia/Tokyo' });
    const plan = (await user.post('/api/v1/plans', { title: 'Book' })).json();
    const make = async (title: string) => (await user.post('/api/v1/todos', { title, planId: plan.id })).json().id;
    const a = await make('a');
    const b = await make('b');
    await make('c');
    now = new Date('2026-06-10T16:00:00Z'); // 01:00 on the 11th in Tokyo
    await user.post(`/api/v1/todos/${a}/complete`, {});
    now = new Date('2026-06-12T03:00:00Z');
    await user.post(`/api/v1/todos/${b}/complete`, {});
    await user.post('/api/v1/achievements', { title: 'x', skills: ['Writing'], achievedOn: '2026-06-01' });

    const daily = (await user.get('/api/v1/stats/activity?from=2026-06-01&to=2026-06-30')).json();
    expect(daily).toEqual({
      from: '2026-06-01',
      to: '2026-06-30',
      bucket: 'day',
      points: [
        { date: '2026-06-11', count: 1 },
        { date: '2026-06-12', count: 1 },
      ],
      total: 2,
    });
    const weekly = (await user.get('/api/v1/stats/activity?from=2026-06-01&to=2026-06-30&bucket=week')).json();
    expect(weekly.points).toEqual([{ date: '2026-06-08', count: 2 }]);
    expect((await user.get('/api/v1/stats/activity')).json()).toMatchObject({ to: '2026-06-12', from: '2025-06-13', total: 2 });
    expectProblem(await user.get('/api/v1/stats/activity?from=2026-06-30&to=2026-06-01'), 400);

    const history = (await user.get(`/api/v1/stats/plans/${plan.id}/history`)).json();
    expect(history.points.at(-1)).toEqual({ date: '2026-06-12', done: 2, total: 3, progress: 67 });
    expect(history.points.find((p: { date: string }) => p.date === '2026-06-11')).toMatchObject({ done: 1, progress: 33 });
    expectProblem(await strangerApi.get(`/api/v1/stats/plans/${plan.id}/history`), 404);

    const skills = (await user.get('/api/v1/stats/skills')).json();
    expect(skills.months.at(-1)).toBe('2026-06');
    expect(skills.skills).toEqual([{ skill: 'Writing', counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], total: 1 }]);
    now = new Date('2026-06-10T10:00:00Z');
  });
});
