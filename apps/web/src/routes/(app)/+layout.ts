import { redirect } from '@sveltejs/kit';
import { loadTimeZone } from '#lib/clock.svelte.js';
import { loadUser } from '#lib/session.svelte.js';
import { refreshPending } from '#lib/suggestions.svelte.js';

export async function load({ url }) {
  const user = await loadUser();
  if (!user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  loadTimeZone();
  refreshPending();
  return { user };
}
