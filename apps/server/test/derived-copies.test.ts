import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { jobActor } from '../src/lib/actor.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';

// Two copies the database keeps so the anchor page and lists need not count on every read:
// open to-dos per due day (`todo_tallies`) and each item's tag names (`tag_names`). Whatever
// happens to the rows they copy — through the API, an import, or plain SQL — they must say what
// counting the rows says.

let t: TestApp;
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  user = await signUp(t.app);
});
afterAll(() => t.close());

/** A small deterministic generator, so a failure replays the same way. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** What counting the to-dos says, per due day, next to what the tallies say. */
async function talliesAgainstCounts(userId: string) {
  const db = t.ctx.database.db;
  const counted = await queryRows<{ due_on: string; open: number }>(
    db,
    sql`select coalesce(due_on, 'infinity'::date)::text as due_on, count(*)::int as open from todos
        where user_id = ${userId} and status = 'open' and deleted_at is null group by 1 order by 1`,
  );
  const tallied = await queryRows<{ due_on: string; open: number }>(
    db,
    sql`select due_on::text, open from todo_tallies where user_id = ${userId} order by 1`,
  );
  return { counted, tallied };
}

/** Every item whose stored tag names differ from its taggings. */
async function staleTagNames(userId: string) {
  return queryRows<{ id: string; stored: string[]; actual: string[] }>(
    t.ctx.database.db,
    sql`select i.id, i.tag_names as stored, ca_tag_names(i.user_id, i.kind, i.id) as actual from (
          select id, user_id, 'todo' as kind, tag_names from todos
          union all select id, user_id, 'plan', tag_names from plans
          union all select id, user_id, 'achievement', tag_names from achievements
          union all select id, user_id, 'focus_item', tag_names from focus_items
          union all select id, user_id, 'report', tag_names from reports
          union all select id, user_id, 'career_entry', tag_names from career_entries) i
        where i.user_id = ${userId} and i.tag_names is distinct from ca_tag_names(i.user_id, i.kind, i.id)`,
  );
}

describe('copies the database keeps', () => {
  it('agree with the rows after a random run of creates, edits, completions, trash, restores, deletes and tag changes', async () => {
    const api = as(t.app, user);
    const rng = random(20261203);
    const names = ['Ledger', 'writing', 'Ops', '架构', 'zeta'];
    const plan = (await api.post('/api/v1/plans', { title: 'A plan', tags: ['Ops'] })).json();
    await api.post('/api/v1/achievements', { title: 'Shipped', tags: ['writing', 'Ledger'] });
    const live: string[] = [];
    const trashed: string[] = [];

    for (let step = 0; step < 120; step++) {
      const roll = rng.next();
      if (roll < 0.3 || live.length === 0) {
        const res = await api.post('/api/v1/todos', {
          title: `To-do ${step}`,
          dueOn: rng.next() < 0.25 ? null : day(Math.floor(rng.next() * 9) - 4),
          tags: names.filter(() => rng.next() < 0.3),
          planId: rng.next() < 0.3 ? plan.id : null,
        });
        expect(res.statusCode).toBe(201);
        live.push(res.json().id);
        continue;
      }
      const id = rng.pick(live);
      if (roll < 0.45) await api.post(`/api/v1/todos/${id}/complete`, { summary: 'Done well' });
      else if (roll < 0.55) await api.post(`/api/v1/todos/${id}/reopen`);
      else if (roll < 0.65)
        await api.patch(`/api/v1/todos/${id}`, { dueOn: rng.next() < 0.2 ? null : day(Math.floor(rng.next() * 9) - 4) });
      else if (roll < 0.73) await api.patch(`/api/v1/todos/${id}`, { tags: names.filter(() => rng.next() < 0.4) });
      else if (roll < 0.81) {
        await api.delete(`/api/v1/todos/${id}`);
        live.splice(live.indexOf(id), 1);
        trashed.push(id);
      } else if (roll < 0.87 && trashed.length) {
        const back = trashed.pop()!;
        expect((await api.post(`/api/v1/trash/todo/${back}/restore`)).statusCode).toBe(204);
        live.push(back);
      } else if (roll < 0.91) {
        // A writer other than the API: the rows go, the copies follow.
        await t.ctx.database.db.execute(sql`delete from todos where id = ${id}`);
        live.splice(live.indexOf(id), 1);
      } else if (roll < 0.96) {
        const from = rng.pick(names);
        const to = rng.next() < 0.5 ? from.toUpperCase() : `${from} renamed`;
        await api.post('/api/v1/tags/rename', { from, to });
        names[names.indexOf(from)] = to;
      } else {
        const [from, into] = [rng.pick(names), rng.pick(names)];
        if (from !== into) {
          await api.post('/api/v1/tags/merge', { from: [from], into });
          names.splice(names.indexOf(from), 1, `${from}-new`);
        }
      }
    }

    const { counted, tallied } = await talliesAgainstCounts(user.id);
    expect(counted.length).toBeGreaterThan(3);
    expect(tallied).toEqual(counted);
    expect(await staleTagNames(user.id)).toEqual([]);

    // The anchor page reads the tallies: its counts are the counted ones.
    const overview = (await api.get('/api/v1/overview')).json();
    const today = day(0);
    const sum = (rows: typeof counted) => rows.reduce((total, row) => total + row.open, 0);
    expect(overview.todos.open).toBe(sum(counted));
    expect(overview.todos.overdue).toBe(sum(counted.filter((row) => row.due_on < today)));
    expect(overview.todos.dueToday).toBe(sum(counted.filter((row) => row.due_on === today)));
  });

  it('follow career entries through edits, trash, restores, renames, merges, a résumé import and its undo', async () => {
    const other = await signUp(t.app);
    const api = as(t.app, other);
    const rng = random(20261204);
    const names = ['Leadership', 'backend', '数据', 'Open source'];
    const sections = ['positions', 'projects', 'skills', 'volunteering'] as const;
    const live: { path: string; id: string }[] = [];
    const trashed: string[] = [];
    for (let step = 0; step < 60; step++) {
      const roll = rng.next();
      if (roll < 0.35 || live.length === 0) {
        const path = `/api/v1/${rng.pick(sections)}`;
        const res = await api.post(path, { name: `Entry ${step}`, tags: names.filter(() => rng.next() < 0.4) });
        expect(res.statusCode).toBe(201);
        live.push({ path, id: res.json().id });
        continue;
      }
      const entry = rng.pick(live);
      if (roll < 0.55) await api.patch(`${entry.path}/${entry.id}`, { tags: names.filter(() => rng.next() < 0.4) });
      else if (roll < 0.65) {
        await api.delete(`${entry.path}/${entry.id}`);
        live.splice(live.indexOf(entry), 1);
        trashed.push(entry.id);
      } else if (roll < 0.72 && trashed.length) {
        expect((await api.post(`/api/v1/trash/career_entry/${trashed.pop()}/restore`)).statusCode).toBe(204);
      } else if (roll < 0.8) {
        const from = rng.pick(names);
        const to = `${from}!`;
        await api.post('/api/v1/tags/rename', { from, to });
        names[names.indexOf(from)] = to;
      } else if (roll < 0.88) {
        const [from, into] = [rng.pick(names), rng.pick(names)];
        if (from !== into) {
          await api.post('/api/v1/tags/merge', { from: [from], into });
          names.splice(names.indexOf(from), 1, `${from}-new`);
        }
      } else {
        // A writer other than the API.
        await t.ctx.database.db.execute(sql`delete from career_entries where id = ${entry.id}`);
        live.splice(live.indexOf(entry), 1);
      }
    }
    const done = await t.ctx.services.careerImport.apply(
      jobActor(other.id),
      { profile: {}, sections: { skills: [{ name: 'Imported', tags: ['Leadership!', 'from import'] }] }, unknown: [] },
      [],
      'linkedin',
    );
    const [imported] = await queryRows<{ id: string; tag_names: string[] }>(
      t.ctx.database.db,
      sql`select id, tag_names from career_entries where import_id = ${done.importId}`,
    );
    expect(imported!.tag_names.length).toBeGreaterThan(0);
    expect(await staleTagNames(other.id)).toEqual([]);
    await t.ctx.services.careerImport.undo(jobActor(other.id), done.importId);
    expect(await staleTagNames(other.id)).toEqual([]);
    const [tagged] = await queryRows<{ n: number }>(
      t.ctx.database.db,
      sql`select count(*)::int as n from career_entries where user_id = ${other.id} and cardinality(tag_names) > 0`,
    );
    expect(tagged!.n).toBeGreaterThan(0);
    // The undone import's entry leaves no tagging behind.
    const [orphans] = await queryRows<{ n: number }>(
      t.ctx.database.db,
      sql`select count(*)::int as n from taggings where item_id = ${imported!.id}`,
    );
    expect(orphans!.n).toBe(0);
  });

  it('are made for imported items, and go with a deleted account', async () => {
    const source = as(t.app, user);
    const exported = (await source.get('/api/v1/export')).json();
    const other = await signUp(t.app);
    const res = await as(t.app, other).post('/api/v1/import', exported);
    expect(res.statusCode).toBe(200);

    const { counted, tallied } = await talliesAgainstCounts(other.id);
    expect(counted.length).toBeGreaterThan(0);
    expect(tallied).toEqual(counted);
    expect(await staleTagNames(other.id)).toEqual([]);
    const [tagged] = await queryRows<{ n: number }>(
      t.ctx.database.db,
      sql`select count(*)::int as n from todos where user_id = ${other.id} and cardinality(tag_names) > 0`,
    );
    expect(tagged!.n).toBeGreaterThan(0);

    await t.ctx.database.db.execute(sql`delete from users where id = ${other.id}`);
    expect((await talliesAgainstCounts(other.id)).tallied).toEqual([]);
  });
});
