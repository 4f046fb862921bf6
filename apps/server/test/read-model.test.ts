import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { encodeCursor } from '../src/repositories/paging.ts';
import { containsPattern } from '../src/lib/text.ts';
import { searchTerms } from '../src/lib/search-terms.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';

// Lists and the anchor page read items as JSON built by PostgreSQL (repositories/item-json.ts);
// reading one item maps a Drizzle row in JavaScript. Both must give the very same answer.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Item = { id: string } & Record<string, unknown>;

/** Every item of a list, page by page, checking each cursor is what the row-mapped lists gave. */
async function all(api: ReturnType<typeof as>, path: string, cursorValue?: (item: Item) => string | number) {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await api.get(`${path}${path.includes('?') ? '&' : '?'}limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: Item[]; nextCursor: string | null };
    items.push(...page.items);
    if (page.nextCursor && cursorValue) {
      const last = page.items.at(-1)!;
      expect(page.nextCursor).toBe(encodeCursor(cursorValue(last), last.id));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('items read as JSON', () => {
  it('equal the items read one by one, with tags, odd text, nulls, fractions of milliseconds and cursors', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const db = t.ctx.database.db;

    const plan = (
      await api.post('/api/v1/plans', {
        title: 'Plan “quoted” \\ back\\slash',
        description: 'Line\nbreak\ttab 中文 é 😀',
        targetDate: '2027-01-31',
        tags: ['zeta', 'Alpha', 'beta'],
      })
    ).json();
    await api.post('/api/v1/plans', { title: 'Second plan', progressOverride: 40 });
    await api.post('/api/v1/plans', { title: 'Third plan', status: 'achieved' });
    await api.post('/api/v1/plans', { title: 'Fourth plan', isPublic: true });
    const todoIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const todo = (
        await api.post('/api/v1/todos', {
          title: `To-do ${i} <b>&</b>`,
          notes: i % 2 ? `Notes ${i} ümlaut` : '',
          dueOn: i % 3 ? `2026-0${1 + (i % 5)}-1${i}` : null,
          priority: (['low', 'normal', 'high'] as const)[i % 3],
          important: i % 4 === 0,
          planId: i < 6 ? plan.id : null,
          tags: i % 2 ? ['Work', 'deep focus'] : [],
        })
      ).json();
      todoIds.push(todo.id);
      if (i % 3 === 0) await api.post(`/api/v1/todos/${todo.id}/complete`, { summary: `Done ${i}` });
    }
    for (let i = 0; i < 5; i++) {
      await api.post('/api/v1/achievements', {
        title: `Achievement ${i}`,
        description: 'Described',
        quantifiableResults: `${i * 10}%`,
        skills: i % 2 ? ['SQL', 'Go'] : [],
        achievedOn: i % 2 ? `2025-0${i + 1}-15` : null,
        tags: i === 1 ? ['award'] : [],
        isPublic: i === 2,
      });
      await api.post('/api/v1/focus-items', { title: `Focus ${i}`, progress: i * 20, status: i === 4 ? 'paused' : 'active' });
    }
    const position = (await api.post('/api/v1/positions', { name: 'Acme “Inc”', startDate: '2020-02', current: true })).json();
    for (let i = 0; i < 4; i++) {
      await api.post('/api/v1/skills', { name: i % 2 ? 'SQL' : `Skill ${i} é`, keywords: ['a', 'b'], tags: i ? ['x'] : [] });
      await api.post('/api/v1/projects', { name: `Project ${i}`, positionId: i % 2 ? position.id : null, startDate: '2021' });
    }
    await api.post('/api/v1/achievements', { title: 'Linked', skills: ['sql'], positionId: position.id });
    // Times with microseconds (imports and hand-made rows have them; the app's own have milliseconds),
    // and positions that are not whole numbers.
    await db.execute(sql`update todos set created_at = created_at + interval '0.000999 seconds',
      completed_at = completed_at + interval '0.000501 seconds', updated_at = updated_at - interval '0.000001 seconds',
      position = position / 3 where user_id = ${user.id}`);
    for (const table of ['plans', 'achievements', 'focus_items', 'career_entries']) {
      await db.execute(
        sql`update ${sql.identifier(table)} set created_at = created_at + interval '0.000777 seconds' where user_id = ${user.id}`,
      );
    }

    const checks: [string, string, ((item: Item) => string | number) | undefined][] = [
      ['todos', '/api/v1/todos', undefined],
      ['todos', '/api/v1/todos?status=done', (i) => (i.completedAt as string | null) ?? '-infinity'],
      ['todos', '/api/v1/todos?sort=completed', (i) => (i.completedAt as string | null) ?? '-infinity'],
      [
        'todos',
        '/api/v1/todos?sort=due',
        // The day as days since 0001-01-01 (719,162 before 1970), seven digits, then the time.
        (i) => {
          const day = i.dueOn as string | null;
          const number = day ? String(Date.parse(`${day}T00:00:00Z`) / 86_400_000 + 719_162).padStart(7, '0') : '9999999';
          return `${number} ${(i.dueTime as string | null) ?? '~'}`;
        },
      ],
      ['todos', '/api/v1/todos?sort=plan', undefined],
      ['todos', '/api/v1/todos?view=today&sort=priority', undefined],
      ['todos', '/api/v1/todos?sort=created', (i) => i.createdAt as string],
      ['todos', '/api/v1/todos?sort=manual', (i) => i.position as number],
      ['todos', '/api/v1/todos?tag=WORK&q=%C3%BCmlaut', undefined],
      ['plans', '/api/v1/plans', undefined],
      ['achievements', '/api/v1/achievements', (i) => (i.achievedOn as string | null) ?? '0001-01-01'],
      ['focus-items', '/api/v1/focus-items', undefined],
      ['skills', '/api/v1/skills', (i) => i.order as number],
      ['projects', '/api/v1/projects?q=project', (i) => i.order as number],
      ['positions', '/api/v1/positions', undefined],
    ];
    for (const [kind, path, cursorValue] of checks) {
      const listed = await all(api, path, cursorValue);
      expect(listed.length).toBeGreaterThan(0);
      for (const item of listed) {
        const one = await api.get(`/api/v1/${kind}/${item.id}`);
        expect(one.statusCode).toBe(200);
        // Same fields, same values, same order of keys: the same bytes.
        expect(JSON.stringify(item)).toBe(one.body);
      }
    }
    expect((await all(api, '/api/v1/todos?tag=work')).length).toBe(4);

    // The anchor page shows the same items as the lists, and the profile as GET /profile.
    const overview = (await api.get('/api/v1/overview')).json();
    expect(overview.profile).toEqual((await api.get('/api/v1/profile')).json());
    expect(overview.plans).toEqual((await api.get('/api/v1/plans?limit=200')).json().items);
    expect(overview.focusItems).toEqual((await api.get('/api/v1/focus-items?limit=200')).json().items);
    expect(overview.achievements).toEqual((await api.get('/api/v1/achievements?limit=6')).json().items);
    expect(overview.achievementCount).toBe(6);
    const open = (await api.get('/api/v1/todos?status=open&limit=200')).json().items as Item[];
    expect(overview.todos.open).toBe(open.length);
    const next = [...open].sort(
      (a, b) =>
        ((a.dueOn as string | null) ?? '~').localeCompare((b.dueOn as string | null) ?? '~') ||
        Number(b.important) - Number(a.important) ||
        (a.position as number) - (b.position as number),
    );
    expect(overview.todos.next).toEqual(next.slice(0, 8));
    expect(overview.plans[0]).toMatchObject({ id: plan.id, todoCounts: { total: 6, done: 2 }, progress: 33 });
    expect(overview.plans[1]).toMatchObject({ progress: 40, progressOverride: 40, todoCounts: { total: 0, done: 0 } });
  });
});

describe('the text filter of lists', () => {
  it('finds exactly what ILIKE finds for each term, whatever the case, accents and lookalike characters', async () => {
    const user = await signUp(t.app);
    const api = as(t.app, user);
    const texts = [
      ['İstanbul trip', '', ''],
      ['KELVIN \u212a scale', 'Kelvin', ''],
      ['Café Résumé', 'naïve ŒUVRE', 'ß Straße'],
      ['REPORT weekly', 'the_report 100%', 'back\\slash'],
      ['学习中文 report', '中文', ''],
      ['Ångström', 'Å unit \u212b', 'ǅungla'],
      ['plain', 'nothing here', 'Done, and done well'],
    ];
    for (const [title, notes, summary] of texts) {
      const todo = (await api.post('/api/v1/todos', { title, notes })).json();
      if (summary) await api.post(`/api/v1/todos/${todo.id}/complete`, { summary });
    }
    const queries = [
      'report',
      'REPORT',
      'rep',
      'i',
      'I',
      'istanbul',
      'k',
      'kelvin',
      'K',
      'cafe',
      'café',
      'résumé',
      'oeuvre',
      'œuvre',
      'ss',
      'strasse',
      '100%',
      '_report',
      'the_',
      '\\',
      'back\\',
      '中文',
      'a',
      'angstrom',
      'å',
      'dz',
      'ǆ',
      'done well',
      'well done',
      '"done well"',
      '"well done"',
      ' ',
      'e r',
      '中文 REPORT',
      'résumé café',
    ];
    for (const q of queries) {
      const listed = (await api.get(`/api/v1/todos?limit=200&q=${encodeURIComponent(q)}`)).json().items.map((i: Item) => i.id);
      // Each term of the query (as the search box reads it) in one of the columns.
      const everyTerm = searchTerms(q).map((term) => {
        const pattern = containsPattern(term);
        return sql` and (title ilike ${pattern} or notes ilike ${pattern} or summary ilike ${pattern})`;
      });
      const expected = (
        await queryRows<{ id: string }>(
          t.ctx.database.db,
          sql`select id from todos where user_id = ${user.id} and deleted_at is null ${sql.join(everyTerm)}`,
        )
      ).map((row) => row.id);
      expect([...listed].sort(), q).toEqual([...expected].sort());
    }
  });
});
