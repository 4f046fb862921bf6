import type { Profile } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { conflict, notFound } from '../lib/problem.ts';
import * as profilesRepo from '../repositories/profiles.repository.ts';
import type { Actor } from './actor.ts';

type ProfileInput = Partial<Omit<Profile, 'links'> & { links: { label: string; url: string }[] }>;

const HANDLE_TAKEN = 'This handle is already taken.';

export function createProfileService(db: Db, clock: Clock) {
  async function get(actor: Actor): Promise<Profile> {
    const found = await profilesRepo.findProfile(db, actor.userId);
    if (!found) throw notFound('Profile');
    const { profile } = found;
    return {
      displayName: found.displayName,
      headline: profile.headline,
      summary: profile.summary,
      location: profile.location,
      links: profile.links,
      avatarUrl: profile.avatarUrl,
      handle: profile.handle,
      isPublic: profile.isPublic,
      publicFields: profile.publicFields,
      searchIndexable: profile.searchIndexable,
      locale: profile.locale as Profile['locale'],
      timezone: profile.timezone,
    };
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
