import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.ts';
import { as, createTestApp, signUp, type TestApp } from './helpers/app.ts';
import { rawHeader, startSmtpSink } from './helpers/smtp.ts';
import { jobsSettled } from './helpers/jobs.ts';
import { INTERNAL_JOB } from '../src/jobs/kinds.ts';

const smtp = await startSmtpSink();
const received = smtp.received;

let t: TestApp;
let now = new Date('2026-06-01T12:00:00Z');
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

async function user(locale: string) {
  const u = await signUp(t.app);
  await as(t.app, u).put('/api/v1/profile', { locale, timezone: 'UTC' });
  return u;
}

/** A notification to send by e-mail, made directly. */
async function emailed(userId: string, values: { title: string; dedupeKey: string; data?: Record<string, unknown> }) {
  const { notifications } = await import('../src/db/schema/index.ts');
  const [note] = await t.ctx.database.db
    .insert(notifications)
    .values({ userId, kind: 'due_digest', channels: ['in_app', 'email'], ...values })
    .returning();
  return note!;
}

/** Reminder e-mails only (new accounts also get an address confirmation). */
const mailTo = (email: string) => smtp.mailTo(email, (m) => !/Confirm your e-mail|确认你的邮箱/.test(m.subject ?? ''));

describe('reminder e-mail', () => {
  it('goes out in the user’s language with plain text, HTML and one-click unsubscribe headers', async () => {
    const en = await user('en');
    const zh = await user('zh-CN');
    now = new Date('2026-06-08T10:00:00Z'); // Monday
    await t.ctx.services.reminders.tick(now);

    const english = await mailTo(en.email);
    expect(english.subject).toBe('Time to write last week’s report');
    expect(english.text).toContain('The week of 1 Jun 2026 to 7 Jun 2026 has no report yet.');
    expect(english.html).toContain('<h1 style="font-size:1.2em">Time to write last week’s report</h1>');
    expect(english.from?.text).toBe('"Career Anchor" <reminders@example.com>');
    const listUnsubscribe = String(rawHeader(english, 'list-unsubscribe'));
    expect(listUnsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:3000\/unsubscribe\?token=[\w%.-]+>$/);
    expect(rawHeader(english, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const chinese = await mailTo(zh.email);
    expect(chinese.subject).toBe('该写上周的周报了');
    expect(chinese.text).toContain('这一周还没有报告');
    expect(chinese.text).toContain('不再接收此类邮件');
  });

  it('the unsubscribe link works once and turns that kind’s e-mail off', async () => {
    const u = await user('en');
    now = new Date('2026-06-15T10:00:00Z');
    await t.ctx.services.reminders.tick(now);
    const mail = await mailTo(u.email);
    const url = new URL(String(rawHeader(mail, 'list-unsubscribe')).slice(1, -1));

    const page = await t.app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    const oneClick = await t.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    const settings = (await as(t.app, u).get('/api/v1/settings')).json();
    expect(settings.reminders.weeklyReport.channels).toEqual(['in_app']);
    expect((await t.app.inject({ method: 'POST', url: url.pathname + url.search })).statusCode).toBe(410);
    const forged = url.search.replace(/\.[\w-]+$/, '.forged');
    expect((await t.app.inject({ method: 'POST', url: `/unsubscribe${forged}` })).statusCode).toBe(400);

    // The next week's reminder stays in the app only.
    const before = received.length;
    now = new Date('2026-06-22T10:00:00Z');
    await t.ctx.services.reminders.tick(now);
    const [row] = await queryRows<{ channels: string[] }>(
      t.ctx.database.db,
      sql`select channels from notifications where user_id = ${u.id} and dedupe_key = 'weekly_report:2026-06-15'`,
    );
    expect(row!.channels).toEqual(['in_app']);
    await jobsSettled(t.ctx.database.db, INTERNAL_JOB.mail);
    expect(
      received
        .slice(before)
        .some((m) => (m.to as { text: string }).text.includes(u.email) && m.subject !== 'Confirm your e-mail address'),
    ).toBe(false);
  });

  it('is worded in the recipient’s language when it is sent', async () => {
    const u = await user('en');
    const note = await emailed(u.id, {
      title: '2 due today, 1 overdue',
      data: { dueToday: 2, overdue: 1, date: '2026-06-01' },
      dedupeKey: 'due_digest:2026-06-01',
    });
    await as(t.app, u).put('/api/v1/profile', { locale: 'zh-CN' });
    await t.ctx.services.notifications.email(note.id);
    const mail = await mailTo(u.email);
    expect(mail.subject).toBe('今天到期 2 项，已逾期 1 项');
    expect(mail.text).toContain('看看今天要完成的待办。');
  });

  it('a mail server that is down is retried, and the digest is delivered once', async () => {
    const u = await user('en');
    const note = await emailed(u.id, { title: 'Digest for a flaky server', dedupeKey: 'due_digest:flaky' });
    smtp.refuse(true);
    await expect(t.ctx.services.notifications.email(note.id)).rejects.toThrow();
    smtp.refuse(false);
    await t.ctx.services.notifications.email(note.id);
    await t.ctx.services.notifications.email(note.id);
    expect(received.filter((m) => m.subject === 'Digest for a flaky server')).toHaveLength(1);
  });
});
