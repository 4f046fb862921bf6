import { eq, sql } from 'drizzle-orm';
import type { FocusItem } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { focusItems } from '../db/schema/index.ts';
import { FOCUS_ITEM_JSON } from './item-json.ts';
import { itemsRepository } from './items.repository.ts';
import { hasTag } from './tags.repository.ts';
import { containsText } from './text-filter.ts';

export type FocusItemRow = typeof focusItems.$inferSelect;

export interface FocusItemFilter {
  status?: FocusItem['status'] | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

const SPEC = {
  table: focusItems,
  kind: 'focus_item' as const,
  json: FOCUS_ITEM_JSON,
  position: 'last' as const,
  keysets: {
    position: {
      key: sql`${focusItems.position}`,
      type: 'float8' as const,
      direction: 'asc' as const,
      id: focusItems.id,
      valueOf: (row: FocusItemRow) => row.position,
      idOf: (row: FocusItemRow) => row.id,
      json: 'to_json(focus_items.position)',
    },
  },
  async where(filter: FocusItemFilter, db: Db, userId: string) {
    return [
      filter.status ? eq(focusItems.status, filter.status) : undefined,
      filter.tag ? hasTag('focus_item', focusItems.id, userId, filter.tag) : undefined,
      filter.q ? await containsText(db, filter.q, [focusItems.title, focusItems.description], focusItems.searchText) : undefined,
    ];
  },
};

/** The acting user's focus items. */
export const focusItemsRepository = (db: Executor, userId: string) => itemsRepository(SPEC, db, userId);
