import { api, call, type Schemas } from './api/client.js';
import { getLocale } from './i18n.js';

export type AuthOptions = Schemas['AuthOptions'];
export type Provider = AuthOptions['providers'][number];

/** Brand names, written the same in every language. */
export const PROVIDER_NAMES: Record<Provider, string> = { github: 'GitHub', google: 'Google' };

export const providerName = (provider: string) => PROVIDER_NAMES[provider as Provider] ?? provider;

let cached: Promise<AuthOptions | null> | null = null;

/** What this server offers for signing in, asked once per visit; null when it could not be asked. */
export function authOptions(): Promise<AuthOptions | null> {
  cached ??= call(api.GET('/api/v1/auth/options')).catch(() => {
    cached = null;
    return null;
  });
  return cached;
}

/** What a new account starts with: the language of this page and the browser's time zone. */
export function newAccountDefaults(): { locale: ReturnType<typeof getLocale>; timezone?: string } {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { locale: getLocale(), ...(timezone ? { timezone } : {}) };
}

/**
 * Where a sign-in (or, with `link`, linking to the signed-in account) with a provider starts; a
 * sign-in may make an account, so it carries the page's language and time zone.
 */
export function providerStart(provider: Provider, next: string, link = false): string {
  const query = new URLSearchParams({ next, ...(link ? { link: '1' } : newAccountDefaults()) });
  return `/api/v1/auth/oauth/${provider}/start?${query}`;
}
