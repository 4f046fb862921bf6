import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { as, createTestApp, expectProblem, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { createTestDatabase, serverUrl } from './helpers/database.ts';
import { INTERNAL_JOB } from '../src/jobs/kinds.ts';
import { jobsSettled, waitFor } from './helpers/jobs.ts';

let t: TestApp;
let now = new Date('2026-06-14T12:00:00Z'); // a Sunday
beforeAll(async () => {
  t = await createTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

const at = (iso: string) => {
  now = new Date(iso);
};
const tick = () => t.ctx.services.reminders.tick(now);

async function user(timezone: string, reminders: object = {}, locale = 'en') {
  const u = await signUp(t.app);
  const api = as(t.app, u);
  await api.put('/api/v1/profile', { timezone, locale });
  if (Object.keys(reminders).length) {
    await api.put('/api/v1/settings', { reminders });
    // A change of reminders queues a tick for this user: let it run at this clock, not a later one.
    await jobsSettled(t.ctx.database.db, INTERNAL_JOB.userTick);
  }
  return { u, api };
}

async function kinds(u: TestUser) {
  const rows = await queryRows<{ kind: string; dedupe_key: string }>(
    t.ctx.database.db,
    sql`select kind, dedupe_key from notifications where user_id = ${u.id} order by dedupe_key`,
  );
  return rows;
}

/** Moves a row's timestamps back, as if it had been written earlier. */
const age = (table: string, id: string, days: number) =>
  t.ctx.database.db.execute(
    sql`update ${sql.identifier(table)} set updated_at = updated_at - make_interval(days => ${days}) where id = ${id}`,
  );

describe('the weekly report nudge', () => {
  it('comes on the user’s own Monday morning, even while it is still Sunday in UTC, once', async () => {
    at('2026-06-09T12:00:00Z');
    const auckland = await user('Pacific/Auckland'); // UTC+12 in June
    const utc = await user('UTC');
    at('2026-06-14T20:30:00Z'); // Monday 08:30 in Auckland: before the 09:00 default
    await tick();
    expect(await kinds(auckland.u)).toEqual([]);
    at('2026-06-14T21:05:00Z'); // Monday 09:05 in Auckland, Sunday in UTC
    await tick();
    await tick();
    expect(await kinds(auckland.u)).toEqual([{ kind: 'weekly_report', dedupe_key: 'weekly_report:2026-06-08' }]);
    expect(await kinds(utc.u)).toEqual([]);
    const [note] = (await auckland.api.get('/api/v1/notifications')).json().items;
    expect(note).toMatchObject({
      title: 'Time to write last week’s report',
      link: '/reports?new=weekly&start=2026-06-08',
      data: { periodStart: '2026-06-08', periodEnd: '2026-06-14' },
    });
  });

  it('is skipped when last week already has a report, and follows the chosen day and hour', async () => {
    at('2026-06-09T12:00:00Z');
    const done = await user('Europe/Berlin');
    await done.api.post('/api/v1/reports', { type: 'weekly', periodStart: '2026-06-08', periodEnd: '2026-06-14' });
    const friday = await user('Europe/Berlin', { weeklyReport: { day: 5, hour: 16 } });
    at('2026-06-15T08:00:00Z'); // Monday 10:00 in Berlin
    await tick();
    expect(await kinds(done.u)).toEqual([]);
    expect(await kinds(friday.u)).toEqual([]);
    at('2026-06-19T14:00:00Z'); // Friday 16:00 in Berlin
    await tick();
    expect(await kinds(friday.u)).toEqual([{ kind: 'weekly_report', dedupe_key: 'weekly_report:2026-06-08' }]);
  });
});

describe('the due digest', () => {
  it('counts due and overdue to-dos after the digest hour, once a day, across a DST change', async () => {
    const ny = await user('America/New_York', { weeklyReport: { enabled: false } });
    at('2026-03-06T15:00:00Z');
    await ny.api.post('/api/v1/todos', { title: 'Overdue', dueOn: '2026-03-06' });
    await ny.api.post('/api/v1/todos', { title: 'Due Sunday', dueOn: '2026-03-08' });
    // Saturday 07:30 EST (12:30 UTC): not yet; 08:00 EST is 13:00 UTC.
    at('2026-03-07T12:30:00Z');
    await tick();
    expect(await kinds(ny.u)).toEqual([]);
    at('2026-03-07T13:01:00Z');
    await tick();
    expect(await kinds(ny.u)).toEqual([{ kind: 'due_digest', dedupe_key: 'due_digest:2026-03-07' }]);
    // Sunday, clocks sprang forward: 08:00 EDT is 12:00 UTC.
    at('2026-03-08T12:05:00Z');
    await tick();
    await tick();
    const rows = await kinds(ny.u);
    expect(rows.map((r) => r.dedupe_key)).toEqual(['due_digest:2026-03-07', 'due_digest:2026-03-08']);
    const latest = (await ny.api.get('/api/v1/notifications')).json().items[0];
    expect(latest).toMatchObject({ title: '1 due today, 1 overdue', link: '/todos?due=overdue' });
  });

  it('applies at once when the user changes their reminder settings', async () => {
    at('2026-05-20T12:00:00Z');
    const early = await user('UTC', { dueDigest: { hour: 23 } });
    await early.api.post('/api/v1/todos', { title: 'Overdue', dueOn: '2026-05-19' });
    await tick();
    expect(await kinds(early.u)).toEqual([]);
    await early.api.put('/api/v1/settings', { reminders: { dueDigest: { hour: 6 } } });
    const note = await waitFor(async () => (await early.api.get('/api/v1/notifications')).json().items[0]);
    expect(note).toMatchObject({ kind: 'due_digest', title: '0 due today, 1 overdue' });
  });

  it('is written in the user’s language', async () => {
    at('2026-06-10T12:00:00Z');
    const zh = await user('Asia/Shanghai', { weeklyReport: { enabled: false } }, 'zh-CN');
    at('2026-06-20T01:00:00Z'); // 09:00 in Shanghai
    await zh.api.post('/api/v1/todos', { title: '交报告', dueOn: '2026-06-20' });
    await tick();
    expect((await zh.api.get('/api/v1/notifications')).json().items[0].title).toBe('今天到期 1 项，已逾期 0 项');
  });
});

describe('the words of a notification', () => {
  it('follow the reader’s language when read, not the one it was made in', async () => {
    const p = await user('UTC', { weeklyReport: { enabled: false } });
    at('2026-06-10T12:00:00Z');
    const plan = (await p.api.post('/api/v1/plans', { title: 'Launch', targetDate: '2026-06-20' })).json();
    await p.api.post('/api/v1/todos', { title: 'File it', dueOn: '2026-06-10', planId: plan.id });
    await tick();
    const byKind = async () =>
      Object.fromEntries(
        ((await p.api.get('/api/v1/notifications')).json().items as { kind: string; id: string }[]).map((n) => [n.kind, n]),
      );
    const en = await byKind();
    expect(en.due_digest).toMatchObject({ title: '1 due today, 0 overdue', body: 'A look at what needs doing today.' });
    expect(en.plan_at_risk).toMatchObject({
      title: '“Launch” may miss its target date',
      body: 'Target 20 Jun 2026, 1 to-do left and none finished in the last 28 days.',
    });

    await p.api.put('/api/v1/profile', { locale: 'zh-CN' });
    const zh = await byKind();
    expect(zh.due_digest).toMatchObject({ title: '今天到期 1 项，已逾期 0 项', body: '看看今天要完成的待办。' });
    expect(zh.plan_at_risk).toMatchObject({
      title: '计划“Launch”可能无法按期完成',
      body: '目标日期 2026年6月20日，还剩 1 项，近 28 天没有完成任何一项。',
    });
    expect((await p.api.post(`/api/v1/notifications/${zh.due_digest!.id}/read`)).json().title).toBe('今天到期 1 项，已逾期 0 项');
  });

  it('of rows stored before they were worded when read, follow the reader too once their titles are added', async () => {
    const p = await user('UTC', { weeklyReport: { enabled: false } }, 'zh-CN');
    const plan = (await p.api.post('/api/v1/plans', { title: 'Learn Go' })).json();
    await t.ctx.database.db.execute(
      sql`insert into notifications (id, user_id, kind, title, body, data, dedupe_key)
          values (gen_random_uuid(), ${p.u.id}, 'stale_plan', '“Learn Go” has had no activity for 20 days', '',
                  ${JSON.stringify({ planId: plan.id, idleDays: 20 })}::jsonb, 'stale_plan:old')`,
    );
    const migration = readFileSync(new URL('../src/db/migrations/0013_notification_titles.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await t.ctx.database.db.execute(sql.raw(statement));
    const [note] = (await p.api.get('/api/v1/notifications')).json().items;
    expect(note).toMatchObject({ title: '计划“Learn Go”已有 20 天没有进展', data: { planTitle: 'Learn Go' } });
  });
});

describe('plans and focus', () => {
  it('notes a stale plan, a plan at risk and an idle focus item, weekly at most', async () => {
    const p = await user('UTC', { weeklyReport: { enabled: false }, dueDigest: { enabled: false } });
    at('2026-06-01T10:00:00Z');
    const stale = (await p.api.post('/api/v1/plans', { title: 'Learn Go', status: 'in_progress' })).json();
    const risky = (await p.api.post('/api/v1/plans', { title: 'Launch', targetDate: '2026-06-20' })).json();
    for (let i = 0; i < 4; i++) {
      const todo = (await p.api.post('/api/v1/todos', { title: `Step ${i}`, planId: risky.id })).json();
      if (i === 0) await p.api.post(`/api/v1/todos/${todo.id}/complete`, {});
    }
    const focus = (await p.api.post('/api/v1/focus-items', { title: 'Mentoring' })).json();
    await age('plans', stale.id, 20);
    await age('focus_items', focus.id, 30);
    at('2026-06-10T10:00:00Z'); // one done in 28 days, three left: 84 days to go, target in 10
    await tick();
    await tick();
    const rows = await kinds(p.u);
    expect(rows.map((r) => r.kind).sort()).toEqual(['idle_focus', 'plan_at_risk', 'stale_plan']);
    const notes = (await p.api.get('/api/v1/notifications')).json().items;
    const risk = notes.find((n: { kind: string }) => n.kind === 'plan_at_risk');
    expect(risk.title).toBe('“Launch” may miss its target date');
    expect(risk.data).toMatchObject({
      planId: risky.id,
      targetDate: '2026-06-20',
      remaining: 3,
      recent: 1,
      projected: '2026-09-02',
    });
    expect(notes.find((n: { kind: string }) => n.kind === 'stale_plan').title).toBe('“Learn Go” has had no activity for 29 days');
  });
});

describe('the monthly reflection', () => {
  it('is written on the first of the month for users who asked for it, once', async () => {
    at('2026-07-20T12:00:00Z'); // within the session's idle limit of the 1st
    const keen = await user('UTC', {
      monthlyReflection: { enabled: true },
      weeklyReport: { enabled: false },
      dueDigest: { enabled: false },
    });
    const other = await user('UTC', { weeklyReport: { enabled: false }, dueDigest: { enabled: false } });
    const { id } = (await keen.api.post('/api/v1/todos', { title: 'Ship it' })).json();
    await keen.api.post(`/api/v1/todos/${id}/complete`, {});
    at('2026-08-01T10:00:00Z');
    await tick();
    await tick();
    const note = await waitFor(async () =>
      (await keen.api.get('/api/v1/notifications')).json().items.find((n: { kind: string }) => n.kind === 'monthly_reflection'),
    );
    expect(note).toMatchObject({
      title: 'Your month in review: 2026-07',
      link: '/insights',
      data: { month: '2026-07', generatedBy: 'builtin' },
    });
    expect(note.body).toContain('1 to-do finished in the last 4 weeks');
    // Written plainly, it reads in the reader's language of now.
    await keen.api.put('/api/v1/profile', { locale: 'zh-CN' });
    const zh = (await keen.api.get('/api/v1/notifications')).json().items.find((n: { id: string }) => n.id === note.id);
    expect(zh).toMatchObject({ title: '2026-07 月度回顾' });
    expect(zh.body).toContain('近 4 周完成了 1 项待办');
    await tick();
    await jobsSettled(t.ctx.database.db, INTERNAL_JOB.reflection);
    expect((await kinds(keen.u)).filter((k) => k.kind === 'monthly_reflection')).toHaveLength(1);
    expect(await kinds(other.u)).toEqual([]);
  });
});

describe('exactly once', () => {
  it('concurrent ticks create each notification once', async () => {
    at('2026-06-16T12:00:00Z');
    const many = await Promise.all(Array.from({ length: 5 }, () => user('UTC')));
    at('2026-06-22T10:00:00Z'); // Monday
    await Promise.all([tick(), tick(), tick()]);
    for (const { u } of many) expect(await kinds(u)).toEqual([{ kind: 'weekly_report', dedupe_key: 'weekly_report:2026-06-15' }]);
  });

  it.runIf(serverUrl)('two workers on the real PostgreSQL running the same tick create each notification once', async () => {
    const db = await createTestDatabase();
    const one = await createTestApp({ database: db.options, clock: { now: () => now } });
    const two = await createTestApp({ database: db.options, clock: { now: () => now } });
    try {
      at('2026-06-23T12:00:00Z');
      for (let i = 0; i < 20; i++) await signUp(one.app);
      at('2026-06-29T10:00:00Z');
      const results = await Promise.all([one.ctx.services.reminders.tick(now), two.ctx.services.reminders.tick(now)]);
      expect(results[0].created + results[1].created).toBe(20);
      const [row] = await queryRows<{ n: number }>(one.ctx.database.db, sql`select count(*)::int as n from notifications`);
      expect(row!.n).toBe(20);
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  });

  it('pausing all, or one kind, silences them', async () => {
    at('2026-06-30T12:00:00Z');
    const paused = await user('UTC', { paused: true });
    const off = await user('UTC', { weeklyReport: { enabled: false } });
    at('2026-07-06T10:00:00Z');
    await tick();
    expect(await kinds(paused.u)).toEqual([]);
    expect(await kinds(off.u)).toEqual([]);
  });
});

describe('the notification centre', () => {
  it('lists with the unread count, marks one or all read, and hides other users’ notifications', async () => {
    at('2026-07-07T12:00:00Z');
    const a = await user('UTC', { dueDigest: { enabled: false } });
    const b = await user('UTC');
    at('2026-07-13T10:00:00Z');
    await tick();
    await a.api.put('/api/v1/settings', { reminders: { weeklyReport: { day: 1, hour: 0 } } });
    const first = (await a.api.get('/api/v1/notifications')).json();
    expect(first.unread).toBe(1);
    const id = first.items[0].id;
    expectProblem(await b.api.post(`/api/v1/notifications/${id}/read`), 404);
    expect((await b.api.get('/api/v1/notifications')).body).not.toContain(id);
    expect((await a.api.post(`/api/v1/notifications/${id}/read`)).json().readAt).toBe(now.toISOString());
    expect((await a.api.get('/api/v1/notifications')).json().unread).toBe(0);
    expect((await a.api.get('/api/v1/notifications?unread=true')).json().items).toEqual([]);
    expect((await b.api.post('/api/v1/notifications/read-all')).json()).toEqual({ unread: 0 });
    expect((await b.api.get('/api/v1/notifications')).json().unread).toBe(0);
  });

  it('refuses bad reminder settings and changes nothing', async () => {
    const a = await user('UTC');
    const before = (await a.api.get('/api/v1/settings')).json().reminders;
    for (const reminders of [
      { weeklyReport: { hour: 25 } },
      { weeklyReport: { day: 0 } },
      { fortnightly: { enabled: true } },
      { dueDigest: { channels: ['pigeon'] } },
      { stalePlans: { days: 1 } },
    ]) {
      expectProblem(await a.api.put('/api/v1/settings', { reminders }), 400);
    }
    expect((await a.api.get('/api/v1/settings')).json().reminders).toEqual(before);
    const changed = (await a.api.put('/api/v1/settings', { reminders: { dueDigest: { hour: 7, channels: ['email'] } } })).json()
      .reminders;
    expect(changed.dueDigest).toEqual({ enabled: true, hour: 7, channels: ['email'] });
    expect(changed.weeklyReport).toEqual(before.weeklyReport);
  });
});

describe('insights', () => {
  it('explain skills trending, pace, streaks, where time went and goals at risk, with their numbers', async () => {
    const a = await user('UTC');
    at('2026-04-10T10:00:00Z'); // last quarter
    await a.api.post('/api/v1/achievements', { title: 'Old', skills: ['SQL'], achievedOn: '2026-03-01' });
    const plan = (await a.api.post('/api/v1/plans', { title: 'Book', targetDate: '2026-05-15' })).json();
    for (let i = 0; i < 5; i++) await a.api.post('/api/v1/todos', { title: `Chapter ${i}`, planId: plan.id, tags: ['writing'] });
    await a.api.post('/api/v1/achievements', { title: 'Talk', skills: ['SQL', 'Speaking'], achievedOn: '2026-04-05' });
    await a.api.post('/api/v1/achievements', { title: 'Workshop', skills: ['SQL'], achievedOn: '2026-04-08' });
    const todos = (await a.api.get(`/api/v1/todos?planId=${plan.id}`)).json().items;
    for (const [i, day] of ['2026-04-28', '2026-04-29', '2026-04-30'].entries()) {
      at(`${day}T09:00:00Z`);
      await a.api.post(`/api/v1/todos/${todos[i].id}/complete`, {});
    }
    at('2026-04-30T18:00:00Z');
    const insights = (await a.api.get('/api/v1/insights')).json().items;
    const byKind = Object.fromEntries(insights.map((i: { kind: string }) => [i.kind, i]));
    expect(byKind.skills_trending.title).toBe('Skills trending up: SQL, Speaking');
    expect(byKind.skills_trending.detail).toBe('SQL: 2 this quarter (1 last quarter); Speaking: 1 this quarter (0 last quarter)');
    expect(byKind.pace).toMatchObject({
      title: '3 to-dos finished in the last 4 weeks',
      data: { last4Weeks: 3, previous4Weeks: 0 },
    });
    expect(byKind.streak).toMatchObject({ title: 'A 3-day streak', data: { days: 3 } });
    expect(byKind.time_by_plan.detail).toBe('Book: 3 (100%)');
    expect(byKind.time_by_tag.detail).toBe('writing: 3 (100%)');
    expect(byKind.plan_at_risk.detail).toBe(
      'Target 15 May 2026, 2 to-dos left; at the last 28 days’ pace (3 done) it would finish on 19 May 2026.',
    );
  });
});
