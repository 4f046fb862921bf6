import type { Schemas } from './api/client.js';
import { m } from './i18n.js';

type Kind = Schemas['SecurityEvent']['kind'];
type Device = Schemas['Device'];

/** What each kind of security-log entry means, in plain words; the compiler names any kind left out. */
const KINDS: Record<Kind, () => string> = {
  registered: m.security_event_registered,
  registered_github: m.security_event_registered_github,
  registered_google: m.security_event_registered_google,
  signed_in: m.security_event_signed_in,
  signed_in_passkey: m.security_event_signed_in_passkey,
  signed_in_github: m.security_event_signed_in_github,
  signed_in_google: m.security_event_signed_in_google,
  signed_in_recovery_code: m.security_event_signed_in_recovery_code,
  password_accepted: m.security_event_password_accepted,
  sign_in_failed: m.security_event_sign_in_failed,
  password_set: m.security_event_password_set,
  password_changed: m.security_event_password_changed,
  password_reset: m.security_event_password_reset,
  password_reset_by_operator: m.security_event_password_reset_by_operator,
  token_created: m.security_event_token_created,
  assistant_connected: m.security_event_assistant_connected,
  assistant_revoked: m.security_event_assistant_revoked,
  session_revoked: m.security_event_session_revoked,
  sessions_revoked: m.security_event_sessions_revoked,
  two_factor_enabled: m.security_event_two_factor_enabled,
  two_factor_disabled: m.security_event_two_factor_disabled,
  recovery_codes_renewed: m.security_event_recovery_codes_renewed,
  passkey_added: m.security_event_passkey_added,
  passkey_removed: m.security_event_passkey_removed,
  linked_github: m.security_event_linked_github,
  linked_google: m.security_event_linked_google,
  provider_unlinked: m.security_event_provider_unlinked,
  email_verified: m.security_event_email_verified,
  identity_confirmed: m.security_event_identity_confirmed,
};

export function securityEventLabel(kind: string): string {
  // A newer server may log a kind this page does not know yet.
  return kind in KINDS ? KINDS[kind as Kind]() : m.security_event_other({ kind });
}

/** Entries worth a second look: someone tried a wrong password. */
export const isWarning = (kind: string) => kind === 'sign_in_failed';

/**
 * The device a session or log entry came from, in the reader's language ("Chrome on macOS",
 * "macOS 上的 Chrome"): the server gives the names, the words are the page's.
 */
export function deviceName({ browser, system, client }: Device): string {
  if (browser && system) return m.device_on_system({ browser, system });
  return browser ?? system ?? client ?? m.device_unknown();
}
