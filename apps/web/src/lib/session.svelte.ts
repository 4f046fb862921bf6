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
