import { and, eq, sql } from 'drizzle-orm';
import type { Plan } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { plans } from '../db/schema/index.ts';
import { PLAN_JSON } from './item-json.ts';
import { itemsRepository } from './items.repository.ts';
import { hasTag } from './tags.repository.ts';
import { containsText } from './text-filter.ts';

export type PlanRow = typeof plans.$inferSelect;

export interface PlanFilter {
  status?: Plan['status'] | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

const SPEC = {
  table: plans,
  kind: 'plan' as const,
  json: PLAN_JSON,
  position: 'last' as const,
  keysets: {
    position: {
      key: sql`${plans.position}`,
      type: 'float8' as const,
      direction: 'asc' as const,
      id: plans.id,
      valueOf: (row: PlanRow) => row.position,
      idOf: (row: PlanRow) => row.id,
      json: 'to_json(plans.position)',
    },
  },
  async where(filter: PlanFilter, db: Db, userId: string) {
    return [
      filter.status ? eq(plans.status, filter.status) : undefined,
      filter.tag ? hasTag('plan', plans.id, userId, filter.tag) : undefined,
      filter.q ? await containsText(db, filter.q, [plans.title, plans.description], plans.searchText) : undefined,
    ];
  },
};

/** The acting user's plans. */
export function plansRepository(db: Executor, userId: string) {
  return {
    ...itemsRepository(SPEC, db, userId),

    /** Moves a planned plan whose status was not set by hand to in progress. */
    async start(planId: string) {
      await db
        .update(plans)
        .set({ status: 'in_progress' })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.status, 'planned'), eq(plans.statusByHand, false)));
    },
  };
}
