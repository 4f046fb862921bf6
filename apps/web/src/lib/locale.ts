import { api } from './api/client.js';
import { setLocale, type Locale } from './i18n.js';
import { session } from './session.svelte.js';

/** Switches the interface's language; signed in, it is also the profile's (e-mails and reports follow it). */
export async function changeLocale(locale: Locale) {
  if (session.user) {
    try {
      await api.PUT('/api/v1/profile', { body: { locale } });
    } catch {
      // The interface still switches; the profile keeps its previous language.
    }
  }
  setLocale(locale);
}
