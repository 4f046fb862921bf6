import { createHash, randomUUID } from 'node:crypto';
import {
  CAREER_SECTIONS,
  PublicCareer,
  type CareerDocument,
  type PublicProfile,
  type PublicResumePdfQuery,
} from '@career-anchor/contracts';
import type { z } from 'zod';
import { toEntry } from './career-entries.ts';
import { renderResumePdf } from '../formats/resume-pdf.ts';
import { emptyCareerProfile, unstoredEntryFields } from '../formats/career-document.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

type PublicPage = PublicProfile & { searchIndexable: boolean };

/** Made anew at each start: a PDF stored under an older tag may have been set by other code. */
const RENDERER = randomUUID();

/**
 * The public résumé as the PDF renderer takes it: exactly what the public page shows (its
 * profile fields and career entries), with the stored-item fields it never prints left empty.
 */
function publicResumeDocument(page: PublicProfile): CareerDocument {
  const stored = unstoredEntryFields();
  return {
    profile: {
      ...emptyCareerProfile(),
      displayName: page.displayName,
      headline: page.headline ?? '',
      summary: page.summary ?? '',
      location: page.location ?? '',
      links: page.links ?? [],
      avatarUrl: page.avatarUrl ?? null,
      email: page.email ?? '',
      phone: page.phone ?? '',
      url: page.url ?? '',
      handle: page.handle,
      locale: page.locale,
    },
    sections: Object.fromEntries(
      CAREER_SECTIONS.map((section) => [section, (page.career[section] ?? []).map((entry) => ({ ...stored, ...entry }))]),
    ) as unknown as CareerDocument['sections'],
  };
}

/** A name as part of a file name: no path or reserved characters, no control characters, bounded. */
const fileNamePart = (name: string) =>
  name
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);

/**
 * The public profile at a handle: nothing unless the user published it, and then only the fields
 * and items they marked public. The account's sign-in address is never read here.
 */
export function createPublicProfileService(repos: Repositories) {
  async function view(handle: string): Promise<{ page: PublicPage; userId: string; dataVersion: string | null }> {
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
    const page: PublicPage = {
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
      resumePdf: show.has('resumePdf'),
    };
    return { page, userId: profile.userId, dataVersion: found.dataVersion };
  }

  return {
    get: async (handle: string): Promise<PublicPage> => (await view(handle)).page,

    /**
     * The public résumé as a PDF, made from the public page's own view, when the person offers it.
     * `etag` names this data (the owner's data version), these options and this server's renderer;
     * when the caller already holds that version (one of `knownTags`), no PDF is made and `pdf` is null.
     */
    async resumePdf(
      handle: string,
      options: z.infer<typeof PublicResumePdfQuery>,
      knownTags: string[] = [],
    ): Promise<{ etag: string | null; pdf: Uint8Array | null; fileName: string; asciiFileName: string }> {
      const { page, userId, dataVersion } = await view(handle);
      if (!page.resumePdf) throw notFound('Public résumé PDF');
      const locale = options.lang ?? (page.locale === 'zh-CN' ? 'zh-CN' : 'en');
      const stamp = [RENDERER, userId, dataVersion, options.template, options.paper, locale].join(' ');
      // Weak: the same data makes the same résumé, though not the same bytes (the file's own date).
      const etag = dataVersion === null ? null : `W/"${createHash('sha256').update(stamp).digest('base64url').slice(0, 27)}"`;
      const name = fileNamePart(page.displayName);
      const files = { fileName: `${name ? `${name}-` : ''}resume.pdf`, asciiFileName: `${page.handle}-resume.pdf` };
      if (etag && knownTags.includes(etag)) return { etag, pdf: null, ...files };
      const pdf = await renderResumePdf(publicResumeDocument(page), { template: options.template, paper: options.paper, locale });
      return { etag, pdf, ...files };
    },
  };
}
export type PublicProfileService = ReturnType<typeof createPublicProfileService>;
