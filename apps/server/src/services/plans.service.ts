import type { Plan } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { PlanFilter, PlanRow } from '../repositories/plans.repository.ts';
import { createItemCrud } from './item-crud.ts';

const toDto = (row: PlanRow, tags: string[]): Plan => ({
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

export function createPlansService(repos: Repositories, clock: Clock) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.plans, label: 'Plan', toDto });

  return {
    remove: crud.remove,
    get: crud.get,
    create: crud.create,
    /** A status the person sets is theirs: finishing a linked to-do no longer moves it. */
    update: (actor: Actor, id: string, input: Parameters<typeof crud.update>[2] & { status?: string | undefined }) =>
      crud.update(actor, id, input, input.status !== undefined ? { statusByHand: true } : {}),

    list: (actor: Actor, query: PlanFilter & { limit: number; cursor?: string | undefined }) =>
      crud.list(actor, query, 'position', query),
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
