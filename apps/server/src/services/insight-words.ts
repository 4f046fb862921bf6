import type { Insight } from '@career-anchor/contracts';
import { writeDate, type DateLocale } from '../lib/dates.ts';

/**
 * The words of each insight, from its kind and numbers, in the reader's language at reading
 * time, as notifications are worded.
 */

export interface SkillTrend {
  skill: string;
  now: number;
  before: number;
}
/** A share of the last 30 days: a plan or a tag, or a group (no plan, untagged, the rest). */
export interface ShareRow {
  name: string | null;
  group?: 'none' | 'other';
  count: number;
  /** Whole percent; the shares of one insight add up to 100. */
  share: number;
}

/** What an insight is about, by kind, with the numbers behind it. */
export type InsightFacts =
  | { kind: 'skills_trending'; skills: SkillTrend[] }
  | { kind: 'pace'; last4Weeks: number; previous4Weeks: number }
  | { kind: 'streak'; days: number; weeks: number }
  | { kind: 'time_by_plan'; total: number; rows: ShareRow[] }
  | { kind: 'time_by_tag'; total: number; rows: ShareRow[]; split: boolean }
  | ({ kind: 'plan_at_risk'; planTitle: string } & RiskFacts);

/** Where a plan at risk stands: the insight's detail and the reminder's body. */
export interface RiskFacts {
  targetDate: string;
  remaining: number;
  recent: number;
  projected: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => Math.round((part / whole) * 100);

const WORDS = {
  en: {
    skillsTitle: (skills: string) => `Skills trending up: ${skills}`,
    skillLine: (s: SkillTrend) => `${s.skill}: ${s.now} this quarter (${s.before} last quarter)`,
    paceTitle: (n: number) => `${plural(n, 'to-do', 'to-dos')} finished in the last 4 weeks`,
    paceDetail: (avg: string, change: string) => `About ${avg} a week; ${change} the 4 weeks before.`,
    up: (pct: number) => `${pct}% more than`,
    down: (pct: number) => `${pct}% fewer than`,
    same: 'the same as',
    none: 'none in',
    dayStreakTitle: (days: number) => `A ${days}-day streak`,
    dayStreakDetail: (days: number) => `You finished something every day for ${days} days in a row.`,
    weekStreakTitle: (weeks: number) => `A ${weeks}-week streak`,
    weekStreakDetail: (weeks: number) => `You finished something every week for ${weeks} weeks in a row.`,
    byPlanTitle: 'Where the last 30 days went, by plan',
    byTagTitle: 'Where the last 30 days went, by tag',
    share: (name: string, n: number, pct: number) => `${name}: ${n} (${pct}%)`,
    noPlan: 'no plan',
    otherPlans: 'other plans',
    untagged: 'untagged',
    otherTags: 'other tags',
    split: 'A to-do with several tags is shared among them.',
    riskTitle: (plan: string) => `“${plan}” may miss its target date`,
    riskBody: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `Target ${target}, ${plural(left, 'to-do', 'to-dos')} left; at the last 28 days’ pace (${recent} done) it would finish on ${projected}.`
        : `Target ${target}, ${plural(left, 'to-do', 'to-dos')} left and none finished in the last 28 days.`,
    join: '; ',
    stop: '. ',
  },
  'zh-CN': {
    skillsTitle: (skills: string) => `上升中的技能：${skills}`,
    skillLine: (s: SkillTrend) => `${s.skill}：本季度 ${s.now} 次（上季度 ${s.before} 次）`,
    paceTitle: (n: number) => `近 4 周完成了 ${n} 项待办`,
    paceDetail: (avg: string, change: string) => `平均每周约 ${avg} 项；${change}再之前的 4 周。`,
    up: (pct: number) => `多于（+${pct}%）`,
    down: (pct: number) => `少于（−${pct}%）`,
    same: '持平于',
    none: '而',
    dayStreakTitle: (days: number) => `连续 ${days} 天`,
    dayStreakDetail: (days: number) => `你已经连续 ${days} 天每天都有完成的事。`,
    weekStreakTitle: (weeks: number) => `连续 ${weeks} 周`,
    weekStreakDetail: (weeks: number) => `你已经连续 ${weeks} 周每周都有完成的事。`,
    byPlanTitle: '近 30 天的时间花在哪些计划上',
    byTagTitle: '近 30 天的时间花在哪些标签上',
    share: (name: string, n: number, pct: number) => `${name}：${n} 项（${pct}%）`,
    noPlan: '无计划',
    otherPlans: '其他计划',
    untagged: '无标签',
    otherTags: '其他标签',
    split: '带多个标签的待办在这些标签间平分。',
    riskTitle: (plan: string) => `计划“${plan}”可能无法按期完成`,
    riskBody: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `目标日期 ${target}，还剩 ${left} 项；按近 28 天完成 ${recent} 项的速度，预计 ${projected} 完成。`
        : `目标日期 ${target}，还剩 ${left} 项，近 28 天没有完成任何一项。`,
    join: '；',
    stop: '。',
  },
} satisfies Record<DateLocale, unknown>;

type Words = Pick<Insight, 'title' | 'detail'>;

export const riskTitle = (plan: string, locale: DateLocale) => WORDS[locale].riskTitle(plan);

export function riskBody(risk: RiskFacts, locale: DateLocale): string {
  const day = (date: string) => writeDate(date, locale);
  return WORDS[locale].riskBody(day(risk.targetDate), risk.remaining, risk.recent, risk.projected && day(risk.projected));
}

function paceWords(facts: { last4Weeks: number; previous4Weeks: number }, locale: DateLocale): Words {
  const say = WORDS[locale];
  const { last4Weeks: now, previous4Weeks: before } = facts;
  const change =
    before === 0
      ? say.none
      : now === before
        ? say.same
        : now > before
          ? say.up(percent(now - before, before))
          : say.down(percent(before - now, before));
  return { title: say.paceTitle(now), detail: say.paceDetail((now / 4).toFixed(1), change) };
}

/** An insight's title and detail in `locale`. */
export function renderInsight(facts: InsightFacts, locale: DateLocale): Words {
  const say = WORDS[locale];
  const lines = (rows: ShareRow[], none: string, other: string) =>
    rows.map((row) => say.share(row.name ?? (row.group === 'other' ? other : none), row.count, row.share)).join(say.join);
  switch (facts.kind) {
    case 'skills_trending':
      return {
        title: say.skillsTitle(facts.skills.map((s) => s.skill).join(', ')),
        detail: facts.skills.map(say.skillLine).join(say.join),
      };
    case 'pace':
      return paceWords(facts, locale);
    case 'streak':
      return facts.days >= 2
        ? { title: say.dayStreakTitle(facts.days), detail: say.dayStreakDetail(facts.days) }
        : { title: say.weekStreakTitle(facts.weeks), detail: say.weekStreakDetail(facts.weeks) };
    case 'time_by_plan':
      return { title: say.byPlanTitle, detail: lines(facts.rows, say.noPlan, say.otherPlans) };
    case 'time_by_tag': {
      const detail = lines(facts.rows, say.untagged, say.otherTags);
      return { title: say.byTagTitle, detail: facts.split ? `${detail}${say.stop}${say.split}` : detail };
    }
    case 'plan_at_risk':
      return { title: riskTitle(facts.planTitle, locale), detail: riskBody(facts, locale) };
  }
}
