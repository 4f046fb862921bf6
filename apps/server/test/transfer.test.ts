import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { snapshotUser } from './helpers/snapshot.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function richAccount() {
  const user = await signUp(t.app, { displayName: 'Lin 林' });
  const api = as(t.app, user);
  await api.put('/api/v1/profile', {
    headline: '数据工程师',
    summary: 'Builds pipelines',
    location: '上海',
    links: [{ label: 'GitHub', url: 'https://github.com/lin' }],
    timezone: 'Asia/Shanghai',
    email: 'lin@example.com',
    phone: '+86 138 0000 0000',
    url: 'https://lin.dev',
    address: { city: '上海', countryCode: 'CN', postalCode: '200000' },
    resumeExtra: { image: 'https://lin.dev/me.png' },
    publicFields: ['headline', 'email'],
  });
  const position = (
    await api.post('/api/v1/positions', {
      name: '数据公司',
      position: 'Data Engineer',
      startDate: '2021-03',
      current: true,
      highlights: ['Built the lake', '迁移 40 个任务'],
      tags: ['work'],
    })
  ).json();
  const project = (
    await api.post('/api/v1/projects', { name: 'Lakehouse', positionId: position.id, startDate: '2022', keywords: ['Spark'] })
  ).json();
  await api.post('/api/v1/skills', { name: 'SQL', level: 'Advanced', keywords: ['Postgres'] });
  await api.post('/api/v1/education', { institution: '复旦大学', studyType: 'BSc', area: 'CS', endDate: '2015-06-30' });
  await api.post('/api/v1/references', { name: 'A. Boss', reference: 'Reliable', extra: { kept: ['from', 'import'] } });
  const certificate = (await api.post('/api/v1/certificates', { name: 'Old cert', date: '2010' })).json();
  await api.delete(`/api/v1/certificates/${certificate.id}`);
  const plan = (await api.post('/api/v1/plans', { title: '学习 Rust', targetDate: '2026-12-31', tags: ['rust', '学习'] })).json();
  const a = (await api.post('/api/v1/todos', { title: 'Read the book', planId: plan.id, tags: ['rust'] })).json();
  const b = (
    await api.post('/api/v1/todos', { title: '写一个小工具', planId: plan.id, important: true, dueOn: '2026-07-01' })
  ).json();
  await api.post(`/api/v1/todos/${a.id}/complete`, { summary: 'Chapters 1–6; ownership finally clicked' });
  const weekly = (
    await api.post('/api/v1/todos', {
      title: 'Weekly review',
      dueOn: '2026-06-05',
      dueTime: '16:30',
      remindBefore: 30,
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      subtasks: [{ title: 'Inbox' }, { title: 'Calendar', done: true }],
    })
  ).json();
  await api.post(`/api/v1/todos/${weekly.id}/complete`, {});
  const trashed = (await api.post('/api/v1/todos', { title: 'Old idea' })).json();
  await api.delete(`/api/v1/todos/${trashed.id}`);
  await api.post('/api/v1/achievements', {
    title: 'Cut ETL time',
    quantifiableResults: '4h → 40min',
    skills: ['SQL', 'Spark'],
    achievedOn: '2026-03-01',
    isPublic: true,
    tags: ['award'],
    positionId: position.id,
    projectId: project.id,
  });
  await api.post('/api/v1/focus-items', { title: 'Mentoring', progress: 30, tags: ['people'] });
  await api.post('/api/v1/reports', {
    type: 'weekly',
    periodStart: '2026-06-01',
    periodEnd: '2026-06-07',
    sections: { accomplishments: '- Read the book' },
    sourceTodoIds: [a.id],
    tags: ['rust'],
  });
  void b;
  return { user, api };
}

/** The export with ids replaced by their order of appearance and timestamps dropped: what must survive a round trip. */
function normalise(doc: any) {
  const ids = new Map<string, string>();
  const idOf = (id: string | null) => (id === null ? null : (ids.get(id) ?? ids.set(id, `#${ids.size}`).get(id)!));
  const strip = ({ id, createdAt: _c, updatedAt: _u, deletedAt, completedAt, finalizedAt: _f, ...rest }: any) => ({
    id: idOf(id),
    deleted: Boolean(deletedAt),
    done: Boolean(completedAt),
    ...rest,
  });
  return {
    profile: doc.profile,
    settings: doc.settings,
    plans: doc.plans.map(strip),
    todos: doc.todos.map((t: any) => ({ ...strip(t), planId: idOf(t.planId), seriesId: idOf(t.seriesId) })),
    achievements: doc.achievements.map((a: any) => ({
      ...strip(a),
      positionId: idOf(a.positionId),
      projectId: idOf(a.projectId),
    })),
    focusItems: doc.focusItems.map(strip),
    reports: doc.reports.map((r: any) => ({ ...strip(r), sourceTodoIds: r.sourceTodoIds.map(idOf) })),
    career: Object.fromEntries(
      Object.entries(doc.career).map(([section, entries]: [string, any]) => [
        section,
        entries.map((e: any) => ({ ...strip(e), ...('positionId' in e ? { positionId: idOf(e.positionId) } : {}) })),
      ]),
    ),
  };
}

const importInto = (user: TestUser, body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/import',
    headers: { cookie: user.cookie, origin: 'http://127.0.0.1:3000', 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('export and import', () => {
  it('round-trips into a new account, equal except ids and timestamps; a second import adds nothing', async () => {
    const { api } = await richAccount();
    const res = await api.get('/api/v1/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="career-anchor-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = res.json();
    expect(exported.formatVersion).toBe(3);
    expect(exported.career.positions[0]).toMatchObject({ startDate: '2021-03', current: true, endDate: null, tags: ['work'] });
    expect(exported.career.projects[0].positionId).toBe(exported.career.positions[0].id);
    expect(exported.career.certificates[0].deletedAt).not.toBeNull();
    expect(exported.achievements[0]).toMatchObject({
      positionId: exported.career.positions[0].id,
      projectId: exported.career.projects[0].id,
    });
    expect(exported.profile).toMatchObject({
      email: 'lin@example.com',
      address: { city: '上海' },
      publicFields: ['headline', 'email'],
    });
    expect(exported).not.toHaveProperty('imports');
    expect(JSON.stringify(exported)).not.toMatch(/password|token_hash|ca_session|argon2/i);
    expect(exported.todos.some((t: any) => t.deletedAt)).toBe(true);

    const fresh = await signUp(t.app, { displayName: 'New' });
    const first = await importInto(fresh, exported);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      imported: { plans: 1, todos: 5, achievements: 1, focusItems: 1, reports: 1, careerEntries: 6 },
      skipped: { plans: 0, todos: 0, achievements: 0, focusItems: 0, reports: 0, careerEntries: 0 },
      upgradedFrom: null,
    });
    const again = await as(t.app, fresh).get('/api/v1/export');
    expect(normalise(again.json())).toEqual(normalise(exported));

    const second = await importInto(fresh, exported);
    expect(second.json().imported).toEqual({ plans: 0, todos: 0, achievements: 0, focusItems: 0, reports: 0, careerEntries: 0 });
    expect(second.json().skipped).toEqual({ plans: 1, todos: 5, achievements: 1, focusItems: 1, reports: 1, careerEntries: 6 });
    expect((await as(t.app, fresh).get('/api/v1/positions')).json().items).toHaveLength(1);
    const todos = (await as(t.app, fresh).get('/api/v1/todos?sort=due')).json().items;
    expect(todos).toHaveLength(4);
    // The series goes on from the imported copy: its open occurrence completes into the next.
    const open = todos.find((todo: any) => todo.title === 'Weekly review' && todo.status === 'open');
    expect(open).toMatchObject({ dueOn: '2026-06-12', dueTime: '16:30', remindBefore: 30, recurrence: 'FREQ=WEEKLY;BYDAY=FR' });
    expect(open.subtasks.map((s: any) => s.done)).toEqual([false, false]);
    await as(t.app, fresh).post(`/api/v1/todos/${open.id}/complete`, {});
    const series = (await as(t.app, fresh).get('/api/v1/todos?sort=due'))
      .json()
      .items.filter((x: any) => x.seriesId === open.seriesId);
    expect(series.map((x: any) => x.dueOn)).toEqual(['2026-06-05', '2026-06-12', '2026-06-19']);
    const plan = (await as(t.app, fresh).get('/api/v1/plans')).json().items[0];
    expect(plan).toMatchObject({ title: '学习 Rust', progress: 50, tags: ['rust', '学习'] });
  });

  it('importing an account’s own export into itself adds nothing', async () => {
    const { api } = await richAccount();
    const exported = (await api.get('/api/v1/export')).json();
    const res = await api.post('/api/v1/import', exported);
    expect(res.json().imported).toEqual({ plans: 0, todos: 0, achievements: 0, focusItems: 0, reports: 0, careerEntries: 0 });
    expect((await api.get('/api/v1/todos')).json().items).toHaveLength(4);
  });

  it('upgrades a file from an older format version', async () => {
    const user = await signUp(t.app);
    const v1 = {
      formatVersion: 1,
      focus: [{ id: crypto.randomUUID(), title: 'Old-format focus', progress: 10 }],
      reports: [
        {
          id: crypto.randomUUID(),
          type: 'monthly',
          periodStart: '2025-01-01',
          periodEnd: '2025-01-31',
          accomplishments: '- Shipped v1',
        },
      ],
    };
    const res = await importInto(user, v1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ upgradedFrom: 1, imported: { focusItems: 1, reports: 1 } });
    const report = (await as(t.app, user).get('/api/v1/reports')).json().items[0];
    expect(report.sections.accomplishments).toBe('- Shipped v1');
  });

  it('imports a version-2 file: no career, achievements without a position, a profile without contact details', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const plan = crypto.randomUUID();
    const v2 = {
      formatVersion: 2,
      profile: { headline: 'From v2', publicFields: ['headline', 'links'] },
      plans: [{ id: plan, title: 'Old plan' }],
      todos: [{ id: crypto.randomUUID(), title: 'Old to-do', planId: plan }],
      achievements: [{ id: crypto.randomUUID(), title: 'Old win', skills: ['Go'] }],
    };
    const res = await importInto(user, v2);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ upgradedFrom: 2, imported: { plans: 1, todos: 1, achievements: 1, careerEntries: 0 } });
    expect((await api.get('/api/v1/achievements')).json().items[0]).toMatchObject({
      title: 'Old win',
      positionId: null,
      projectId: null,
    });
    expect((await api.get('/api/v1/profile')).json()).toMatchObject({ headline: 'From v2', email: '', phone: '', address: {} });
    const exported = (await api.get('/api/v1/export')).json();
    expect(exported.formatVersion).toBe(3);
    expect(Object.values(exported.career).every((entries) => Array.isArray(entries) && entries.length === 0)).toBe(true);
  });

  it('refuses hostile or broken files whole, importing nothing', async () => {
    const user = await signUp(t.app);
    const before = await snapshotUser(t.ctx.database.db, user.id);
    const id = () => crypto.randomUUID();
    const cases: [string, unknown, number][] = [
      ['not an object', '[1, 2]', 400],
      ['no version', { todos: [] }, 400],
      ['future version', { formatVersion: 99 }, 400],
      ['wrong types', { formatVersion: 2, todos: [{ id: id(), title: 42 }] }, 400],
      ['unknown enum', { formatVersion: 2, plans: [{ id: id(), title: 'x', status: 'someday' }] }, 400],
      ['link outside the file', { formatVersion: 2, todos: [{ id: id(), title: 'x', planId: id() }] }, 400],
      ['a rule without a date', { formatVersion: 3, todos: [{ id: id(), title: 'x', recurrence: 'FREQ=DAILY' }] }, 400],
      [
        'a rule that never gives a day',
        { formatVersion: 3, todos: [{ id: id(), title: 'x', dueOn: '2026-01-30', recurrence: 'FREQ=YEARLY;BYMONTH=2' }] },
        400,
      ],
      ['a time without a date', { formatVersion: 3, todos: [{ id: id(), title: 'x', dueTime: '09:00' }] }, 400],
      ['project of a foreign position', { formatVersion: 3, career: { projects: [{ id: id(), positionId: id() }] } }, 400],
      [
        'achievement of a project that is a position',
        (() => {
          const position = id();
          return {
            formatVersion: 3,
            career: { positions: [{ id: position }] },
            achievements: [{ id: id(), title: 'x', projectId: position }],
          };
        })(),
        400,
      ],
      ['a date not at any precision', { formatVersion: 3, career: { positions: [{ id: id(), startDate: '2024-13' }] } }, 400],
      ['an unknown section', { formatVersion: 3, career: { hobbies: 'x', skills: 'not a list' } }, 400],
      [
        'report citing a foreign to-do',
        {
          formatVersion: 2,
          reports: [{ id: id(), type: 'weekly', periodStart: '2026-01-05', periodEnd: '2026-01-11', sourceTodoIds: [id()] }],
        },
        400,
      ],
      [
        'duplicate ids',
        (() => {
          const same = id();
          return {
            formatVersion: 2,
            todos: [
              { id: same, title: 'a' },
              { id: same, title: 'b' },
            ],
          };
        })(),
        400,
      ],
      ['prototype pollution', '{"formatVersion": 2, "__proto__": {"isAdmin": true}, "todos": []}', 400],
      ['constructor pollution', '{"formatVersion": 2, "constructor": {"prototype": {"x": 1}}}', 400],
      ['100k items', { formatVersion: 2, todos: Array.from({ length: 100_000 }, () => ({ id: id(), title: 't' })) }, 400],
      ['malformed JSON', '{"formatVersion": 2, "todos": [', 400],
    ];
    for (const [name, body, status] of cases) {
      const res = await importInto(user, body);
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBe(status);
      expect(res.headers['content-type'], name).toMatch(/problem\+json/);
    }
    const huge = JSON.stringify({ formatVersion: 2, padding: 'x'.repeat(26 * 1024 * 1024) });
    expectProblem(await importInto(user, huge), 413);
    expect({} as Record<string, unknown>).not.toHaveProperty('isAdmin');
    expect(await snapshotUser(t.ctx.database.db, user.id)).toEqual(before);
  });

  it('exports every report as Markdown in one archive', async () => {
    const { api } = await richAccount();
    await api.post('/api/v1/reports', {
      type: 'weekly',
      periodStart: '2026-06-01',
      periodEnd: '2026-06-07',
      title: 'Same week, second report',
    });
    const res = await api.get('/api/v1/export/reports.zip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['2026-06-01_weekly-2.md', '2026-06-01_weekly.md']);
    expect(
      Object.values(files)
        .map((f) => strFromU8(f))
        .join('\n'),
    ).toContain('## Accomplishments\n\n- Read the book');
  });
});
