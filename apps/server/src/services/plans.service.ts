import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Plan } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { plans, todos } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import { endPosition } from '../repositories/owned.ts';
import { PLAN_JSON } from '../repositories/item-json.ts';
import type { Keyset } from '../repositories/paging.ts';
import { hasTag } from '../repositories/tags.repository.ts';
import { containsText } from '../repositories/text-filter.ts';
import type { Actor } from '../lib/actor.ts';
import { createItemCrud } from './item-crud.ts';

type Row = typeof plans.$inferSelect;

const toDto = (row: Row, tags: string[]): Plan => ({
  id: row.id,
  title: row.title,
  description: row.description,
  targetDate: row.targetDate,
  status: row.status as Plan['status'],
  progress: row.progressOverride ?? 0,
  progressOverride: row.progressOverride,
  todoCounts: { total: 0, done: 0 },
  tags,
  isPublic: row.isPublic,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const byPosition: Keyset<Row> = {
  key: sql`${plans.position}`,
  type: 'float8',
  direction: 'asc',
  id: plans.id,
  valueOf: (row) => row.position,
  idOf: (row) => row.id,
  json: 'to_json(plans.position)',
};

/** Linked live to-dos per plan: how many, and how many are done. */
async function todoCounts(db: Executor, userId: string, planIds: string[]) {
  const counts = new Map<string, { total: number; done: number }>();
  if (planIds.length === 0) return counts;
  const rows = await db
    .select({
      planId: todos.planId,
      total: sql<number>`count(*)::int`,
      done: sql<number>`(count(*) filter (where ${todos.status} = 'done'))::int`,
    })
    .from(todos)
    .where(and(eq(todos.userId, userId), isNull(todos.deletedAt), inArray(todos.planId, planIds)))
    .groupBy(todos.planId);
  for (const row of rows) counts.set(row.planId!, { total: row.total, done: row.done });
  return counts;
}

/** A plan's progress is the share of its linked to-dos that are done, unless set by hand. */
export function derivedProgress(counts: { total: number; done: number }): number {
  return counts.total === 0 ? 0 : Math.round((counts.done / counts.total) * 100);
}

/** A plan read as JSON (PLAN_JSON) carries its counts; its progress follows from them here. */
export const withDerivedProgress = (plan: Plan): Plan => {
  plan.progress = plan.progressOverride ?? derivedProgress(plan.todoCounts);
  return plan;
};

export function createPlansService(db: Db, clock: Clock) {
  const crud = createItemCrud({
    db,
    clock,
    table: plans,
    kind: 'plan',
    label: 'Plan',
    toDto,
    json: PLAN_JSON,
    fromJson: withDerivedProgress,
    defaults: async (executor, actor) => ({ position: await endPosition(executor, plans, actor.userId, 'last') }),
  });

  async function withProgress(userId: string, items: Plan[]): Promise<Plan[]> {
    const counts = await todoCounts(
      db,
      userId,
      items.map((plan) => plan.id),
    );
    return items.map((plan) => {
      const todoCounts = counts.get(plan.id) ?? { total: 0, done: 0 };
      return { ...plan, todoCounts, progress: plan.progressOverride ?? derivedProgress(todoCounts) };
    });
  }
  const one = async (userId: string, plan: Plan) => (await withProgress(userId, [plan]))[0]!;

  return {
    findOrThrow: crud.findOrThrow,
    remove: crud.remove,
    deleteTags: crud.deleteTags,
    get: async (actor: Actor, id: string) => one(actor.userId, await crud.get(actor, id)),
    create: async (actor: Actor, input: Parameters<typeof crud.create>[1]) => one(actor.userId, await crud.create(actor, input)),
    update: async (actor: Actor, id: string, input: Parameters<typeof crud.update>[2]) =>
      one(actor.userId, await crud.update(actor, id, input)),

    async list(
      actor: Actor,
      query: {
        status?: Plan['status'] | undefined;
        tag?: string | undefined;
        q?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      // Read as JSON, each plan comes with its to-do counts and progress (fromJson).
      return crud.listPage(
        actor,
        [
          query.status ? eq(plans.status, query.status) : undefined,
          query.tag ? hasTag('plan', plans.id, actor.userId, query.tag) : undefined,
          query.q ? await containsText(db, query.q, [plans.title, plans.description], plans.searchText) : undefined,
        ],
        byPosition,
        query,
      );
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
