import type { FocusItem } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import type { FocusItemFilter, FocusItemRow } from '../repositories/focus-items.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import { createItemCrud } from './item-crud.ts';

const toDto = (row: FocusItemRow, tags: string[]): FocusItem => ({
  id: row.id,
  title: row.title,
  description: row.description,
  status: row.status as FocusItem['status'],
  progress: row.progress,
  tags,
  isPublic: row.isPublic,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export function createFocusItemsService(repos: Repositories, clock: Clock) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.focusItems, label: 'Focus item', toDto });

  return {
    get: crud.get,
    create: crud.create,
    update: crud.update,
    remove: crud.remove,
    /** In the user's order. */
    list: (actor: Actor, query: FocusItemFilter & { limit: number; cursor?: string | undefined }) =>
      crud.list(actor, query, 'position', query),
  };
}
export type FocusItemsService = ReturnType<typeof createFocusItemsService>;
