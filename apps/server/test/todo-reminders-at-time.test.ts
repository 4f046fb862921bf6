import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDateTimeToInstant } from '@career-anchor/quick-add';
import { queryRows } from '../src/db/client.ts';
import { INTERNAL_JOB } from '../src/jobs/kinds.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from './helpers/app.ts';
import { createTestDatabase, serverUrl } from './helpers/database.ts';
import { jobsSettled } from './helpers/jobs.ts';
import { startSmtpSink } from './helpers/smtp.ts';

const smtp = await startSmtpSink();
let t: TestApp;
let now = new Date('2026-03-01T12:00:00Z');
beforeAll(async () => {
  t = await createTestApp({
    clock: { now: () => now },
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Career Anchor <reminders@example.com>' },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const at = (iso: string | Date) => {
  now = new Date(iso);
};
const tick = () => t.ctx.services.timedReminders.tick(now);

async function user(timezone: string, locale = 'en', reminders: object = {}) {
  const u = await signUp(t.app);
  const api = as(t.app, u);
  await api.put('/api/v1/profile', { timezone, locale });
  // Only the timed reminders: the other kinds stay quiet so the counts below are theirs.
  const off = { enabled: false };
  await api.put('/api/v1/settings', {
    reminders: { weeklyReport: off, dueDigest: off, stalePlans: off, plansAtRisk: off, idleFocus: off, ...reminders },
  });
  await jobsSettled(t.ctx.database.db, INTERNAL_JOB.userTick);
  return { u, api };
}

async function timed(u: TestUser) {
  return queryRows<{ dedupe_key: string; title: string; channels: string[]; created_at: string; data: Record<string, unknown> }>(
    t.ctx.database.db,
    sql`select dedupe_key, title, channels, created_at, data from notifications
        where user_id = ${u.id} and kind = 'todo_due' order by created_at, dedupe_key`,
  );
}

/** Reminder e-mails only (new accounts also get an address confirmation). */
const mailTo = (email: string) => smtp.mailTo(email, (m) => !/Confirm your e-mail|确认你的邮箱/.test(m.subject ?? ''));

describe('a reminder at a due time', () => {
  it('comes at its minute in the user’s zone, on both sides of a daylight-saving change, once', async () => {
    at('2026-03-01T12:00:00Z');
    const ny = await user('America/New_York');
    // Saturday 7 March is on EST (UTC−5); Sunday 8 March, after 02:00, on EDT (UTC−4).
    const before = (
      await ny.api.post('/api/v1/todos', { title: 'Call the bank', dueOn: '2026-03-07', dueTime: '09:00', remindBefore: 0 })
    ).json();
    const after = (
      await ny.api.post('/api/v1/todos', { title: 'Ship v2', dueOn: '2026-03-08', dueTime: '09:00', remindBefore: 30 })
    ).json();
    expect(after.remindBefore).toBe(30);

    // 09:00 EST is 14:00 UTC.
    at('2026-03-07T13:59:00Z');
    expect((await tick()).created).toBe(0);
    at('2026-03-07T14:00:00Z');
    expect(await tick()).toMatchObject({ claimed: 1, created: 1 });
    expect(await tick()).toMatchObject({ claimed: 0, created: 0 });
    // 08:30 EDT is 12:30 UTC: a clock that ignored the change would say 13:30.
    at('2026-03-08T12:29:00Z');
    expect((await tick()).created).toBe(0);
    at('2026-03-08T12:30:00Z');
    expect((await tick()).created).toBe(1);
    at('2026-03-08T13:30:00Z');
    expect((await tick()).created).toBe(0);
    expect(zonedDateTimeToInstant('2026-03-08', '09:00', 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');

    const rows = await timed(ny.u);
    expect(rows.map((r) => [new Date(r.created_at).toISOString(), r.data.todoId])).toEqual([
      ['2026-03-07T14:00:00.000Z', before.id],
      ['2026-03-08T12:30:00.000Z', after.id],
    ]);
    const [latest] = (await ny.api.get('/api/v1/notifications')).json().items;
    expect(latest).toMatchObject({
      kind: 'todo_due',
      title: 'Due at 09:00: Ship v2',
      body: 'Due 8 Mar 2026 at 09:00 (you asked to be reminded 30 min before).',
      link: `/todos#${after.id}`,
    });

    // E-mail is on by default for these, once per reminder.
    const mail = await mailTo(ny.u.email);
    expect(mail.subject).toMatch(/^Due at 09:00: /);
    await jobsSettled(t.ctx.database.db, INTERNAL_JOB.mail);
    expect(
      smtp.received.filter((m) => (m.to as { text: string }).text.includes(ny.u.email) && /^Due at/.test(m.subject ?? '')),
    ).toHaveLength(2);
  });

  it('is worded in the reader’s language and not sent for done or deleted to-dos', async () => {
    at('2026-04-01T00:00:00Z');
    const zh = await user('Asia/Shanghai', 'zh-CN', { dueTimes: { channels: ['in_app'] } });
    await zh.api.post('/api/v1/todos', { title: '提交报告, 第二版', dueOn: '2026-04-02', dueTime: '15:00', remindBefore: 90 });
    const done = (
      await zh.api.post('/api/v1/todos', { title: 'Done', dueOn: '2026-04-02', dueTime: '15:00', remindBefore: 0 })
    ).json();
    await zh.api.post(`/api/v1/todos/${done.id}/complete`, {});
    const gone = (
      await zh.api.post('/api/v1/todos', { title: 'Gone', dueOn: '2026-04-02', dueTime: '15:00', remindBefore: 0 })
    ).json();
    await zh.api.delete(`/api/v1/todos/${gone.id}`);
    // 13:30 in Shanghai (UTC+8) is 05:30 UTC.
    at('2026-04-02T05:30:00Z');
    await tick();
    at('2026-04-02T07:00:00Z');
    await tick();
    const rows = await timed(zh.u);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channels).toEqual(['in_app']);
    const [note] = (await zh.api.get('/api/v1/notifications')).json().items;
    expect(note).toMatchObject({
      title: '15:00 到期：提交报告, 第二版',
      body: '截止时间 2026年4月2日 15:00（按你的设置提前 1 小时 30 分钟提醒）。',
    });
  });

  it('comes again after its date, time or offset changes, and not for a to-do without a time', async () => {
    at('2026-05-01T08:00:00Z');
    const utc = await user('UTC');
    const todo = (
      await utc.api.post('/api/v1/todos', { title: 'Stand-up', dueOn: '2026-05-01', dueTime: '09:00', remindBefore: 10 })
    ).json();
    await utc.api.post('/api/v1/todos', { title: 'All day', dueOn: '2026-05-01', remindBefore: 0 });
    at('2026-05-01T08:50:00Z');
    await tick();
    expect(await timed(utc.u)).toHaveLength(1);
    // The title changes: the reminder stays sent.
    await utc.api.patch(`/api/v1/todos/${todo.id}`, { title: 'Daily stand-up' });
    await tick();
    expect(await timed(utc.u)).toHaveLength(1);
    // Moved to 10:00: due again at 09:50.
    await utc.api.patch(`/api/v1/todos/${todo.id}`, { dueTime: '10:00' });
    await tick();
    expect(await timed(utc.u)).toHaveLength(1);
    at('2026-05-01T09:50:00Z');
    await tick();
    expect(await timed(utc.u)).toHaveLength(2);
    // A longer offset whose moment has passed: it comes at once.
    await utc.api.patch(`/api/v1/todos/${todo.id}`, { remindBefore: 15 });
    await tick();
    const rows = await timed(utc.u);
    expect(rows).toHaveLength(3);
    expect(rows[2]!.title).toBe('Due at 10:00: Daily stand-up');
  });

  it('the next occurrence of a recurring to-do brings its own reminder', async () => {
    at('2026-06-01T06:00:00Z');
    const berlin = await user('Europe/Berlin');
    const first = (
      await berlin.api.post('/api/v1/todos', {
        title: 'Water the plants',
        dueOn: '2026-06-01',
        dueTime: '08:00',
        recurrence: 'FREQ=DAILY',
        remindBefore: 0,
      })
    ).json();
    at('2026-06-01T06:00:00Z'); // 08:00 in Berlin (UTC+2)
    await tick();
    await berlin.api.post(`/api/v1/todos/${first.id}/complete`, {});
    await tick();
    expect(await timed(berlin.u)).toHaveLength(1);
    at('2026-06-02T06:00:00Z');
    await tick();
    const rows = await timed(berlin.u);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.data.dueOn).toBe('2026-06-02');
  });

  it('skips reminders a day late (a restored backup) and silenced ones, marking them sent', async () => {
    at('2026-07-01T12:00:00Z');
    const old = await user('UTC');
    const paused = await user('UTC', 'en', { paused: true });
    const off = await user('UTC', 'en', { dueTimes: { enabled: false } });
    const stale = (
      await old.api.post('/api/v1/todos', { title: 'Long ago', dueOn: '2026-06-29', dueTime: '09:00', remindBefore: 0 })
    ).json();
    const recent = (
      await old.api.post('/api/v1/todos', { title: 'This morning', dueOn: '2026-07-01', dueTime: '09:00', remindBefore: 0 })
    ).json();
    await paused.api.post('/api/v1/todos', { title: 'Quiet', dueOn: '2026-07-01', dueTime: '11:00', remindBefore: 0 });
    await off.api.post('/api/v1/todos', { title: 'Quiet', dueOn: '2026-07-01', dueTime: '11:00', remindBefore: 0 });
    const result = await tick();
    expect(result).toMatchObject({ claimed: 4, created: 1 });
    expect((await timed(old.u)).map((r) => r.data.todoId)).toEqual([recent.id]);
    expect(await timed(paused.u)).toEqual([]);
    expect(await timed(off.u)).toEqual([]);
    const [row] = await queryRows<{ sent: string | null }>(
      t.ctx.database.db,
      sql`select reminder_sent_at as sent from todos where id = ${stale.id}`,
    );
    expect(new Date(row!.sent!).toISOString()).toBe(now.toISOString());
    expect((await tick()).claimed).toBe(0);
  });

  it('concurrent passes send each reminder once', async () => {
    at('2026-08-01T08:00:00Z');
    const many = await Promise.all(Array.from({ length: 4 }, () => user('UTC', 'en', { dueTimes: { channels: ['in_app'] } })));
    for (const { api } of many)
      for (let i = 0; i < 3; i++)
        await api.post('/api/v1/todos', { title: `T${i}`, dueOn: '2026-08-01', dueTime: '09:00', remindBefore: 5 });
    at('2026-08-01T08:55:00Z');
    const results = await Promise.all([tick(), tick(), tick()]);
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(12);
    for (const { u } of many) expect(await timed(u)).toHaveLength(3);
  });
});

describe.runIf(serverUrl)('two workers on the real PostgreSQL', () => {
  it('send each reminder once, whichever claims it', async () => {
    const db = await createTestDatabase();
    const one = await createTestApp({ database: db.options, clock: { now: () => now } });
    const two = await createTestApp({ database: db.options, clock: { now: () => now } });
    try {
      at('2026-09-01T08:00:00Z');
      for (let i = 0; i < 10; i++) {
        const u = await signUp(one.app);
        const api = as(one.app, u);
        await api.put('/api/v1/profile', { timezone: 'Europe/Paris' });
        for (let j = 0; j < 6; j++)
          await api.post('/api/v1/todos', { title: `Task ${j}`, dueOn: '2026-09-01', dueTime: '11:00', remindBefore: j });
      }
      at('2026-09-01T09:00:00Z'); // 11:00 in Paris (UTC+2)
      const small = (app: TestApp) => app.ctx.services.timedReminders;
      const results = await Promise.all([small(one).tick(now), small(two).tick(now), small(one).tick(now), small(two).tick(now)]);
      expect(results.reduce((sum, r) => sum + r.claimed, 0)).toBe(60);
      expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(60);
      const [row] = await queryRows<{ n: number; todos: number }>(
        one.ctx.database.db,
        sql`select count(*)::int as n, count(distinct data->>'todoId')::int as todos from notifications where kind = 'todo_due'`,
      );
      expect(row).toEqual({ n: 60, todos: 60 });
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  });
});
