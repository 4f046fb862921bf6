import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { achievements, careerEntries, dataVersions, focusItems, plans, profiles, users } from '../db/schema/index.ts';
import { skillOccurrences } from './facts.ts';

/**
 * Published profiles, by handle: read by whoever visits, so bound to no user. Only what the
 * owner marked public is read (never the e-mail address).
 */
export function publicProfilesRepository(db: Db) {
  return {
    /**
     * The published profile at `handle` (ignoring case), with its owner's display name and data
     * version (which moves with every write to what the page shows).
     */
    async find(handle: string) {
      const [found] = await db
        .select({
          profile: profiles,
          displayName: users.displayName,
          dataVersion: sql<string | null>`${dataVersions.version}::text`,
        })
        .from(profiles)
        .innerJoin(users, eq(users.id, profiles.userId))
        .leftJoin(dataVersions, eq(dataVersions.userId, profiles.userId))
        .where(and(sql`lower(${profiles.handle}) = lower(${handle})`, eq(profiles.isPublic, true)))
        .limit(1);
      return found;
    },

    /** The owner's public items (live; focus items not done, plans not dropped) and public skills with counts. */
    async items(userId: string, timezone: string) {
      const [achievementRows, focusRows, planRows, skills] = await Promise.all([
        db
          .select()
          .from(achievements)
          .where(and(eq(achievements.userId, userId), eq(achievements.isPublic, true), isNull(achievements.deletedAt)))
          .orderBy(sql`${achievements.achievedOn} desc nulls last`, desc(achievements.createdAt))
          .limit(200),
        db
          .select()
          .from(focusItems)
          .where(
            and(
              eq(focusItems.userId, userId),
              eq(focusItems.isPublic, true),
              isNull(focusItems.deletedAt),
              sql`${focusItems.status} <> 'done'`,
            ),
          )
          .orderBy(focusItems.position)
          .limit(50),
        db
          .select()
          .from(plans)
          .where(
            and(eq(plans.userId, userId), eq(plans.isPublic, true), isNull(plans.deletedAt), sql`${plans.status} <> 'dropped'`),
          )
          .orderBy(plans.position)
          .limit(50),
        queryRows<{ name: string; count: number }>(
          db,
          sql`select skill as name, count(*)::int as count
              from (${skillOccurrences(sql`${userId}`, sql`${timezone}`, { publicOnly: true })}) o group by skill`,
        ),
      ]);
      return { achievements: achievementRows, focusItems: focusRows, plans: planRows, skills };
    },

    /** The owner's public career entries (live), section by section, each in the owner's order. */
    career(userId: string) {
      return db
        .select()
        .from(careerEntries)
        .where(and(eq(careerEntries.userId, userId), eq(careerEntries.isPublic, true), isNull(careerEntries.deletedAt)))
        .orderBy(asc(careerEntries.section), asc(careerEntries.position), asc(careerEntries.id))
        .limit(2000);
    },
  };
}
