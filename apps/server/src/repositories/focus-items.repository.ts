import type { FocusItem } from '@career-anchor/contracts';
import type { Executor } from '../db/client.ts';
import { focusItems } from '../db/schema/index.ts';
import { FOCUS_ITEM_JSON } from './item-json.ts';
import { itemsRepository, orderedItemSpec, type StatusTagTextFilter } from './items.repository.ts';

export type FocusItemRow = typeof focusItems.$inferSelect;
export type FocusItemFilter = StatusTagTextFilter<FocusItem['status']>;

const SPEC = orderedItemSpec<typeof focusItems, FocusItem['status']>(
  focusItems,
  { sql: 'focus_items', kind: 'focus_item' },
  FOCUS_ITEM_JSON,
  [focusItems.title, focusItems.description],
);

/** The acting user's focus items. */
export const focusItemsRepository = (db: Executor, userId: string) => itemsRepository(SPEC, db, userId);
