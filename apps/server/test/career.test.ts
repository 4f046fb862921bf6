import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAREER_SECTION_INFO, CAREER_SECTIONS } from '@career-anchor/contracts';
import { as, createTestApp, expectProblem, signUp, type TestApp } from './helpers/app.ts';
import { waitFor } from './helpers/jobs.ts';
import { snapshotUser } from './helpers/snapshot.ts';

let t: TestApp;
let now = new Date('2026-06-10T09:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

async function newUser() {
  const user = await signUp(t.app);
  return { user, api: as(t.app, user) };
}

const names = (res: { json(): any }, field = 'name') => res.json().items.map((item: Record<string, unknown>) => item[field]);

describe('career sections', () => {
  it('every section has its routes, public by default except references, with empty fields filled in', async () => {
    const { api } = await newUser();
    for (const section of CAREER_SECTIONS) {
      const { path, publicByDefault } = CAREER_SECTION_INFO[section];
      const created = await api.post(`/api/v1${path}`, {});
      expect(created.statusCode, `${path}: ${created.body}`).toBe(201);
      const entry = created.json();
      expect(entry).toMatchObject({ tags: [], isPublic: publicByDefault, extra: null, importId: null });
      expect((await api.get(`/api/v1${path}/${entry.id}`)).json()).toEqual(entry);
      const listed = (await api.get(`/api/v1${path}`)).json();
      expect(listed).toEqual({ items: [entry], nextCursor: null });
    }
    expect(CAREER_SECTION_INFO.references.publicByDefault).toBe(false);
  });

  it('keeps dates at the precision given, and a current position has no end date', async () => {
    const { api } = await newUser();
    const created = await api.post('/api/v1/positions', {
      name: 'Acme',
      position: 'Engineer',
      startDate: '2019',
      endDate: '2021-06',
      highlights: ['Shipped the ledger', 'Led the migration'],
    });
    expect(created.statusCode).toBe(201);
    const position = created.json();
    expect(position).toMatchObject({
      startDate: '2019',
      endDate: '2021-06',
      current: false,
      highlights: ['Shipped the ledger', 'Led the migration'],
    });

    // An edit changes only what it names; current clears the end date, whichever edit made it so.
    const current = await api.patch(`/api/v1/positions/${position.id}`, { current: true });
    expect(current.json()).toMatchObject({ name: 'Acme', startDate: '2019', endDate: null, current: true });
    const dated = await api.patch(`/api/v1/positions/${position.id}`, { endDate: '2024-02-29' });
    expect(dated.json()).toMatchObject({ endDate: null, current: true });
    const left = await api.patch(`/api/v1/positions/${position.id}`, { current: false, endDate: '2024-02-29' });
    expect(left.json()).toMatchObject({ endDate: '2024-02-29', current: false, position: 'Engineer' });
    expect((await api.post('/api/v1/positions', { current: true, endDate: '2020' })).json()).toMatchObject({ endDate: null });

    for (const bad of ['2024-13', '2023-02-29', '24', '2024-6', '1899', 'June 2024']) {
      const res = await api.post('/api/v1/education', { startDate: bad });
      expect(expectProblem(res, 400).errors?.[0]?.path, bad).toBe('startDate');
    }
  });

  it('lists in the person’s order, moves, pages and filters by tag, words and visibility', async () => {
    const { api } = await newUser();
    const ids: string[] = [];
    for (const name of ['TypeScript', 'Go', 'SQL', 'Rust', '中文写作']) {
      ids.push((await api.post('/api/v1/skills', { name, tags: name === 'Go' || name === 'Rust' ? ['systems'] : [] })).json().id);
    }
    expect(names(await api.get('/api/v1/skills'))).toEqual(['TypeScript', 'Go', 'SQL', 'Rust', '中文写作']);
    const moved = await api.post(`/api/v1/skills/${ids[3]}/move`, { afterId: ids[0] });
    expect(moved.statusCode).toBe(200);
    await api.post(`/api/v1/skills/${ids[4]}/move`, { afterId: null });
    const order = ['中文写作', 'TypeScript', 'Rust', 'Go', 'SQL'];
    expect(names(await api.get('/api/v1/skills'))).toEqual(order);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await api.get(`/api/v1/skills?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      paged.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(order);

    expect(names(await api.get('/api/v1/skills?tag=SYSTEMS'))).toEqual(['Rust', 'Go']);
    expect(names(await api.get('/api/v1/skills?q=script'))).toEqual(['TypeScript']);
    expect(names(await api.get(`/api/v1/skills?q=${encodeURIComponent('写作')}`))).toEqual(['中文写作']);
    await api.patch(`/api/v1/skills/${ids[1]}`, { isPublic: false });
    expect(names(await api.get('/api/v1/skills?isPublic=false'))).toEqual(['Go']);

    // Another section's entry is not in this one: not found, and not a place to move after.
    const position = (await api.post('/api/v1/positions', { name: 'Acme' })).json();
    expectProblem(await api.get(`/api/v1/skills/${position.id}`), 404);
    expectProblem(await api.post(`/api/v1/skills/${ids[0]}/move`, { afterId: position.id }), 404);
    expectProblem(await api.patch(`/api/v1/positions/${ids[0]}`, { name: 'x' }), 404);
  });

  it('a project’s position must be a live position of the same user', async () => {
    const { api } = await newUser();
    const other = await newUser();
    const position = (await api.post('/api/v1/positions', { name: 'Acme' })).json();
    const skill = (await api.post('/api/v1/skills', { name: 'Go' })).json();
    const theirs = (await other.api.post('/api/v1/positions', { name: 'Theirs' })).json();
    const project = await api.post('/api/v1/projects', { name: 'Ledger', positionId: position.id });
    expect(project.json()).toMatchObject({ name: 'Ledger', positionId: position.id });
    for (const positionId of [skill.id, theirs.id, crypto.randomUUID(), 'not-an-id']) {
      expectProblem(await api.post('/api/v1/projects', { name: 'Bad', positionId }), 404);
      expectProblem(await api.patch(`/api/v1/projects/${project.json().id}`, { positionId }), 404);
    }
    await api.delete(`/api/v1/positions/${position.id}`);
    expectProblem(await api.post('/api/v1/projects', { name: 'Late', positionId: position.id }), 404);
    expect((await api.patch(`/api/v1/projects/${project.json().id}`, { positionId: null })).json().positionId).toBeNull();
  });

  it('achievements belong to a position and a project of the same user', async () => {
    const { api } = await newUser();
    const position = (await api.post('/api/v1/positions', { name: 'Acme' })).json();
    const project = (await api.post('/api/v1/projects', { name: 'Ledger' })).json();
    const achievement = await api.post('/api/v1/achievements', {
      title: 'Cut costs',
      positionId: position.id,
      projectId: project.id,
    });
    expect(achievement.statusCode).toBe(201);
    expect(achievement.json()).toMatchObject({ positionId: position.id, projectId: project.id });
    const { id } = achievement.json();
    expect((await api.get('/api/v1/achievements')).json().items[0]).toEqual((await api.get(`/api/v1/achievements/${id}`)).json());
    // The wrong section, or nothing at all: not found, nothing changed.
    expectProblem(await api.post('/api/v1/achievements', { title: 'x', positionId: project.id }), 404);
    expectProblem(await api.patch(`/api/v1/achievements/${id}`, { projectId: position.id }), 404);
    expect((await api.patch(`/api/v1/achievements/${id}`, { positionId: null })).json()).toMatchObject({
      positionId: null,
      projectId: project.id,
    });
  });

  it('goes to the trash with a title and its section, comes back, and is found by search', async () => {
    const { api } = await newUser();
    const position = (
      await api.post('/api/v1/positions', { name: 'Acme Corp', position: 'Staff Engineer', summary: 'Payments ledger' })
    ).json();
    const untitled = (await api.post('/api/v1/education', {})).json();
    expect((await api.delete(`/api/v1/positions/${position.id}`)).statusCode).toBe(204);
    await api.delete(`/api/v1/education/${untitled.id}`);
    expectProblem(await api.get(`/api/v1/positions/${position.id}`), 404);
    const trash = (await api.get('/api/v1/trash')).json().items;
    expect(trash).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'career_entry',
          id: position.id,
          title: 'Staff Engineer — Acme Corp',
          section: 'positions',
        }),
        expect.objectContaining({
          kind: 'career_entry',
          id: untitled.id,
          title: 'Education entry (untitled)',
          section: 'education',
        }),
      ]),
    );
    expect((await api.post(`/api/v1/trash/career_entry/${position.id}/restore`)).statusCode).toBe(204);
    expect((await api.get('/api/v1/positions')).json().items.map((p: { id: string }) => p.id)).toEqual([position.id]);

    const hits = (await api.get('/api/v1/search?q=ledger')).json().items;
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'career_entry',
        id: position.id,
        section: 'positions',
        title: 'Staff Engineer — Acme Corp',
      }),
    ]);
    expect((await api.get('/api/v1/search?q=ledger&kind=career_entry')).json().items).toHaveLength(1);
    expect((await api.get('/api/v1/search?q=ledger&kind=todo')).json().items).toHaveLength(0);
  });

  it('purges entries deleted 30 days ago, with their tags, and leaves achievements without them', async () => {
    const { user, api } = await newUser();
    const position = (await api.post('/api/v1/positions', { name: 'Old job', tags: ['past'] })).json();
    const achievement = (await api.post('/api/v1/achievements', { title: 'Done there', positionId: position.id })).json();
    await api.delete(`/api/v1/positions/${position.id}`);
    const later = now;
    try {
      now = new Date(later.getTime() + 31 * 86_400_000);
      expect(await t.ctx.services.trash.purge()).toBeGreaterThan(0);
    } finally {
      now = later;
    }
    expect((await api.get('/api/v1/trash')).json().items).toEqual([]);
    expect((await api.get(`/api/v1/achievements/${achievement.id}`)).json().positionId).toBeNull();
    const snapshot = await snapshotUser(t.ctx.database.db, user.id);
    expect(snapshot.taggings).toBe('[]');
  });
});

describe('skill evidence', () => {
  it('counts live achievements listing the skill and the done to-dos they came from, never tags', async () => {
    const { user, api } = await newUser();
    const skill = (await api.post('/api/v1/skills', { name: 'TypeScript', level: 'Expert' })).json();
    expect(skill.evidence).toEqual({ achievements: { count: 0, ids: [] }, todos: { count: 0, ids: [] } });
    expect(skill.level).toBe('Expert');
    expect((await api.post('/api/v1/skills', {})).json().level).toBeNull();

    const older = (
      await api.post('/api/v1/achievements', { title: 'Typed the API', skills: [' typescript '], achievedOn: '2025-01-10' })
    ).json();
    const newer = (
      await api.post('/api/v1/achievements', {
        title: 'Typed the app',
        skills: ['TypeScript', 'Svelte'],
        achievedOn: '2026-03-01',
      })
    ).json();
    await api.post('/api/v1/achievements', { title: 'Tagged, not skilled', tags: ['TypeScript'] });
    const trashed = (await api.post('/api/v1/achievements', { title: 'Gone', skills: ['TypeScript'] })).json();
    await api.delete(`/api/v1/achievements/${trashed.id}`);

    // An important to-do, finished, becomes an achievement through an accepted suggestion.
    const todo = (await api.post('/api/v1/todos', { title: 'Port the client to TypeScript', important: true })).json();
    await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: 'Ported 40 modules' });
    const suggestion = await waitFor(async () => {
      const items = (await api.get('/api/v1/suggestions?status=pending')).json().items;
      return items.find((s: { trigger: { id: string } }) => s.trigger.id === todo.id);
    });
    const accepted = await api.post(`/api/v1/suggestions/${suggestion.id}/accept`, {
      edits: { targetSection: 'achievements', coreSkills: ['TypeScript'], achievedOn: '2026-05-01' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const fromTodo = accepted.json().achievement.id;

    const read = (await api.get(`/api/v1/skills/${skill.id}`)).json();
    expect(read.evidence).toEqual({
      achievements: { count: 3, ids: [fromTodo, newer.id, older.id] },
      todos: { count: 1, ids: [todo.id] },
    });
    expect((await api.get('/api/v1/skills')).json().items[0]).toEqual(read);

    // The to-do reopened is no longer evidence; the achievement still is.
    await api.post(`/api/v1/todos/${todo.id}/reopen`);
    const listed = (await api.get('/api/v1/skills')).json().items[0];
    expect(listed.evidence.todos).toEqual({ count: 0, ids: [] });
    expect(listed.evidence.achievements.count).toBe(3);
    void user;
  });

  it('the cached list changes as soon as the evidence does', async () => {
    const { api } = await newUser();
    await api.post('/api/v1/skills', { name: 'Go' });
    const first = await api.get('/api/v1/skills');
    const again = await api.get('/api/v1/skills');
    expect(again.headers['cache-status']).toMatch(/hit/);
    expect(again.body).toBe(first.body);
    await api.post('/api/v1/achievements', { title: 'Wrote a Go service', skills: ['go'] });
    const fresh = await api.get('/api/v1/skills');
    expect(fresh.headers['cache-status']).not.toMatch(/hit/);
    expect(fresh.json().items[0].evidence.achievements.count).toBe(1);
  });
});
