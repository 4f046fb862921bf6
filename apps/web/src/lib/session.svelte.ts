import { goto } from '$app/navigation';
import { api, call, type User } from './api/client.js';

/** The signed-in user, shared by every page of the app. */
export const session = $state<{ user: User | null }>({ user: null });

export async function loadUser(): Promise<User | null> {
  const { data, response } = await api.GET('/api/v1/auth/me');
  session.user = response.ok && data ? data : null;
  return session.user;
}

export async function signOut() {
  await call(api.POST('/api/v1/auth/logout'));
  session.user = null;
}

// A session that ended elsewhere (signed out from another device, a password changed or reset)
// shows on the next call as 401: back to sign-in, then on to where the person was going.
api.use({
  onResponse({ response }) {
    if (response.status !== 401 || !session.user) return;
    session.user = null;
    goto(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  },
});
