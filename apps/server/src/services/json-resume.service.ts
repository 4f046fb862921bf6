import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { CalendarDate } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidFromKey, uuidv7 } from '../lib/ids.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor } from '../lib/actor.ts';

const require = createRequire(import.meta.url);
/** The official JSON Resume schema (v1.0.0), as the resume-schema package ships it. */
const schema = JSON.parse(readFileSync(require.resolve('resume-schema/schema.json'), 'utf8'));
// Both packages are CommonJS: their class and function are the default export at run time.
type ErrorObject = { instancePath: string; message?: string };
const Ajv = ((AjvDraft04 as any).default ?? AjvDraft04) as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
};
const addFormats = ((ajvFormats as any).default ?? ajvFormats) as (ajv: object) => void;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
export const validateJsonResume = ajv.compile(schema);

const AWARD_TAGS = new Set(['award', 'awards', '奖', '奖项', '获奖']);
const level = (count: number) => (count >= 5 ? 'Master' : count >= 3 ? 'Advanced' : count >= 2 ? 'Intermediate' : 'Beginner');
/** Only fields with content: the schema checks formats, so an empty URL would be invalid. */
const compact = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<T>;
const isoDate = (value: unknown) =>
  typeof value === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)
    ? value.padEnd(10, '-01').slice(0, 10).replace(/-$/, '-01')
    : null;
/**
 * Dates the schema's pattern lets through but no calendar has (2020-19-39, 2021-02-30), or outside
 * the years the app keeps: each with its path, to refuse the file before anything is written.
 */
function impossibleDates(resume: Record<string, any>): { path: string; message: string }[] {
  const found: { path: string; message: string }[] = [];
  for (const [section, entries] of Object.entries(resume)) {
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (typeof entry !== 'object' || entry === null) return;
      for (const field of ['startDate', 'endDate', 'date', 'releaseDate']) {
        const value = (entry as Record<string, unknown>)[field];
        const day = isoDate(value);
        if (typeof value === 'string' && value && !(day && CalendarDate.safeParse(day).success)) {
          found.push({ path: `${section}.${index}.${field}`, message: 'Not a real calendar date between 1900 and 2200' });
        }
      }
    });
  }
  return found.slice(0, 20);
}
const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** The profile as a JSON Resume, and a JSON Resume as profile and achievements. */
export function createJsonResumeService(repos: Repositories, clock: Clock, config: Config) {
  return {
    async exportResume(actor: Actor) {
      const mine = repos.for(actor);
      const found = await mine.jsonResume.owner();
      if (!found) throw notFound('Profile');
      const { user, profile } = found;
      const rows = await mine.jsonResume.achievements();
      const tags = await mine.tags.of(
        'achievement',
        rows.map((r) => r.id),
      );
      const isAward = (id: string) => (tags.get(id) ?? []).some((t) => AWARD_TAGS.has(t.toLowerCase()));
      const skillCounts = new Map<string, number>();
      for (const row of rows) for (const skill of row.skills) skillCounts.set(skill, (skillCounts.get(skill) ?? 0) + 1);
      const resume = compact({
        $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
        basics: compact({
          name: user.displayName,
          label: profile.headline,
          email: user.email,
          summary: profile.summary,
          url: profile.isPublic && profile.handle ? `${config.publicUrl.origin}/u/${profile.handle}` : undefined,
          location: profile.location ? { city: profile.location } : undefined,
          profiles: profile.links.map((link) => ({ network: link.label, url: link.url })),
        }),
        projects: rows
          .filter((r) => !isAward(r.id))
          .map((r) =>
            compact({
              name: r.title,
              description: r.description,
              highlights: r.quantifiableResults ? [r.quantifiableResults] : [],
              keywords: r.skills,
              endDate: r.achievedOn ?? undefined,
            }),
          ),
        awards: rows
          .filter((r) => isAward(r.id))
          .map((r) =>
            compact({
              title: r.title,
              date: r.achievedOn ?? undefined,
              summary: [r.description, r.quantifiableResults].filter(Boolean).join('\n'),
            }),
          ),
        skills: [...skillCounts]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([name, count]) => ({ name, level: level(count) })),
        meta: { version: 'v1.0.0', lastModified: clock.now().toISOString().slice(0, 19) },
      });
      return resume;
    },

    /**
     * Creates the profile's fields and achievements (from work, projects and awards) from a
     * résumé. An entry already imported is recognised by its content and not added twice.
     */
    async importResume(actor: Actor, resume: unknown) {
      if (!validateJsonResume(resume)) {
        throw badRequest(
          'This is not a valid JSON Resume (schema v1.0.0).',
          (validateJsonResume.errors ?? []).slice(0, 20).map((e) => ({
            path: e.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'resume',
            message: e.message ?? 'Invalid',
          })),
        );
      }
      const r = resume as Record<string, any>;
      const impossible = impossibleDates(r);
      if (impossible.length) throw badRequest('This résumé has dates that are not real calendar days.', impossible);
      const basics = (r.basics ?? {}) as Record<string, any>;
      const entries: {
        title: string;
        description: string;
        results: string;
        skills: string[];
        date: string | null;
        kind: string;
      }[] = [];
      for (const w of (r.work ?? []) as Record<string, any>[]) {
        const title = [text(w.position, 100), text(w.name, 100)].filter(Boolean).join(' · ');
        if (title)
          entries.push({
            kind: 'work',
            title,
            description: text(w.summary, 5000),
            results: ((w.highlights ?? []) as unknown[])
              .map((h) => text(h, 400))
              .filter(Boolean)
              .join('\n'),
            skills: [],
            date: isoDate(w.endDate) ?? isoDate(w.startDate),
          });
      }
      for (const p of (r.projects ?? []) as Record<string, any>[]) {
        const title = text(p.name, 200);
        if (title)
          entries.push({
            kind: 'project',
            title,
            description: text(p.description, 5000),
            results: ((p.highlights ?? []) as unknown[])
              .map((h) => text(h, 400))
              .filter(Boolean)
              .join('\n'),
            skills: ((p.keywords ?? []) as unknown[])
              .map((k) => text(k, 60))
              .filter(Boolean)
              .slice(0, 30),
            date: isoDate(p.endDate) ?? isoDate(p.startDate),
          });
      }
      for (const a of (r.awards ?? []) as Record<string, any>[]) {
        const title = text(a.title, 200);
        if (title)
          entries.push({
            kind: 'award',
            title,
            description: [text(a.awarder, 200), text(a.summary, 4000)].filter(Boolean).join('\n'),
            results: '',
            skills: [],
            date: isoDate(a.date),
          });
      }
      if (entries.length > 2000) throw badRequest('The résumé has more than 2,000 entries.');
      const now = clock.now();
      return repos.transaction(actor, async ({ profiles, jsonResume }) => {
        const links = [
          ...(basics.url ? [{ label: 'Website', url: text(basics.url, 500) }] : []),
          ...((basics.profiles ?? []) as Record<string, any>[])
            .filter((p) => p.url)
            .map((p) => ({ label: text(p.network, 60) || 'Link', url: text(p.url, 500) })),
        ]
          .filter((l) => /^https?:\/\//.test(l.url))
          .slice(0, 10);
        const name = text(basics.name, 100);
        if (name) await profiles.updateDisplayName(name, now);
        const fields = compact({
          headline: text(basics.label, 200),
          summary: text(basics.summary, 5000),
          location: text(basics.location?.city ?? basics.location?.region, 120),
        });
        await profiles.update({ ...fields, ...(links.length ? { links } : {}) }, now);

        const withOrigin = entries.map((e) => ({
          ...e,
          originId: uuidFromKey(`jsonresume:${e.kind}:${e.title}:${e.date ?? ''}`),
        }));
        const known = await jsonResume.knownOrigins(withOrigin.map((e) => e.originId));
        const fresh = [...new Map(withOrigin.filter((e) => !known.has(e.originId)).map((e) => [e.originId, e])).values()];
        await jsonResume.insertAchievements(
          fresh.map((e) => ({
            id: uuidv7(),
            originId: e.originId,
            title: e.title,
            description: e.description,
            quantifiableResults: e.results.slice(0, 2000),
            skills: e.skills,
            achievedOn: e.date,
            source: 'import',
            createdAt: now,
            updatedAt: now,
          })),
        );
        return { profileUpdated: true, achievementsImported: fresh.length, achievementsSkipped: entries.length - fresh.length };
      });
    },
  };
}
export type JsonResumeService = ReturnType<typeof createJsonResumeService>;
