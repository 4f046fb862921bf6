import { z } from 'zod';
import { DisplayName } from './auth.ts';
import { Extra, ResumeLocation, ResumePdfQuery } from './career.ts';
import { Locale, TimeZone } from './common.ts';
import { text } from './items.ts';
import { PublicCareer } from './public-career.ts';

// Defined beside Id and Timestamp, where sign-up can use them too; still exported from here.
export { LOCALES, Locale, TimeZone } from './common.ts';

/** Words a handle may not be: they are, or may become, paths of the app. */
export const RESERVED_HANDLES = new Set([
  'admin',
  'api',
  'app',
  'auth',
  'login',
  'logout',
  'register',
  'settings',
  'u',
  'user',
  'users',
  'www',
  'help',
  'about',
  'docs',
  'public',
  'static',
  'assets',
  'support',
  'root',
  'system',
  'null',
  'undefined',
  'me',
  'profile',
  'todos',
  'plans',
  'achievements',
  'reports',
  'search',
  'export',
  'import',
  'new',
  'edit',
]);

export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .max(30)
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$/, { error: 'Use 3–30 lowercase letters, digits or hyphens' })
  .refine((handle) => !RESERVED_HANDLES.has(handle), { error: 'This handle is reserved' });

const HttpUrl = z.url({ protocol: /^https?$/, error: 'Use an http or https address' }).max(500);

/** A web address, or empty for none. */
export const OptionalUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === '' || HttpUrl.safeParse(value).success, { error: 'Use an http or https address' });

/** A contact address, or empty for none. */
export const ContactEmail = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === '' || z.email().safeParse(value).success, { error: 'Not an e-mail address' });

export const ProfileLink = z.object({ label: z.string().trim().min(1).max(60), url: HttpUrl });

/**
 * What the public page may show: profile fields, the contact details for a résumé (none is public
 * by default), and `resumePdf`, a "Download PDF" of the public résumé (off by default).
 */
export const PUBLIC_FIELDS = [
  'headline',
  'summary',
  'location',
  'links',
  'avatarUrl',
  'email',
  'phone',
  'url',
  'resumePdf',
] as const;
export const PublicField = z.enum(PUBLIC_FIELDS);

export const Profile = z
  .object({
    displayName: z.string(),
    headline: z.string(),
    summary: z.string(),
    location: z.string(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    avatarUrl: z.string().nullable(),
    email: z.string().describe('The contact address a résumé shows; not the account’s sign-in address'),
    phone: z.string(),
    url: z.string().describe('A personal website'),
    address: ResumeLocation.describe('Where the person is, as a résumé gives it'),
    resumeExtra: Extra.describe('Fields of an imported résumé’s `basics` with no place here, exported again as they came'),
    handle: z.string().nullable(),
    isPublic: z.boolean(),
    publicFields: z
      .array(z.string())
      .describe('Profile fields shown on the public page; `resumePdf` offers the public résumé as a PDF there'),
    searchIndexable: z.boolean().describe('Let search engines index the public page'),
    locale: Locale,
    timezone: z.string(),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof Profile>;

export const ProfileUpdate = z
  .object({
    displayName: DisplayName,
    headline: text(200),
    summary: text(5000),
    location: text(120),
    links: z.array(ProfileLink).max(10),
    avatarUrl: HttpUrl.nullable(),
    email: ContactEmail,
    phone: text(100),
    url: OptionalUrl,
    address: ResumeLocation,
    resumeExtra: Extra,
    handle: Handle.nullable(),
    isPublic: z.boolean(),
    publicFields: z.array(PublicField).max(PUBLIC_FIELDS.length),
    searchIndexable: z.boolean(),
    locale: Locale,
    timezone: TimeZone,
  })
  .partial()
  .meta({ id: 'ProfileUpdate', description: 'Fields to change; those left out keep their value.' });

/** The public profile: only what the user marked public, never the account's sign-in address. */
export const PublicProfile = z
  .object({
    handle: z.string(),
    displayName: z.string(),
    headline: z.string().optional(),
    summary: z.string().optional(),
    location: z.string().optional(),
    links: z.array(z.object({ label: z.string(), url: z.string() })).optional(),
    avatarUrl: z.string().optional(),
    email: z.string().optional().describe('The contact address, when the person made it public'),
    phone: z.string().optional(),
    url: z.string().optional(),
    locale: Locale,
    achievements: z.array(
      z.object({
        title: z.string(),
        description: z.string(),
        quantifiableResults: z.string(),
        skills: z.array(z.string()),
        achievedOn: z.string().nullable(),
      }),
    ),
    focusItems: z.array(z.object({ title: z.string(), description: z.string(), progress: z.number().int() })),
    plans: z.array(
      z.object({ title: z.string(), description: z.string(), targetDate: z.string().nullable(), progress: z.number().int() }),
    ),
    skills: z
      .array(z.object({ name: z.string(), count: z.number().int() }))
      .describe('From the public achievements, most shown first'),
    career: PublicCareer,
    resumePdf: z.boolean().describe('Whether the person offers this résumé as a PDF, at `GET /public/{handle}/resume.pdf`'),
  })
  .meta({ id: 'PublicProfile' });
export type PublicProfile = z.infer<typeof PublicProfile>;

/**
 * `GET /public/{handle}/resume.pdf`: the template and paper, as for your own PDF, and the
 * language of its headings and dates (the profile's by default).
 */
export const PublicResumePdfQuery = ResumePdfQuery.pick({ template: true, paper: true }).extend({
  lang: Locale.optional().describe('Headings and dates in this language; the profile’s language when left out'),
});
