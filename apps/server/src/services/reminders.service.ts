import type { ReminderSettings } from '@career-anchor/contracts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { addDays } from '../lib/dates.ts';
import type { Mailer } from '../lib/mailer.ts';
import type { Repositories } from '../repositories/index.ts';
import type { BatchFacts, NewNotification, SweepUser } from '../repositories/reminders.repository.ts';
import { localeOf, renderNotification } from './notification-words.ts';
import { SETTING_OF_KIND } from './notifications.service.ts';
import { withReminderDefaults } from './settings.service.ts';

type ReminderKind = keyof typeof SETTING_OF_KIND;

/** A user of the pass with their settings over the defaults and their own calendar now. */
interface Due extends SweepUser {
  settings: ReminderSettings;
  today: string;
  hour: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  monday: string;
  /** ISO week, `YYYY-WW`: the period of the weekly-at-most reminders. */
  week: string;
}

function onLocalClock(user: SweepUser): Due {
  const today = user.localNow.slice(0, 10);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  const monday = addDays(today, 1 - weekday);
  // The ISO week is the one holding this week's Thursday, numbered within that Thursday's year.
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000;
  const week = `${year}-${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
  return {
    ...user,
    settings: withReminderDefaults(user.reminders),
    today,
    hour: Number(user.localNow.slice(11, 13)),
    weekday,
    monday,
    week,
  };
}

/** The month before `today`'s, `YYYY-MM`. */
const previousMonth = (today: string) => addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

/** A notification of `kind` for `user`, worded in their language as they see it now (it is re-worded when read). */
function note(user: Due, kind: ReminderKind, at: { link: string; key: string }, data: Record<string, unknown>) {
  const setting = SETTING_OF_KIND[kind];
  const words = renderNotification(kind, data, localeOf(user.locale))!;
  return {
    userId: user.userId,
    kind,
    ...words,
    link: at.link,
    data,
    dedupeKey: at.key,
    channels: user.settings[setting].channels,
  } satisfies NewNotification;
}

/**
 * The reminder rules: from each user's settings (over DEFAULT_REMINDERS) and local clock, which
 * reminders are due; the repository supplies the facts. Each comes at most once per period, by
 * its dedupe key.
 */
async function dueNotifications(users: Due[], facts: BatchFacts, now: Date): Promise<NewNotification[]> {
  const on = (kind: ReminderKind) => users.filter((u) => u.settings[SETTING_OF_KIND[kind]].enabled);
  const byId = new Map(users.map((u) => [u.userId, u]));
  const of = (userId: string) => byId.get(userId)!;
  const rows: NewNotification[] = [];

  // Last week's report, from the chosen weekday and hour, for a week the account existed in.
  const weekly = on('weekly_report').filter((u) => {
    const { day, hour } = u.settings.weeklyReport;
    return (u.weekday > day || (u.weekday === day && u.hour >= hour)) && u.joinedOn < u.monday;
  });
  const reported = await facts.withReportFor(weekly.map((u) => ({ userId: u.userId, weekStart: addDays(u.monday, -7) })));
  for (const u of weekly.filter((u) => !reported.has(u.userId))) {
    const start = addDays(u.monday, -7);
    rows.push(
      note(
        u,
        'weekly_report',
        { link: `/reports?new=weekly&start=${start}`, key: `weekly_report:${start}` },
        { periodStart: start, periodEnd: addDays(start, 6) },
      ),
    );
  }

  // Once a day after the chosen hour: what is due today and what is overdue.
  const digest = on('due_digest').filter((u) => u.hour >= u.settings.dueDigest.hour);
  for (const c of await facts.dueCounts(digest.map((u) => ({ userId: u.userId, today: u.today })))) {
    if (c.dueToday + c.overdue === 0) continue;
    const u = of(c.userId);
    const link = c.overdue > 0 ? '/todos?due=overdue' : '/todos?due=today';
    rows.push(
      note(u, 'due_digest', { link, key: `due_digest:${u.today}` }, { dueToday: c.dueToday, overdue: c.overdue, date: u.today }),
    );
  }

  // Weekly at most per plan or focus item.
  const stale = on('stale_plan').map((u) => ({ userId: u.userId, days: u.settings.stalePlans.days }));
  for (const p of await facts.stalePlans(stale, now)) {
    const u = of(p.userId);
    rows.push(
      note(
        u,
        'stale_plan',
        { link: `/plans#${p.planId}`, key: `stale_plan:${p.planId}:${u.week}` },
        { planId: p.planId, planTitle: p.title, idleDays: p.idleDays },
      ),
    );
  }
  for (const risk of await facts.plansAtRisk(
    on('plan_at_risk').map((u) => ({ userId: u.userId, today: u.today })),
    now,
  )) {
    const u = of(risk.userId);
    const { userId: _, planId, title, ...numbers } = risk;
    rows.push(
      note(
        u,
        'plan_at_risk',
        { link: `/plans#${planId}`, key: `plan_at_risk:${planId}:${u.week}` },
        { planId, planTitle: title, ...numbers },
      ),
    );
  }
  const idle = on('idle_focus').map((u) => ({ userId: u.userId, days: u.settings.idleFocus.days }));
  for (const f of await facts.idleFocus(idle, now)) {
    const u = of(f.userId);
    rows.push(
      note(
        u,
        'idle_focus',
        { link: '/', key: `idle_focus:${f.focusItemId}:${u.week}` },
        { focusItemId: f.focusItemId, focusTitle: f.title, idleDays: f.idleDays },
      ),
    );
  }
  return rows;
}

/** Users whose reflection on last month is due: opted in, from 09:00 on the 1st, for a month the account existed in. */
async function reflectionsDue(users: Due[], facts: BatchFacts) {
  const due = users
    .filter((u) => u.settings.monthlyReflection.enabled && (u.today.slice(8) !== '01' || u.hour >= 9))
    .filter((u) => u.joinedOn < `${u.today.slice(0, 7)}-01`)
    .map((u) => ({ userId: u.userId, month: previousMonth(u.today) }));
  const written = await facts.withNotification(
    due.map((d) => ({ userId: d.userId, dedupeKey: `monthly_reflection:${d.month}` })),
  );
  return due.filter((d) => !written.has(d.userId));
}

/**
 * One pass of the reminder schedule over every user, in batches: each batch is one transaction
 * that creates the due notifications (each at most once, by its unique key) and queues their
 * e-mails with them, so a crash mid-pass loses nothing and a rerun doubles nothing.
 */
export function createRemindersService(deps: { repos: Repositories; queue: JobQueue; mailer: Mailer; batchSize?: number }) {
  const { repos, queue, mailer } = deps;
  const batchSize = deps.batchSize ?? 500;
  const sweep = repos.system.reminders;

  /** Creates the due notifications of these users, and queues their e-mails, in one transaction. */
  function pass(batch: string[], now: Date) {
    return sweep.inTransaction(async (facts, tx) => {
      const users = (await facts.users(batch, now)).map(onLocalClock).filter((u) => !u.settings.paused);
      const created = await facts.insert(await dueNotifications(users, facts, now), now);
      let emails = 0;
      if (mailer.available) {
        for (const row of created.filter((r) => r.channels.includes('email'))) {
          await queue.sendInternal(tx, INTERNAL_JOB.mail, { notificationId: row.id }, row.id);
          emails++;
        }
      }
      for (const due of await reflectionsDue(users, facts)) {
        await queue.sendInternal(tx, INTERNAL_JOB.reflection, due, `${due.userId}:${due.month}`);
      }
      return { created: created.length, emails };
    });
  }

  return {
    forUser: (userId: string, now: Date) => pass([userId], now),

    async tick(now: Date): Promise<{ users: number; created: number; emails: number }> {
      let after: string | null = null;
      let users = 0;
      let created = 0;
      let emails = 0;
      for (;;) {
        const batch = await sweep.nextUserBatch(after, batchSize);
        if (batch.length === 0) break;
        after = batch[batch.length - 1]!;
        users += batch.length;
        const result = await pass(batch, now);
        created += result.created;
        emails += result.emails;
      }
      return { users, created, emails };
    },
  };
}
export type RemindersService = ReturnType<typeof createRemindersService>;
