import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays, checkSpan, todayIn } from '../lib/dates.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/** The activity chart may span two years (both ends counted), for a year-on-year view. */
const ACTIVITY_MAX_DAYS = 732;

/** Chart data, aggregated in SQL on the user's own calendar. */
export function createStatsService(repos: Repositories, clock: Clock) {
  return {
    async activity(actor: Actor, query: { from?: string | undefined; to?: string | undefined; bucket: 'day' | 'week' }) {
      const { profiles, stats } = repos.for(actor);
      const tz = await profiles.timezone();
      const to = query.to ?? todayIn(tz, clock.now());
      const from = query.from ?? addDays(to, -364);
      checkSpan(from, to, ACTIVITY_MAX_DAYS);
      const points = await stats.activity(query.bucket, tz, from, to);
      return { from, to, bucket: query.bucket, points, total: points.reduce((sum, p) => sum + p.count, 0) };
    },

    /** A plan's progress day by day, from when its to-dos were added and finished: no snapshots needed. */
    async planHistory(actor: Actor, planId: string) {
      const { plans, profiles, stats } = repos.for(actor);
      const plan = await plans.find(planId);
      if (!plan) throw notFound('Plan');
      const tz = await profiles.timezone();
      const today = todayIn(tz, clock.now());
      const created = todayIn(tz, plan.createdAt);
      const start = created < addDays(today, -365) ? addDays(today, -365) : created;
      return { planId: plan.id, points: await stats.planHistory(plan.id, tz, start, today) };
    },

    /** Skills shown by achievements (the one source of skills), month by month over the last year. */
    async skills(actor: Actor) {
      const { profiles, stats } = repos.for(actor);
      const tz = await profiles.timezone();
      const today = todayIn(tz, clock.now());
      const months = Array.from({ length: 12 }, (_, i) => {
        const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - (11 - i));
        return d.toISOString().slice(0, 7);
      });
      const rows = await stats.skillsByMonth(tz, months[0]!, months[11]!);
      const bySkill = new Map<string, number[]>();
      for (const row of rows) {
        const counts = bySkill.get(row.skill) ?? new Array<number>(12).fill(0);
        counts[months.indexOf(row.month)] = row.n;
        bySkill.set(row.skill, counts);
      }
      const skills = [...bySkill]
        .map(([skill, counts]) => ({ skill, counts, total: counts.reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.total - a.total || a.skill.localeCompare(b.skill))
        .slice(0, 10);
      return { months, skills };
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
