import { z } from 'zod';
import { DisplayName } from './auth.ts';
import { text } from './items.ts';

export const LOCALES = ['en', 'zh-CN'] as const;
export const Locale = z.enum(LOCALES);

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
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$/, { error: 'Use 3–30 lowercase letters, digits or hyphens' })
  .refine((handle) => !RESERVED_HANDLES.has(handle), { error: 'This handle is reserved' });

const HttpUrl = z.url({ protocol: /^https?$/, error: 'Use an http or https address' }).max(500);

export const ProfileLink = z.object({ label: z.string().trim().min(1).max(60), url: HttpUrl });

export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Unknown time zone' },
  );

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
    locale: Locale,
    timezone: TimeZone,
  })
  .partial()
  .meta({ id: 'ProfileUpdate', description: 'Fields to change; those left out keep their value.' });
