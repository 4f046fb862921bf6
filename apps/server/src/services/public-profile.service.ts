import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { PublicProfile } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import { achievements, focusItems, plans, profiles, users } from '../db/schema/index.ts';
import { notFound } from '../lib/problem.ts';

/**
 * The public profile at a handle: nothing unless the user published it, and then only the fields
 * and items they marked public. The e-mail address is never read here.
 */
export function createPublicProfileService(db: Db) {
  return {
    async get(handle: string): Promise<PublicProfile & { searchIndexable: boolean }> {
      const [found] = await db
        .select({ profile: profiles, displayName: users.displayName })
        .from(profiles)
        .innerJoin(users, eq(users.id, profiles.userId))
        .where(and(sql`lower(${profiles.handle}) = lower(${handle})`, eq(profiles.isPublic, true)))
        .limit(1);
      if (!found) throw notFound('Profile');
      const { profile } = found;
      const userId = profile.userId;
      const show = new Set(profile.publicFields);
      const [achievementRows, focusRows, planRows] = await Promise.all([
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
      ]);
      const skillCounts = new Map<string, number>();
      for (const row of achievementRows)
        for (const skill of row.skills) skillCounts.set(skill, (skillCounts.get(skill) ?? 0) + 1);
      return {
        handle: profile.handle!,
        displayName: found.displayName,
        ...(show.has('headline') && profile.headline ? { headline: profile.headline } : {}),
        ...(show.has('summary') && profile.summary ? { summary: profile.summary } : {}),
        ...(show.has('location') && profile.location ? { location: profile.location } : {}),
        ...(show.has('links') && profile.links.length ? { links: profile.links } : {}),
        ...(show.has('avatarUrl') && profile.avatarUrl ? { avatarUrl: profile.avatarUrl } : {}),
        locale: profile.locale as PublicProfile['locale'],
        searchIndexable: profile.searchIndexable,
        achievements: achievementRows.map((a) => ({
          title: a.title,
          description: a.description,
          quantifiableResults: a.quantifiableResults,
          skills: a.skills,
          achievedOn: a.achievedOn,
        })),
        focusItems: focusRows.map((f) => ({ title: f.title, description: f.description, progress: f.progress })),
        plans: planRows.map((plan) => ({
          title: plan.title,
          description: plan.description,
          targetDate: plan.targetDate,
          progress: plan.progress!,
        })),
        skills: [...skillCounts]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([name, count]) => ({ name, count })),
      };
    },
  };
}
export type PublicProfileService = ReturnType<typeof createPublicProfileService>;
