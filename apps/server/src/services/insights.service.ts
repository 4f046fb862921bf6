import { sql } from 'drizzle-orm';
import type { Insight } from '@career-anchor/contracts';
import { queryRows, type Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { writeDate, type DateLocale } from '../lib/dates.ts';
import { plansAtRiskQuery } from '../repositories/reminders.repository.ts';
import { findProfile } from '../repositories/profiles.repository.ts';
import type { Actor } from '../lib/actor.ts';

const WORDS = {
  en: {
    skillsTitle: (skills: string) => `Skills trending up: ${skills}`,
    skillLine: (skill: string, now: number, before: number) => `${skill}: ${now} this quarter (${before} last quarter)`,
    paceTitle: (n: number) => `${n} ${n === 1 ? 'to-do' : 'to-dos'} finished in the last 4 weeks`,
    paceDetail: (avg: string, change: string) => `About ${avg} a week; ${change} the 4 weeks before.`,
    up: (pct: number) => `${pct}% more than`,
    down: (pct: number) => `${pct}% fewer than`,
    same: 'the same as',
    none: 'none in',
    streakTitle: (days: number) => `A ${days}-day streak`,
    streakDetail: (days: number) => `You finished something every day for ${days} days in a row.`,
    byPlanTitle: 'Where the last 30 days went, by plan',
    byTagTitle: 'Where the last 30 days went, by tag',
    share: (name: string, n: number, pct: number) => `${name}: ${n} (${pct}%)`,
    noPlan: 'no plan',
    riskTitle: (title: string) => `“${title}” may miss its target date`,
    riskDetail: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `Target ${target}, ${left} ${left === 1 ? 'to-do' : 'to-dos'} left; at the last 28 days’ pace (${recent} done) it would finish on ${projected}.`
        : `Target ${target}, ${left} ${left === 1 ? 'to-do' : 'to-dos'} left and none finished in the last 28 days.`,
  },
  'zh-CN': {
    skillsTitle: (skills: string) => `上升中的技能：${skills}`,
    skillLine: (skill: string, now: number, before: number) => `${skill}：本季度 ${now} 次（上季度 ${before} 次）`,
    paceTitle: (n: number) => `近 4 周完成了 ${n} 项待办`,
    paceDetail: (avg: string, change: string) => `平均每周约 ${avg} 项；${change}再之前的 4 周。`,
    up: (pct: number) => `多于（+${pct}%）`,
    down: (pct: number) => `少于（−${pct}%）`,
    same: '持平于',
    none: '而',
    streakTitle: (days: number) => `连续 ${days} 天`,
    streakDetail: (days: number) => `你已经连续 ${days} 天每天都有完成的事。`,
    byPlanTitle: '近 30 天的时间花在哪些计划上',
    byTagTitle: '近 30 天的时间花在哪些标签上',
    share: (name: string, n: number, pct: number) => `${name}：${n} 项（${pct}%）`,
    noPlan: '无计划',
    riskTitle: (title: string) => `计划“${title}”可能无法按期完成`,
    riskDetail: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `目标日期 ${target}，还剩 ${left} 项；按近 28 天完成 ${recent} 项的速度，预计 ${projected} 完成。`
        : `目标日期 ${target}，还剩 ${left} 项，近 28 天没有完成任何一项。`,
  },
};

const share = (n: number, total: number) => (total ? Math.round((n / total) * 100) : 0);

/** Personal insights from the user's own data, each in plain words with the numbers behind it. */
export function createInsightsService(db: Db, clock: Clock) {
  return {
    async list(actor: Actor): Promise<{ items: Insight[]; generatedAt: string }> {
      const now = clock.now();
      const profile = await findProfile(db, actor.userId);
      const tz = profile?.profile.timezone ?? 'UTC';
      const locale: DateLocale = profile?.profile.locale === 'zh-CN' ? 'zh-CN' : 'en';
      const say = WORDS[locale];
      const local = sql`(${now.toISOString()}::timestamptz at time zone ${tz})`;
      const userId = actor.userId;
      const items: Insight[] = [];

      // Skills: achievements and accepted suggestions this quarter against the one before.
      const skills = await queryRows<{ skill: string; now: number; before: number }>(
        db,
        sql`with q as (select date_trunc('quarter', ${local})::date as this_q)
            select skill, count(*) filter (where at >= q.this_q)::int as now,
                   count(*) filter (where at < q.this_q)::int as before
            from q, (
              select unnest(skills) as skill, coalesce(achieved_on, (created_at at time zone ${tz})::date) as at
              from achievements where user_id = ${userId} and deleted_at is null
              union all
              select unnest(core_skills), (decided_at at time zone ${tz})::date
              from suggestions where user_id = ${userId} and status = 'accepted'
            ) s
            where at >= (q.this_q - interval '3 months')::date
            group by skill having count(*) filter (where at >= q.this_q) > count(*) filter (where at < q.this_q)
            order by count(*) filter (where at >= q.this_q) desc, skill limit 5`,
      );
      if (skills.length) {
        items.push({
          kind: 'skills_trending',
          title: say.skillsTitle(skills.map((s) => s.skill).join(', ')),
          detail: skills.map((s) => say.skillLine(s.skill, s.now, s.before)).join('; '),
          link: '/achievements',
          data: { skills },
        });
      }

      // Pace and streak, counted on the user's own calendar days.
      const [pace] = await queryRows<{ last4: number; prev4: number; streak: number }>(
        db,
        sql`with days as (
              select distinct (completed_at at time zone ${tz})::date as day from todos
              where user_id = ${userId} and deleted_at is null and status = 'done' and completed_at >= ${now.toISOString()}::timestamptz - interval '400 days'),
            today as (select ${local}::date as d),
            runs as (select day, day - (row_number() over (order by day))::int as grp from days)
            select
              (select count(*)::int from todos where user_id = ${userId} and deleted_at is null and status = 'done'
                 and completed_at >= ${now.toISOString()}::timestamptz - interval '28 days') as last4,
              (select count(*)::int from todos where user_id = ${userId} and deleted_at is null and status = 'done'
                 and completed_at >= ${now.toISOString()}::timestamptz - interval '56 days' and completed_at < ${now.toISOString()}::timestamptz - interval '28 days') as prev4,
              coalesce((select count(*)::int from runs where grp = (
                 select grp from runs, today where day in (today.d, today.d - 1) order by day desc limit 1)), 0) as streak`,
      );
      if (pace && pace.last4 > 0) {
        const change =
          pace.prev4 === 0
            ? say.none
            : pace.last4 === pace.prev4
              ? say.same
              : pace.last4 > pace.prev4
                ? say.up(share(pace.last4 - pace.prev4, pace.prev4))
                : say.down(share(pace.prev4 - pace.last4, pace.prev4));
        items.push({
          kind: 'pace',
          title: say.paceTitle(pace.last4),
          detail: say.paceDetail((pace.last4 / 4).toFixed(1), change),
          link: '/todos?status=done',
          data: { last4Weeks: pace.last4, previous4Weeks: pace.prev4 },
        });
      }
      if (pace && pace.streak >= 2) {
        items.push({
          kind: 'streak',
          title: say.streakTitle(pace.streak),
          detail: say.streakDetail(pace.streak),
          link: null,
          data: { days: pace.streak },
        });
      }

      // Where the last 30 days went.
      const byPlan = await queryRows<{ id: string | null; name: string | null; n: number }>(
        db,
        sql`select p.id, p.title as name, count(*)::int as n from todos t left join plans p on p.id = t.plan_id
            where t.user_id = ${userId} and t.deleted_at is null and t.status = 'done' and t.completed_at >= ${now.toISOString()}::timestamptz - interval '30 days'
            group by p.id, p.title order by n desc limit 5`,
      );
      const total30 = byPlan.reduce((sum, row) => sum + row.n, 0);
      if (byPlan.length > 1 || (byPlan.length === 1 && byPlan[0]!.id)) {
        items.push({
          kind: 'time_by_plan',
          title: say.byPlanTitle,
          detail: byPlan.map((row) => say.share(row.name ?? say.noPlan, row.n, share(row.n, total30))).join('; '),
          link: '/plans',
          data: { total: total30, plans: byPlan.map((row) => ({ planId: row.id, title: row.name, count: row.n })) },
        });
      }
      const byTag = await queryRows<{ name: string; n: number }>(
        db,
        sql`select tg.name, count(*)::int as n from todos t
            join taggings x on x.item_kind = 'todo' and x.item_id = t.id join tags tg on tg.id = x.tag_id
            where t.user_id = ${userId} and t.deleted_at is null and t.status = 'done' and t.completed_at >= ${now.toISOString()}::timestamptz - interval '30 days'
            group by tg.name order by n desc limit 5`,
      );
      if (byTag.length) {
        items.push({
          kind: 'time_by_tag',
          title: say.byTagTitle,
          detail: byTag.map((row) => say.share(row.name, row.n, share(row.n, total30))).join('; '),
          link: '/todos?status=done',
          data: { total: total30, tags: byTag.map((row) => ({ tag: row.name, count: row.n })) },
        });
      }

      // Goals at risk, with the projected date.
      const risks = await queryRows<{
        plan_id: string;
        title: string;
        target_date: string;
        total: number;
        done: number;
        recent: number;
        projected: string | null;
      }>(
        db,
        plansAtRiskQuery(sql`select p.user_id, p.locale, ${local} as local_now from profiles p where p.user_id = ${userId}`),
      );
      for (const risk of risks) {
        items.push({
          kind: 'plan_at_risk',
          title: say.riskTitle(risk.title),
          detail: say.riskDetail(
            writeDate(risk.target_date, locale),
            risk.total - risk.done,
            risk.recent,
            risk.projected && writeDate(risk.projected, locale),
          ),
          link: `/plans#${risk.plan_id}`,
          data: {
            planId: risk.plan_id,
            targetDate: risk.target_date,
            projected: risk.projected,
            remaining: risk.total - risk.done,
            recent: risk.recent,
          },
        });
      }
      return { items, generatedAt: now.toISOString() };
    },
  };
}
export type InsightsService = ReturnType<typeof createInsightsService>;
