import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { assistantCalls, assistantSettings } from '../db/schema/index.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from './paging.ts';

export type AssistantSettingsRow = typeof assistantSettings.$inferSelect;
export type AssistantCallRow = typeof assistantCalls.$inferSelect;
export type AssistantCallValues = Omit<typeof assistantCalls.$inferInsert, 'id' | 'userId'>;

const newestFirst: Keyset<AssistantCallRow> = {
  key: sql`${assistantCalls.createdAt}`,
  type: 'timestamptz',
  direction: 'desc',
  id: assistantCalls.id,
  valueOf: (row) => row.createdAt.toISOString(),
  idOf: (row) => row.id,
};

/** The acting user's trust settings for assistants, and the log of what they did. */
export function assistantsRepository(db: Executor, userId: string) {
  return {
    async settings(): Promise<AssistantSettingsRow | undefined> {
      const [row] = await db.select().from(assistantSettings).where(eq(assistantSettings.userId, userId));
      return row;
    },

    async saveSettings(values: { requireApproval?: boolean | undefined; perClientRatePerMin?: number | undefined }, now: Date) {
      const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
      const [row] = await db
        .insert(assistantSettings)
        .values({ userId, ...set, updatedAt: now })
        .onConflictDoUpdate({ target: assistantSettings.userId, set: { ...set, updatedAt: now } })
        .returning();
      return row!;
    },

    async logCall(values: AssistantCallValues) {
      await db.insert(assistantCalls).values({ ...values, userId });
    },

    async calls(page: { limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(assistantCalls)
        .where(and(eq(assistantCalls.userId, userId), afterCursor(newestFirst, page.cursor)))
        .orderBy(...orderByKeyset(newestFirst))
        .limit(page.limit + 1);
      return toPage(rows, page.limit, newestFirst);
    },
  };
}
