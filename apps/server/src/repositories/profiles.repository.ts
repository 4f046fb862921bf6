import { eq, sql } from 'drizzle-orm';
import type { Profile } from '@career-anchor/contracts';
import { readRows, type Db, type Executor } from '../db/client.ts';
import { profiles, users } from '../db/schema/index.ts';

export type ProfileRow = typeof profiles.$inferSelect;

/** The profile as its API shape, built by PostgreSQL (read on every anchor page); $1 is the user. */
export const PROFILE_JSON = `
  select json_build_object(
    'displayName', u.display_name, 'headline', p.headline, 'summary', p.summary, 'location', p.location,
    'links', p.links, 'avatarUrl', p.avatar_url, 'email', p.email, 'phone', p.phone, 'url', p.url,
    'address', p.address, 'resumeExtra', p.resume_extra, 'handle', p.handle, 'isPublic', p.is_public,
    'publicFields', p.public_fields, 'searchIndexable', p.search_indexable, 'locale', p.locale,
    'timezone', p.timezone) as profile
  from profiles p join users u on u.id = p.user_id where p.user_id = $1`;

/** The acting user's profile. */
export function profilesRepository(db: Executor, userId: string) {
  return {
    /** The profile as the API shows it; a statement built once (read on every anchor page). */
    async json(): Promise<Profile | undefined> {
      const [row] = await readRows<{ profile: Profile }>(db as Db, PROFILE_JSON, [userId]);
      return row?.profile;
    },

    find: () => findProfile(db, userId),

    /** The user's time zone (UTC when there is no profile). */
    timezone: () => findTimezone(db as Db, userId),

    async update(values: Partial<typeof profiles.$inferInsert>, now: Date) {
      await db
        .update(profiles)
        .set({ ...values, updatedAt: now })
        .where(eq(profiles.userId, userId));
    },

    async updateDisplayName(displayName: string, now: Date) {
      await db.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, userId));
    },

    /** Whether another user holds this handle, ignoring case. */
    async isHandleTaken(handle: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: profiles.userId })
        .from(profiles)
        .where(sql`lower(${profiles.handle}) = lower(${handle}) and ${profiles.userId} <> ${userId}`)
        .limit(1);
      return Boolean(row);
    },
  };
}

async function findProfile(db: Executor, userId: string) {
  const [row] = await db
    .select({ profile: profiles, displayName: users.displayName })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(eq(profiles.userId, userId));
  return row;
}

/** The user's time zone (read on many requests: a statement of its own, no query builder). */
async function findTimezone(db: Db, userId: string): Promise<string> {
  const [row] = await readRows<{ timezone: string }>(db, 'select timezone from profiles where user_id = $1', [userId]);
  return row?.timezone ?? 'UTC';
}
