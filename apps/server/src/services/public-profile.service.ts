import type { PublicProfile } from '@career-anchor/contracts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/**
 * The public profile at a handle: nothing unless the user published it, and then only the fields
 * and items they marked public. The e-mail address is never read here.
 */
export function createPublicProfileService(repos: Repositories) {
  return {
    async get(handle: string): Promise<PublicProfile & { searchIndexable: boolean }> {
      const published = repos.system.publicProfiles;
      const found = await published.find(handle);
      if (!found) throw notFound('Profile');
      const { profile } = found;
      const show = new Set(profile.publicFields);
      const items = await published.items(profile.userId, profile.timezone);
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
        achievements: items.achievements.map((a) => ({
          title: a.title,
          description: a.description,
          quantifiableResults: a.quantifiableResults,
          skills: a.skills,
          achievedOn: a.achievedOn,
        })),
        focusItems: items.focusItems.map((f) => ({ title: f.title, description: f.description, progress: f.progress })),
        plans: items.plans.map((plan) => ({
          title: plan.title,
          description: plan.description,
          targetDate: plan.targetDate,
          progress: plan.progress!,
        })),
        // Counted over every public achievement (facts.ts), most shown first.
        skills: items.skills
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
          .map(({ name, count }) => ({ name, count })),
        career: {},
      };
    },
  };
}
export type PublicProfileService = ReturnType<typeof createPublicProfileService>;
