import type { Profile } from '@career-anchor/contracts';
import { readRows, type Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { conflict, notFound } from '../lib/problem.ts';
import * as profilesRepo from '../repositories/profiles.repository.ts';
import type { Actor } from './actor.ts';

type ProfileInput = Partial<Omit<Profile, 'links'> & { links: { label: string; url: string }[] }>;

const HANDLE_TAKEN = 'This handle is already taken.';

/** The profile as its API shape, built by PostgreSQL (read on every anchor page). */
const PROFILE = `
  select json_build_object(
    'displayName', u.display_name, 'headline', p.headline, 'summary', p.summary, 'location', p.location,
    'links', p.links, 'avatarUrl', p.avatar_url, 'handle', p.handle, 'isPublic', p.is_public,
    'publicFields', p.public_fields, 'searchIndexable', p.search_indexable, 'locale', p.locale,
    'timezone', p.timezone) as profile
  from profiles p join users u on u.id = p.user_id where p.user_id = $1`;

export function createProfileService(db: Db, clock: Clock) {
  async function get(actor: Actor): Promise<Profile> {
    const [row] = await readRows<{ profile: Profile }>(db, PROFILE, [actor.userId]);
    if (!row) throw notFound('Profile');
    return row.profile;
  }

  return {
    get,

    /** Changes the fields given; a handle must be unique ignoring case. */
    async update(actor: Actor, input: ProfileInput): Promise<Profile> {
      const { displayName, ...fields } = input;
      if (fields.handle && (await profilesRepo.isHandleTaken(db, actor.userId, fields.handle))) throw conflict(HANDLE_TAKEN);
      try {
        await db.transaction(async (tx) => {
          const now = clock.now();
          if (displayName !== undefined) await profilesRepo.updateDisplayName(tx, actor.userId, displayName, now);
          await profilesRepo.updateProfile(tx, actor.userId, fields, now);
        });
      } catch (err) {
        // Two people claiming the same handle at once: the unique index decides.
        if (isUniqueViolation(err)) throw conflict(HANDLE_TAKEN);
        throw err;
      }
      return get(actor);
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}
