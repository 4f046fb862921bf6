import { ASSISTANT_SCOPES, type AssistantScope } from '@career-anchor/contracts';
import type { Config } from '../../config.ts';

/** RFC 6749 §5.2 / RFC 7591 §3.2.2 / RFC 8707 error codes this server answers. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'access_denied'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata';

/** Refused in OAuth's own JSON form, `{error, error_description}`, which clients of these endpoints expect. */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  constructor(code: OAuthErrorCode, description: string, status = 400) {
    super(description);
    this.code = code;
    this.status = status;
  }
}

/**
 * An authorisation request that cannot be answered at its redirect address, because the client
 * or the address is unknown: sending the browser there would make this server an open redirector.
 */
export class UntrustedAuthorizationRequest extends Error {}

export const CODE_TTL_MS = 60_000;
export const REQUEST_TTL_MS = 10 * 60_000;
export const ACCESS_TTL_MS = 60 * 60_000;
export const REFRESH_TTL_MS = 30 * 86_400_000;

/** The issuer (RFC 8414) and the one protected resource its tokens are for (RFC 8707): this server's /mcp. */
export function endpointsOf(config: Config) {
  const issuer = config.publicUrl.origin;
  return {
    issuer,
    resource: `${issuer}/mcp`,
    authorization: `${issuer}/oauth/authorize`,
    token: `${issuer}/oauth/token`,
    registration: `${issuer}/oauth/register`,
    revocation: `${issuer}/oauth/revoke`,
  };
}
export type Endpoints = ReturnType<typeof endpointsOf>;

export const metadataOf = (endpoints: Endpoints) => ({
  issuer: endpoints.issuer,
  authorization_endpoint: endpoints.authorization,
  token_endpoint: endpoints.token,
  registration_endpoint: endpoints.registration,
  revocation_endpoint: endpoints.revocation,
  response_types_supported: ['code'],
  response_modes_supported: ['query'],
  grant_types_supported: ['authorization_code', 'refresh_token'],
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['none'],
  revocation_endpoint_auth_methods_supported: ['none'],
  scopes_supported: [...ASSISTANT_SCOPES],
  authorization_response_iss_parameter_supported: true,
  service_documentation: `${endpoints.issuer}/assistants`,
});

const isScope = (value: string): value is AssistantScope => (ASSISTANT_SCOPES as readonly string[]).includes(value);

/** What an assistant gets when it names no scope: to read, and to suggest changes for the person to accept. */
export const DEFAULT_SCOPES: AssistantScope[] = ['read', 'suggest'];

/** A space-separated `scope` parameter; null when it names a scope this server does not have. */
export function parseScope(raw: string | undefined): AssistantScope[] | null {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SCOPES;
  const words = raw.split(' ').filter(Boolean);
  return words.every(isScope) ? normalizeScopes(words) : null;
}

/** `read` always; `write` includes `suggest`; in a fixed order without repeats. */
export function normalizeScopes(scopes: readonly AssistantScope[]): AssistantScope[] {
  const set = new Set<AssistantScope>(['read', ...scopes]);
  if (set.has('write')) set.add('suggest');
  return ASSISTANT_SCOPES.filter((s) => set.has(s));
}

/** RFC 8707: a resource given by the client must be this server's /mcp (a trailing slash aside). */
export function resourceMatches(given: string, resource: string): boolean {
  return given.replace(/\/$/, '') === resource;
}

/** RFC 7636 §4.1: 43–128 characters of the unreserved set; an S256 challenge is 43 of base64url. */
export const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
export const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
