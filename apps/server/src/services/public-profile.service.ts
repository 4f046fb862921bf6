import { PublicCareer, type PublicProfile } from '@career-anchor/contracts';
import { toEntry } from './career-entries.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/**
 * The public profile at a handle: nothing unless the user published it, and then only the fields
 * and items they marked public. The account's sign-in address is never read here.
 */
export function createPublicProfileService(repos: Repositories) {
  return {
    async get(handle: string): Promise<PublicProfile & { searchIndexable: boolean }> {
      const published = repos.system.publicProfiles;
      const found = await published.find(handle);
      if (!found) throw notFound('Profile');
      const { profile } = found;
      const show = new Set(profile.publicFields);
      const [items, careerRows] = await Promise.all([
        published.items(profile.userId, profile.timezone),
        published.career(profile.userId),
      ]);
      // Grouped by section; the public shape keeps only the résumé's own fields (no ids, tags, extras).
      const career: Record<string, unknown[]> = {};
      for (const row of careerRows) (career[row.section] ??= []).push(toEntry(row, []));
      return {
        handle: profile.handle!,
        displayName: found.displayName,
        ...(show.has('headline') && profile.headline ? { headline: profile.headline } : {}),
        ...(show.has('summary') && profile.summary ? { summary: profile.summary } : {}),
        ...(show.has('location') && profile.location ? { location: profile.location } : {}),
        ...(show.has('links') && profile.links.length ? { links: profile.links } : {}),
        ...(show.has('avatarUrl') && profile.avatarUrl ? { avatarUrl: profile.avatarUrl } : {}),
        // The contact details a résumé carries (the profile's own, never the sign-in address).
        ...(show.has('email') && profile.email ? { email: profile.email } : {}),
        ...(show.has('phone') && profile.phone ? { phone: profile.phone } : {}),
        ...(show.has('url') && profile.url ? { url: profile.url } : {}),
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
        career: PublicCareer.parse(career) as PublicProfile['career'],
      };
    },
  };
}
export type PublicProfileService = ReturnType<typeof createPublicProfileService>;
