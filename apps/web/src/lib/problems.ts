import { ApiError, NetworkError } from './api/client.js';
import { m } from './i18n.js';

export const PASSWORD_MIN = 8;

/** A sentence for the person, in their language, for whatever an API call threw. */
export function problemMessage(error: unknown): string {
  if (error instanceof NetworkError) return m.error_network();
  if (!(error instanceof ApiError)) return m.error_server();
  const { problem } = error;
  switch (problem.type) {
    case '/problems/wrong-credentials':
      return m.error_wrong_credentials();
    case '/problems/wrong-password':
      return m.error_wrong_password();
    case '/problems/invalid-code':
    case '/problems/wrong-code':
      return m.error_invalid_code();
    case '/problems/challenge-expired':
      return m.error_challenge_expired();
    case '/problems/passkey-refused':
      return m.error_passkey_refused();
    case '/problems/only-way-in':
      return m.error_only_way_in();
    case '/problems/invalid-link':
      return m.error_invalid_link();
    case '/problems/mail-unavailable':
      return m.error_mail_unavailable();
    case '/problems/recent-sign-in-required':
      return m.error_recent_sign_in();
    case '/problems/two-factor-setup-required':
      return m.two_factor_required_notice();
    case '/problems/two-factor-required':
      return m.two_factor_cannot_turn_off();
  }
  if (problem.status === 409 && /e-mail/.test(problem.detail ?? '')) return m.error_email_taken();
  if (problem.status === 429) {
    return error.retryAfter && error.retryAfter > 60
      ? m.error_throttled({ minutes: Math.ceil(error.retryAfter / 60) })
      : m.error_rate_limited();
  }
  if (problem.status >= 500) return m.error_server();
  return m.error_generic({ detail: problem.detail ?? problem.title });
}

/** Messages per form field from a validation problem, localised for the fields we know. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  const out: Record<string, string> = {};
  for (const { path, message } of error.problem.errors) {
    const field = path.split('.').at(-1) ?? path;
    out[field] = localiseFieldError(field, message);
  }
  return out;
}

function localiseFieldError(field: string, message: string): string {
  if (field === 'email') return m.error_email_invalid();
  if (field === 'code' && /too small|too big|>=|<=/i.test(message)) return m.error_code_format();
  if (field === 'recoveryCode' && /too small|too big|>=|<=/i.test(message)) return m.error_recovery_code_format();
  if (/password/i.test(field) && /at least|too small|>=/i.test(message)) return m.error_password_short({ min: PASSWORD_MIN });
  if (/password/i.test(field) && /too common/i.test(message)) return m.error_password_common();
  if (/too small|required|expected string, received undefined/i.test(message)) return m.error_required();
  return message;
}
