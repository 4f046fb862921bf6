import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  achievements,
  aiCalls,
  focusItems,
  notifications,
  plans,
  reports,
  suggestions,
  todos,
  users,
} from '../db/schema/index.ts';

/** The item tables an export document holds, by their key in the document. */
const ITEMS = { plans, todos, achievements, focusItems, reports } as const;
export type ItemKey = keyof typeof ITEMS;

const CHUNK = 500;
const chunks = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** The acting user's whole account, read for an export and written by an import. */
export function transferRepository(db: Executor, userId: string) {
  const anyDb = db as any; // drizzle's generics do not follow a table picked by key

  return {
    async account() {
      const [row] = await db
        .select({ email: users.email, displayName: users.displayName, createdAt: users.createdAt })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },

    /** Every row the user owns that an export holds, trash included, each list in its display order. */
    async rows() {
      const [planRows, todoRows, achievementRows, focusRows, reportRows, suggestionRows, notificationRows, aiRows] =
        await Promise.all([
          db.select().from(plans).where(eq(plans.userId, userId)).orderBy(plans.position),
          db.select().from(todos).where(eq(todos.userId, userId)).orderBy(todos.position, todos.id),
          db.select().from(achievements).where(eq(achievements.userId, userId)).orderBy(achievements.createdAt),
          db.select().from(focusItems).where(eq(focusItems.userId, userId)).orderBy(focusItems.position),
          db.select().from(reports).where(eq(reports.userId, userId)).orderBy(reports.periodStart),
          db.select().from(suggestions).where(eq(suggestions.userId, userId)).orderBy(suggestions.createdAt),
          db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt),
          db.select().from(aiCalls).where(eq(aiCalls.userId, userId)).orderBy(aiCalls.createdAt),
        ]);
      return {
        plans: planRows,
        todos: todoRows,
        achievements: achievementRows,
        focusItems: focusRows,
        reports: reportRows,
        suggestions: suggestionRows,
        notifications: notificationRows,
        aiCalls: aiRows,
      };
    },

    /**
     * The user's items of one kind that the given file ids already stand for: those imported from
     * them before (by origin), and the user's own items when they import their own export.
     * Maps each file id to the item's id.
     */
    async existing(key: ItemKey, fileIds: string[]): Promise<Map<string, string>> {
      const table = ITEMS[key];
      const found = new Map<string, string>();
      for (const part of chunks(fileIds)) {
        const imported: { id: string; originId: string }[] = await anyDb
          .select({ id: table.id, originId: table.originId })
          .from(table)
          .where(and(eq(table.userId, userId), inArray(table.originId, part)));
        for (const row of imported) found.set(row.originId, row.id);
        const own: { id: string }[] = await anyDb
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.userId, userId), inArray(table.id, part)));
        for (const row of own) found.set(row.id, row.id);
      }
      return found;
    },

    /** Inserts imported items of one kind (rows as the table stores them), in chunks. */
    async insert(key: ItemKey, rows: Record<string, unknown>[]) {
      for (const part of chunks(rows)) {
        await anyDb.insert(ITEMS[key]).values(part.map((row) => ({ ...row, userId })));
      }
    },
  };
}
