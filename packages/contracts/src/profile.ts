import { z } from 'zod';
import { DisplayName } from './auth.ts';
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

export const ProfileLink = z.object({ label: z.string().trim().min(1).max(60), url: HttpUrl });

export const PUBLIC_FIELDS = ['headline', 'summary', 'location', 'links', 'avatarUrl'] as const;
export const PublicField = z.enum(PUBLIC_FIELDS);

export const Profile = z
  .object({
    displayName: z.string(),
    headline: z.string(),
    summary: z.string(),
    location: z.string(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    avatarUrl: z.string().nullable(),
    handle: z.string().nullable(),
    isPublic: z.boolean(),
    publicFields: z.array(z.string()).describe('Profile fields shown on the public page'),
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
    handle: Handle.nullable(),
    isPublic: z.boolean(),
    publicFields: z.array(PublicField).max(PUBLIC_FIELDS.length),
    searchIndexable: z.boolean(),
    locale: Locale,
    timezone: TimeZone,
  })
  .partial()
  .meta({ id: 'ProfileUpdate', description: 'Fields to change; those left out keep their value.' });

/** The public profile: only what the user marked public, never the e-mail address. */
export const PublicProfile = z
  .object({
    handle: z.string(),
    displayName: z.string(),
    headline: z.string().optional(),
    summary: z.string().optional(),
    location: z.string().optional(),
    links: z.array(z.object({ label: z.string(), url: z.string() })).optional(),
    avatarUrl: z.string().optional(),
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
  })
  .meta({ id: 'PublicProfile' });
export type PublicProfile = z.infer<typeof PublicProfile>;
