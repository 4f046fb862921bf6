import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { TrashKind } from '@career-anchor/contracts';
import { queryRows, type Db } from '../db/client.ts';
import { achievements, focusItems, plans, reports, todos } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import { iso } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import { decodeCursor, encodeCursor, pageFrom } from '../repositories/paging.ts';
import { deleteItemTags } from '../repositories/tags.repository.ts';
import type { Actor } from '../lib/actor.ts';

export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

const TABLES = { todo: todos, plan: plans, achievement: achievements, focus_item: focusItems, report: reports } as const;

/** The deletion time in full (microseconds), so a page never splits rows deleted in one millisecond. */
const KEY = sql`to_char(t.deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** Deleted items wait here for 30 days, restorable, before a scheduled purge removes them. */
export function createTrashService(db: Db, clock: Clock) {
  return {
    /** Newest deletion first, a page at a time (keyset on the deletion time to the microsecond, then id). */
    async list(actor: Actor, page: { limit: number; cursor?: string | undefined }) {
      const parts = Object.entries(TABLES).map(
        ([kind, table]) =>
          sql`select ${kind}::text as kind, id, ${kind === 'report' ? sql`coalesce(nullif(title, ''), type || ' ' || period_start)` : sql`title`} as title, deleted_at
              from ${table} where user_id = ${actor.userId} and deleted_at is not null`,
      );
      const after = page.cursor ? decodeCursor(page.cursor, 'timestamptz') : undefined;
      const rows = await queryRows<{ kind: TrashKind; id: string; title: string; deleted_at: string | Date; key: string }>(
        db,
        sql`select kind, id, title, deleted_at, ${KEY} as key from (${sql.join(parts, sql` union all `)}) t
            ${after ? sql`where (t.deleted_at, t.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
            order by t.deleted_at desc, t.id desc limit ${page.limit + 1}`,
      );
      const shown = pageFrom(rows, page.limit, (last) => encodeCursor(last.key, last.id));
      return {
        items: shown.rows.map((row) => {
          const deletedAt = new Date(row.deleted_at);
          return {
            kind: row.kind,
            id: row.id,
            title: row.title,
            deletedAt: iso(deletedAt),
            purgeAfter: iso(new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS)),
          };
        }),
        nextCursor: shown.nextCursor,
      };
    },

    async restore(actor: Actor, kind: TrashKind, id: string) {
      const table = TABLES[kind];
      const rows = await (db as any)
        .update(table)
        .set({ deletedAt: null, updatedAt: clock.now() })
        .where(and(idEq(table.id, id), eq(table.userId, actor.userId), isNotNull(table.deletedAt)))
        .returning({ id: table.id });
      if (rows.length === 0) throw notFound('Deleted item');
    },

    /** Removes for good what has been in the trash longer than the retention period. */
    async purge(): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - TRASH_DAYS * DAY_MS);
      let purged = 0;
      for (const [kind, table] of Object.entries(TABLES)) {
        await db.transaction(async (tx) => {
          const rows: { id: string; userId: string }[] = await (tx as any)
            .delete(table)
            .where(lt(table.deletedAt, cutoff))
            .returning({ id: table.id, userId: table.userId });
          const byUser = Map.groupBy(rows, (row) => row.userId);
          for (const [userId, items] of byUser) {
            await deleteItemTags(
              tx,
              userId,
              kind as TrashKind,
              items.map((row) => row.id),
            );
          }
          purged += rows.length;
        });
      }
      return purged;
    },
  };
}
export type TrashService = ReturnType<typeof createTrashService>;
