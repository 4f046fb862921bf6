import type { Profile } from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import type { Actor } from '../lib/actor.ts';
import { conflict, notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

type ProfileInput = Partial<Omit<Profile, 'links'> & { links: { label: string; url: string }[] }>;

const HANDLE_TAKEN = 'This handle is already taken.';

export function createProfileService(repos: Repositories, clock: Clock) {
  async function get(actor: Actor): Promise<Profile> {
    const profile = await repos.for(actor).profiles.json();
    if (!profile) throw notFound('Profile');
    return profile;
  }

  return {
    get,

    /** Changes the fields given; a handle must be unique ignoring case. */
    async update(actor: Actor, input: ProfileInput): Promise<Profile> {
      const { displayName, ...fields } = input;
      if (fields.handle && (await repos.for(actor).profiles.isHandleTaken(fields.handle))) throw conflict(HANDLE_TAKEN);
      try {
        await repos.transaction(actor, async ({ profiles }) => {
          const now = clock.now();
          if (displayName !== undefined) await profiles.updateDisplayName(displayName, now);
          await profiles.update(fields, now);
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
