import type { Insight } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { todayIn, type DateLocale } from '../lib/dates.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import { renderInsight, type InsightFacts, type ShareRow } from './insight-words.ts';
import { localeOf } from './notification-words.ts';

/** How many plans or tags a share insight names; the rest are one "other" share. */
const NAMED = 5;
const DAY_MS = 86_400_000;

/**
 * Whole percentages of `weights` that add up to exactly 100: each is rounded down and the points
 * left go to the largest remainders, so the shown shares never sum to 99 or 101.
 */
export function percentages(weights: number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (!total) return weights.map(() => 0);
  const exact = weights.map((w) => (w / total) * 100);
  const shares = exact.map(Math.floor);
  let left = 100 - shares.reduce((sum, s) => sum + s, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    shares[i]!++;
  }
  return shares;
}

interface Group {
  name: string | null;
  group?: 'none' | 'other';
  count: number;
  weight: number;
}

/** The named groups, then the rest folded into one "other" share, then "none", each with its percentage. */
function withShares<G extends Group>(named: G[], rest: G | null, none: G | null): (Omit<G, 'weight'> & ShareRow)[] {
  const groups = [...named, ...(rest ? [rest] : []), ...(none ? [none] : [])];
  const shares = percentages(groups.map((g) => g.weight));
  return groups.map(({ weight: _, ...g }, i) => ({ ...g, share: shares[i]! }));
}
const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);

/** The quarter `today` falls in, and the one before, as first days. */
function quarters(today: string) {
  const year = Number(today.slice(0, 4));
  const first = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3;
  const day = (y: number, m: number) => `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { current: day(year, first), previous: first === 0 ? day(year - 1, 9) : day(year, first - 3) };
}

/** Where finished to-dos went, by plan: the largest plans, the rest, and those in none. */
async function byPlan(repo: UserRepositories['insights'], since: Date) {
  const rows = await repo.finishedByPlan(since);
  const planned = rows.filter((row) => row.planId);
  const unplanned = rows.find((row) => !row.planId);
  const rest = planned.slice(NAMED);
  const group = (planId: string | null, name: string | null, count: number, kind?: Group['group']) => ({
    planId,
    name,
    ...(kind && { group: kind }),
    count,
    weight: count,
  });
  const shares = withShares(
    planned.slice(0, NAMED).map((row) => group(row.planId, row.title, row.count)),
    rest.length ? group(null, null, sum(rest), 'other') : null,
    unplanned ? group(null, null, unplanned.count, 'none') : null,
  );
  return { total: sum(rows), planned: planned.length, rows: shares };
}

/**
 * Where finished to-dos went, by tag. A to-do with several tags is shared among them (half each
 * for two), so the shares, with the untagged ones, add up to 100%.
 */
async function byTag(repo: UserRepositories['insights'], since: Date) {
  const tagsOf = new Map<string, string[]>();
  for (const { todoId, tag } of await repo.finishedTags(since)) {
    const tags = tagsOf.get(todoId) ?? [];
    if (tag) tags.push(tag);
    tagsOf.set(todoId, tags);
  }
  const tags = new Map<string, { count: number; weight: number; todos: Set<string> }>();
  let untagged = 0;
  for (const [todoId, names] of tagsOf) {
    if (!names.length) untagged++;
    for (const name of names) {
      const tag = tags.get(name) ?? { count: 0, weight: 0, todos: new Set<string>() };
      tag.count++;
      tag.weight += 1 / names.length;
      tag.todos.add(todoId);
      tags.set(name, tag);
    }
  }
  const ranked = [...tags].sort(([a, x], [b, y]) => y.weight - x.weight || y.count - x.count || (a < b ? -1 : 1));
  const rest = ranked.slice(NAMED);
  const restTodos = new Set(rest.flatMap(([, tag]) => [...tag.todos]));
  const rows = withShares<Group>(
    ranked.slice(0, NAMED).map(([name, tag]) => ({ name, count: tag.count, weight: tag.weight })),
    rest.length
      ? { name: null, group: 'other', count: restTodos.size, weight: rest.reduce((w, [, tag]) => w + tag.weight, 0) }
      : null,
    untagged ? { name: null, group: 'none', count: untagged, weight: untagged } : null,
  );
  const split = [...tagsOf.values()].some((names) => names.length > 1);
  return { total: tagsOf.size, tagged: tags.size, rows, split };
}

/** An insight before it is worded: its facts, where it leads, and the numbers the API shows. */
interface Entry {
  facts: InsightFacts;
  link: string | null;
  data: Record<string, unknown>;
}

/** Personal insights from the user's own data, each in plain words with the numbers behind it. */
export function createInsightsService(repos: Repositories, clock: Clock) {
  /** The user's current insights as facts, and the language they read in. */
  async function collect(actor: Actor, now: Date): Promise<{ entries: Entry[]; locale: DateLocale }> {
    const { profiles, insights: repo } = repos.for(actor);
    const profile = (await profiles.find())?.profile;
    const timezone = profile?.timezone ?? 'UTC';
    const locale = localeOf(profile?.locale);
    const today = todayIn(timezone, now);
    const last30 = new Date(now.getTime() - 30 * DAY_MS);
    const entries: Entry[] = [];
    const add = (facts: InsightFacts, link: string | null, data: Record<string, unknown>) => entries.push({ facts, link, data });

    // Skills from achievements this quarter against the one before.
    const quarter = quarters(today);
    const skills = (await repo.skillCounts(timezone, quarter.previous, quarter.current))
      .filter((s) => s.now > s.before)
      .sort((a, b) => b.now - a.now || (a.skill < b.skill ? -1 : 1))
      .slice(0, NAMED);
    if (skills.length) add({ kind: 'skills_trending', skills }, '/achievements', { skills });

    const pace = await repo.pace(now);
    if (pace.last4 > 0) {
      const numbers = { last4Weeks: pace.last4, previous4Weeks: pace.prev4 };
      add({ kind: 'pace', ...numbers }, '/todos?status=done', numbers);
    }
    const streak = await repo.streaks(timezone, today);
    if (streak.days >= 2 || streak.weeks >= 2) add({ kind: 'streak', ...streak }, null, streak);

    // Where the last 30 days went.
    const plans = await byPlan(repo, last30);
    if (plans.planned > 0) {
      const data = {
        total: plans.total,
        plans: plans.rows.map(({ name, ...row }) => ({ title: name, ...row })),
      };
      add({ kind: 'time_by_plan', total: plans.total, rows: plans.rows }, '/plans', data);
    }
    const tags = await byTag(repo, last30);
    if (tags.tagged > 0) {
      const data = { total: tags.total, tags: tags.rows.map(({ name, ...row }) => ({ tag: name, ...row })), split: tags.split };
      add({ kind: 'time_by_tag', ...tags }, '/todos?status=done', data);
    }

    // Goals at risk, with the projected date.
    for (const { userId: _, planId, title, ...risk } of await repo.plansAtRisk(today, now)) {
      add({ kind: 'plan_at_risk', planTitle: title, ...risk }, `/plans#${planId}`, { planId, planTitle: title, ...risk });
    }
    return { entries, locale };
  }

  return {
    async list(actor: Actor): Promise<{ items: Insight[]; generatedAt: string }> {
      const now = clock.now();
      const { entries, locale } = await collect(actor, now);
      const items = entries.map(({ facts, link, data }) => ({ kind: facts.kind, ...renderInsight(facts, locale), link, data }));
      return { items, generatedAt: now.toISOString() };
    },

    /** The current insights as facts, to be worded in any language later (the built-in monthly reflection). */
    facts: async (actor: Actor) => (await collect(actor, clock.now())).entries.map((entry) => entry.facts),
  };
}
export type InsightsService = ReturnType<typeof createInsightsService>;
