import { and, eq, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { CareerSection, TrashKind } from '@career-anchor/contracts';
import { queryRows, type Db, type Executor } from '../db/client.ts';
import { achievements, careerEntries, focusItems, plans, reports, todos } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { deleteItemTags } from './tags.repository.ts';

const TABLES = {
  todo: todos,
  plan: plans,
  achievement: achievements,
  focus_item: focusItems,
  report: reports,
  career_entry: careerEntries,
} as const;

/** What each kind is called in the list (a career entry may have no name: then its section names it, in the service). */
const TITLES: Partial<Record<TrashKind, SQL>> = {
  report: sql`coalesce(nullif(title, ''), type || ' ' || period_start)`,
};

/** The deletion time in full (microseconds), so a page never splits rows deleted in one millisecond. */
const KEY = sql`to_char(t.deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface TrashRow {
  kind: TrashKind;
  id: string;
  title: string;
  /** A career entry's section; null for other kinds. */
  section: CareerSection | null;
  deleted_at: string | Date;
  /** The cursor key: the deletion time to the microsecond. */
  key: string;
}

/** The acting user's deleted items, of every kind. */
export function trashRepository(db: Executor, userId: string) {
  return {
    /** Newest deletion first, after the (deletion time, id) pair given; one row more than `limit` tells a next page. */
    list(page: { after?: readonly [string, string] | undefined; limit: number }) {
      const parts = Object.entries(TABLES).map(
        ([kind, table]) =>
          sql`select ${kind}::text as kind, id, ${TITLES[kind as TrashKind] ?? sql`title`} as title,
                     ${kind === 'career_entry' ? sql`section` : sql`null::text`} as section, deleted_at
              from ${table} where user_id = ${userId} and deleted_at is not null`,
      );
      const { after } = page;
      return queryRows<TrashRow>(
        db,
        sql`select kind, id, title, section, deleted_at, ${KEY} as key from (${sql.join(parts, sql` union all `)}) t
            ${after ? sql`where (t.deleted_at, t.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
            order by t.deleted_at desc, t.id desc limit ${page.limit + 1}`,
      );
    },

    /** Takes an item out of the trash; false if it is not there. */
    async restore(kind: TrashKind, id: string, now: Date): Promise<boolean> {
      const table = TABLES[kind];
      const rows = await (db as any)
        .update(table)
        .set({ deletedAt: null, updatedAt: now })
        .where(and(idEq(table.id, id), eq(table.userId, userId), isNotNull(table.deletedAt)))
        .returning({ id: table.id });
      return rows.length > 0;
    },
  };
}

/** The scheduled purge: it clears every user's expired trash at once. */
export function trashSweep(db: Db) {
  return {
    /** Removes for good, with their tags, items deleted before `cutoff`; one transaction per kind. */
    async purge(cutoff: Date): Promise<number> {
      let purged = 0;
      for (const [kind, table] of Object.entries(TABLES)) {
        await db.transaction(async (tx) => {
          const rows: { id: string; userId: string }[] = await (tx as any)
            .delete(table)
            .where(lt(table.deletedAt, cutoff))
            .returning({ id: table.id, userId: table.userId });
          for (const [userId, items] of Map.groupBy(rows, (row) => row.userId)) {
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
