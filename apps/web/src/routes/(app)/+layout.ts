import { redirect } from '@sveltejs/kit';
import { loadTimeZone } from '#lib/clock.svelte.js';
import { loadUser } from '#lib/session.svelte.js';
import { refreshPending } from '#lib/suggestions.svelte.js';

export async function load({ url }) {
  const user = await loadUser();
  if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // The server requires two-factor sign-in and this account has not turned it on: until it
  // does, the server answers only the Security page.
  if (user.twoFactorSetupRequired) {
    if (url.pathname !== '/security') redirect(307, '/security');
    return { user };
  }
  loadTimeZone();
  refreshPending();
  return { user };
}
