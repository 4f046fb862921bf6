import { and, gt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import { endPosition, ownedItems, type OwnedTable } from './owned.ts';

/** The queries behind moving an item in the order the person made (see services/item-order.ts). */
export interface HandOrder {
  /** Holds the user's order until the transaction ends: two moves at once would otherwise read the same neighbours. */
  lockOrder(): Promise<void>;
  /** The position before the first item. */
  firstPosition(): Promise<number>;
  /** The position of the live item right after `position`, `id` aside; null when none follows. */
  nextPosition(position: number, id: string): Promise<number | null>;
  /** Spreads the items evenly again, in their current order. */
  renumber(): Promise<void>;
}

/**
 * A hand-made order over one user's rows of `table` (those in `scope`, where a table holds several
 * lists). `lockKey` is the first key of the advisory lock that serialises the user's moves in it
 * (the second is the user).
 */
export function handOrder(
  db: Executor,
  table: OwnedTable & { position: AnyPgColumn },
  userId: string,
  lockKey: number,
  scope?: SQL,
): HandOrder {
  const owned = ownedItems(table, scope);
  return {
    async lockOrder() {
      await db.execute(sql`select pg_advisory_xact_lock(${lockKey}, hashtext(${userId}))`);
    },

    firstPosition: () => endPosition(db, table, userId, 'first', scope),

    async nextPosition(position, id) {
      const [next]: { position: number }[] = await (db as any)
        .select({ position: table.position })
        .from(table)
        .where(and(owned.ownedBy(userId), gt(table.position, position), sql`${table.id} <> ${id}`))
        .orderBy(table.position)
        .limit(1);
      return next?.position ?? null;
    },

    async renumber() {
      await db.execute(sql`
        update ${table} t set position = r.n * 1024
        from (select id, row_number() over (order by position, id) as n from ${table}
              where ${and(sql`user_id = ${userId}`, scope)}) r
        where t.id = r.id`);
    },
  };
}
