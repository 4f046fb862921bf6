import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { achievements, profiles, users } from '../db/schema/index.ts';

export type NewAchievement = Omit<typeof achievements.$inferInsert, 'userId'>;

/** What a JSON Resume is made from, and where an imported one goes: the acting user's account, profile and achievements. */
export function jsonResumeRepository(db: Executor, userId: string) {
  return {
    /** The account's name and e-mail with its profile. */
    async owner() {
      const [row] = await db
        .select({ user: { displayName: users.displayName, email: users.email }, profile: profiles })
        .from(users)
        .innerJoin(profiles, eq(profiles.userId, users.id))
        .where(eq(users.id, userId));
      return row;
    },

    /** Live achievements, oldest first. */
    achievements() {
      return db
        .select()
        .from(achievements)
        .where(and(eq(achievements.userId, userId), isNull(achievements.deletedAt)))
        .orderBy(achievements.achievedOn);
    },

    /** Which of these origins the user's achievements already came from. */
    async knownOrigins(originIds: string[]): Promise<Set<string | null>> {
      if (originIds.length === 0) return new Set();
      const rows = await db
        .select({ originId: achievements.originId })
        .from(achievements)
        .where(and(eq(achievements.userId, userId), inArray(achievements.originId, originIds)));
      return new Set(rows.map((row) => row.originId));
    },

    async insertAchievements(rows: NewAchievement[]) {
      if (rows.length) await db.insert(achievements).values(rows.map((row) => ({ ...row, userId })));
    },
  };
}
