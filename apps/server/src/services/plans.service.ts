import { and, eq, sql } from 'drizzle-orm';
import type { Plan } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { plans } from '../db/schema/index.ts';
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
  progress: row.progress!,
  progressOverride: row.progressOverride,
  todoCounts: { total: row.todoTotal, done: row.todoDone },
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

export function createPlansService(db: Db, clock: Clock) {
  const crud = createItemCrud({
    db,
    clock,
    table: plans,
    kind: 'plan',
    label: 'Plan',
    toDto,
    json: PLAN_JSON,
    defaults: async (executor, actor) => ({ position: await endPosition(executor, plans, actor.userId, 'last') }),
  });

  return {
    findOrThrow: crud.findOrThrow,
    remove: crud.remove,
    deleteTags: crud.deleteTags,
    get: crud.get,
    create: crud.create,
    /** A status the person sets is theirs: finishing a linked to-do no longer moves it. */
    update: (actor: Actor, id: string, input: Parameters<typeof crud.update>[2] & { status?: string | undefined }) =>
      crud.update(actor, id, input, input.status !== undefined ? { statusByHand: true } : {}),

    /** A planned plan starts (in progress) when one of its to-dos is finished, unless its status was set by hand. */
    startOnProgress: (executor: Executor, actor: Actor, planId: string) =>
      executor
        .update(plans)
        .set({ status: 'in_progress' })
        .where(
          and(eq(plans.userId, actor.userId), eq(plans.id, planId), eq(plans.status, 'planned'), eq(plans.statusByHand, false)),
        ),

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
