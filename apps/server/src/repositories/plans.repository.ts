import { and, eq, isNull } from 'drizzle-orm';
import type { Plan } from '@career-anchor/contracts';
import type { Executor } from '../db/client.ts';
import { plans } from '../db/schema/index.ts';
import { PLAN_JSON } from './item-json.ts';
import { itemsRepository, orderedItemSpec, type StatusTagTextFilter } from './items.repository.ts';

export type PlanRow = typeof plans.$inferSelect;
export type PlanFilter = StatusTagTextFilter<Plan['status']>;

const SPEC = orderedItemSpec<typeof plans, Plan['status']>(plans, { sql: 'plans', kind: 'plan' }, PLAN_JSON, [
  plans.title,
  plans.description,
]);

/** The acting user's plans. */
export function plansRepository(db: Executor, userId: string) {
  return {
    ...itemsRepository(SPEC, db, userId),

    /** The names of the user's live plans, in their order, for quick add's `+plan`. */
    names(): Promise<{ id: string; name: string }[]> {
      return db
        .select({ id: plans.id, name: plans.title })
        .from(plans)
        .where(and(eq(plans.userId, userId), isNull(plans.deletedAt)))
        .orderBy(plans.position, plans.id);
    },

    /** Moves a planned plan whose status was not set by hand to in progress. */
    async start(planId: string) {
      await db
        .update(plans)
        .set({ status: 'in_progress' })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.status, 'planned'), eq(plans.statusByHand, false)));
    },
  };
}
