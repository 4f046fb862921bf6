import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { achievements, focusItems, reports, suggestions, todos } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { skillOccurrences } from './facts.ts';
import { ownedItems } from './owned.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from './paging.ts';

export type SuggestionRow = typeof suggestions.$inferSelect;
export type SuggestionValues = Omit<typeof suggestions.$inferInsert, 'id' | 'userId'>;

const newestFirst: Keyset<SuggestionRow> = {
  key: sql`${suggestions.createdAt}`,
  type: 'timestamptz',
  direction: 'desc',
  id: suggestions.id,
  valueOf: (row) => row.createdAt.toISOString(),
  idOf: (row) => row.id,
};

/** The acting user's suggestions, and what they are made from: the items that prompt them. */
export function suggestionsRepository(db: Executor, userId: string) {
  const own = (id: string) => and(idEq(suggestions.id, id), eq(suggestions.userId, userId));
  const pending = (id: string) => and(own(id), eq(suggestions.status, 'pending'));

  return {
    async list(status: string | undefined, page: { limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(suggestions)
        .where(
          and(
            eq(suggestions.userId, userId),
            status ? eq(suggestions.status, status) : undefined,
            afterCursor(newestFirst, page.cursor),
          ),
        )
        .orderBy(...orderByKeyset(newestFirst))
        .limit(page.limit + 1);
      return toPage(rows, page.limit, newestFirst);
    },

    async find(id: string): Promise<SuggestionRow | undefined> {
      const [row] = await db.select().from(suggestions).where(own(id));
      return row;
    },

    /** Decides a pending suggestion; undefined when it is not pending (or not the user's). */
    async decide(id: string, status: 'accepted' | 'rejected', now: Date): Promise<SuggestionRow | undefined> {
      const [row] = await db.update(suggestions).set({ status, decidedAt: now }).where(pending(id)).returning();
      return row;
    },

    /** Puts an accepted suggestion back to pending, when what it was to create could not be. */
    async reopen(id: string) {
      await db.update(suggestions).set({ status: 'pending', decidedAt: null }).where(own(id));
    },

    /** Keeps what was accepted: the item created, and the suggestion as the person edited it. */
    async recordResult(id: string, values: Partial<SuggestionValues>): Promise<SuggestionRow> {
      const [row] = await db.update(suggestions).set(values).where(own(id)).returning();
      return row!;
    },

    async madeSince(since: Date): Promise<boolean> {
      const [row] = await db
        .select({ id: suggestions.id })
        .from(suggestions)
        .where(and(eq(suggestions.userId, userId), gte(suggestions.createdAt, since)))
        .limit(1);
      return Boolean(row);
    },

    /** The new suggestion's id; undefined when the same one was already made (its dedupe key). */
    async insert(values: SuggestionValues): Promise<string | undefined> {
      const [row] = await db
        .insert(suggestions)
        .values({ ...values, userId })
        .onConflictDoNothing()
        .returning({ id: suggestions.id });
      return row?.id;
    },

    /** The titles already on the anchor page, so nothing is proposed twice. */
    async pageTitles() {
      const [a, f] = await Promise.all([
        db
          .select({ title: achievements.title })
          .from(achievements)
          .where(and(eq(achievements.userId, userId), isNull(achievements.deletedAt))),
        db
          .select({ title: focusItems.title })
          .from(focusItems)
          .where(and(eq(focusItems.userId, userId), isNull(focusItems.deletedAt))),
      ]);
      return { achievements: a.map((r) => r.title), focus: f.map((r) => r.title) };
    },

    /** The skills the user's live achievements list, most used first. */
    async knownSkills(): Promise<string[]> {
      const occurrences = skillOccurrences(sql`${userId}::uuid`, sql`'UTC'`);
      const rows = await queryRows<{ skill: string }>(
        db,
        sql`select skill from (${occurrences}) s group by skill order by count(*) desc, skill limit 200`,
      );
      return rows.map((r) => r.skill);
    },

    /** The live to-do, achievement or report that prompts a suggestion. */
    todo: (id: string) => ownedItems(todos).find(db, userId, id),
    achievement: (id: string) => ownedItems(achievements).find(db, userId, id),
    report: (id: string) => ownedItems(reports).find(db, userId, id),
  };
}
