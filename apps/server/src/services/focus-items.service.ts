import { eq, sql } from 'drizzle-orm';
import type { FocusItem } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import { focusItems } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { iso } from '../lib/text.ts';
import { FOCUS_ITEM_JSON } from '../repositories/item-json.ts';
import type { Keyset } from '../repositories/paging.ts';
import { endPosition } from '../repositories/owned.ts';
import { hasTag } from '../repositories/tags.repository.ts';
import { containsText } from '../repositories/text-filter.ts';
import type { Actor } from '../lib/actor.ts';
import { createItemCrud } from './item-crud.ts';

type Row = typeof focusItems.$inferSelect;

const toDto = (row: Row, tags: string[]): FocusItem => ({
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

const byPosition: Keyset<Row> = {
  key: sql`${focusItems.position}`,
  type: 'float8',
  direction: 'asc',
  id: focusItems.id,
  valueOf: (row) => row.position,
  idOf: (row) => row.id,
  json: 'to_json(focus_items.position)',
};

export function createFocusItemsService(db: Db, clock: Clock) {
  const crud = createItemCrud({
    db,
    clock,
    table: focusItems,
    kind: 'focus_item',
    label: 'Focus item',
    toDto,
    json: FOCUS_ITEM_JSON,
    defaults: async (executor, actor) => ({ position: await endPosition(executor, focusItems, actor.userId, 'last') }),
  });

  return {
    ...crud,
    async list(
      actor: Actor,
      query: {
        status?: FocusItem['status'] | undefined;
        tag?: string | undefined;
        q?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      return crud.listPage(
        actor,
        [
          query.status ? eq(focusItems.status, query.status) : undefined,
          query.tag ? hasTag('focus_item', focusItems.id, actor.userId, query.tag) : undefined,
          query.q
            ? await containsText(db, query.q, [focusItems.title, focusItems.description], focusItems.searchText)
            : undefined,
        ],
        byPosition,
        query,
      );
    },
  };
}
export type FocusItemsService = ReturnType<typeof createFocusItemsService>;
