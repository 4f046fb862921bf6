import type { Config } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Repositories } from '../../repositories/index.ts';
import type { SecurityLog } from '../security.service.ts';
import { createAuthorization } from './authorize.ts';
import { createClientRegistration } from './clients.ts';
import { endpointsOf, metadataOf } from './protocol.ts';
import { createTokenEndpoint } from './tokens.ts';

export { OAuthError, UntrustedAuthorizationRequest } from './protocol.ts';

/**
 * The OAuth 2.1 authorisation server through which assistants connect to /mcp, as the Model
 * Context Protocol's authorisation section describes it: metadata (RFC 8414), dynamic client
 * registration (RFC 7591), the authorisation code with PKCE and the person's consent, tokens
 * with refresh rotation, revocation (RFC 7009), and the check of an access token.
 */
export function createOAuthServerService(deps: { repos: Repositories; clock: Clock; config: Config; log: SecurityLog }) {
  const endpoints = endpointsOf(deps.config);
  const tokens = createTokenEndpoint({ ...deps, endpoints });
  return {
    /** The issuer and the protected resource (`<PUBLIC_URL>/mcp`) its tokens are for. */
    endpoints,
    metadata: () => metadataOf(endpoints),
    ...createClientRegistration(deps.repos, deps.clock),
    ...createAuthorization({ ...deps, endpoints }),
    ...tokens,
  };
}
export type OAuthServerService = ReturnType<typeof createOAuthServerService>;
