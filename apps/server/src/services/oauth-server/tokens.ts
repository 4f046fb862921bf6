import type { AssistantScope } from '@career-anchor/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import { randomSecret, safeEqual, sha256 } from '../../lib/secrets.ts';
import type { OAuthGrantRow } from '../../repositories/oauth.repository.ts';
import type { Repositories } from '../../repositories/index.ts';
import type { SecurityLog } from '../security.service.ts';
import {
  ACCESS_TTL_MS,
  OAuthError,
  REFRESH_TTL_MS,
  VERIFIER,
  normalizeScopes,
  parseScope,
  resourceMatches,
  type Endpoints,
} from './protocol.ts';

/** Recognisable prefixes, like personal tokens' `ca_pat_`, so a leaked one is easy to spot. */
const ACCESS_PREFIX = 'ca_oat_';
const REFRESH_PREFIX = 'ca_ort_';
/** Last use is written at most once a minute per grant, not on every request. */
const TOUCH_EVERY_MS = 60_000;
const PARAM_MAX = 2000;

export type TokenParams = Record<string, string>;

const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);

/** A parameter the request must carry, bounded. */
function required(params: TokenParams, name: string): string {
  const value = params[name];
  if (!value) throw new OAuthError('invalid_request', `${name} is required.`);
  if (value.length > PARAM_MAX) throw new OAuthError('invalid_request', `${name} is too long.`);
  return value;
}

/**
 * The token endpoint (authorisation code with PKCE, refresh with rotation), revocation (RFC
 * 7009) and the check of an access token on /mcp. Secrets are stored as SHA-256 hashes only.
 * A code or refresh token presented a second time means one of the two holders is not the
 * client: the whole grant is revoked (OAuth 2.1 §4.1.3 and §4.3.1).
 */
export function createTokenEndpoint(deps: { repos: Repositories; clock: Clock; endpoints: Endpoints; log: SecurityLog }) {
  const { repos, clock, endpoints, log } = deps;
  const oauth = () => repos.system.oauth;

  async function revokeGrant(grantId: string) {
    const grant = await oauth().deleteGrant(grantId);
    if (grant) await log(grant.userId, 'assistant_revoked', { ip: null, userAgent: null });
  }

  async function issue(grant: OAuthGrantRow, now: Date) {
    const accessToken = ACCESS_PREFIX + randomSecret();
    const refreshToken = REFRESH_PREFIX + randomSecret();
    await oauth().insertTokens(
      grant.id,
      [
        { kind: 'access', tokenHash: sha256(accessToken), expiresAt: new Date(now.getTime() + ACCESS_TTL_MS) },
        { kind: 'refresh', tokenHash: sha256(refreshToken), expiresAt: new Date(now.getTime() + REFRESH_TTL_MS) },
      ],
      now,
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_MS / 1000,
      refresh_token: refreshToken,
      scope: normalizeScopes(grant.scopes as AssistantScope[]).join(' '),
    };
  }

  function checkResource(params: TokenParams) {
    const resource = params.resource;
    if (resource !== undefined && !resourceMatches(resource, endpoints.resource)) {
      throw new OAuthError('invalid_target', `This server issues tokens only for ${endpoints.resource}.`);
    }
  }

  async function exchangeCode(params: TokenParams) {
    const code = required(params, 'code');
    const clientId = required(params, 'client_id');
    const redirectUri = required(params, 'redirect_uri');
    const verifier = required(params, 'code_verifier');
    checkResource(params);
    const now = clock.now();
    const row = await oauth().findCode(sha256(code));
    if (!row?.grantId) throw invalidGrant('The code is not valid.');
    if (row.usedAt) {
      await revokeGrant(row.grantId);
      throw invalidGrant('The code was already used; the connection it made has been revoked.');
    }
    if (row.expiresAt <= now) throw invalidGrant('The code has expired.');
    const mismatch =
      row.clientId !== clientId
        ? 'The code was issued to another client.'
        : row.redirectUri !== redirectUri
          ? 'redirect_uri differs from the authorisation request’s.'
          : !VERIFIER.test(verifier) || !safeEqual(sha256(verifier), row.codeChallenge)
            ? 'code_verifier does not match the code_challenge.'
            : null;
    if (mismatch) {
      await oauth().expireCode(row.id, now);
      throw invalidGrant(mismatch);
    }
    if (!(await oauth().useCode(row.id, now))) {
      await revokeGrant(row.grantId);
      throw invalidGrant('The code was already used; the connection it made has been revoked.');
    }
    const grant = await oauth().findGrant(row.grantId);
    if (!grant) throw invalidGrant('The connection was revoked.');
    return issue(grant, now);
  }

  async function refresh(params: TokenParams) {
    const token = required(params, 'refresh_token');
    const clientId = required(params, 'client_id');
    checkResource(params);
    const now = clock.now();
    const row = await oauth().findToken(sha256(token));
    if (!row || row.kind !== 'refresh') throw invalidGrant('The refresh token is not valid.');
    if (row.usedAt) {
      await revokeGrant(row.grantId);
      throw invalidGrant('The refresh token was already used; the connection has been revoked.');
    }
    if (row.expiresAt <= now) throw invalidGrant('The refresh token has expired.');
    const grant = await oauth().findGrant(row.grantId);
    if (!grant) throw invalidGrant('The connection was revoked.');
    if (grant.clientId !== clientId) throw invalidGrant('The refresh token was issued to another client.');
    if (params.scope !== undefined) {
      const asked = parseScope(params.scope);
      if (!asked || asked.some((s) => !grant.scopes.includes(s))) {
        throw new OAuthError('invalid_scope', 'A refresh cannot widen what the person allowed.');
      }
    }
    if (!(await oauth().useRefresh(row.id, now))) {
      await revokeGrant(row.grantId);
      throw invalidGrant('The refresh token was already used; the connection has been revoked.');
    }
    return issue(grant, now);
  }

  return {
    /** POST /oauth/token: the token response, or an OAuthError. */
    async token(params: TokenParams) {
      const grantType = required(params, 'grant_type');
      if (grantType === 'authorization_code') return exchangeCode(params);
      if (grantType === 'refresh_token') return refresh(params);
      throw new OAuthError('unsupported_grant_type', 'The grant types are authorization_code and refresh_token.');
    },

    /**
     * POST /oauth/revoke: an access token ends alone; a refresh token ends the grant, since it is
     * what the client keeps to come back. Unknown tokens are not an error (RFC 7009 §2.2).
     */
    async revoke(params: TokenParams) {
      const token = required(params, 'token');
      const row = await oauth().findToken(sha256(token));
      if (!row) return;
      const grant = await oauth().findGrant(row.grantId);
      // A public client proves nothing but its id: at least it must be the grant's.
      if (!grant || (params.client_id !== undefined && params.client_id !== grant.clientId)) return;
      if (row.kind === 'refresh') await revokeGrant(grant.id);
      else await oauth().deleteToken(row.id);
    },

    /**
     * The actor behind a Bearer access token on /mcp, or null when it is unknown, expired,
     * revoked, or for another resource.
     */
    async resolveAccessToken(token: string): Promise<Actor | null> {
      if (!token.startsWith(ACCESS_PREFIX) || token.length > 200) return null;
      const now = clock.now();
      const found = await oauth().findAccess(sha256(token), now);
      if (!found || found.grant.resource !== endpoints.resource) return null;
      const { grant } = found;
      if (!grant.lastUsedAt || now.getTime() - grant.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await oauth().touchGrant(grant.id, now);
      }
      return {
        userId: grant.userId,
        via: 'oauth',
        clientId: grant.clientId,
        scopes: normalizeScopes(grant.scopes as AssistantScope[]),
        sessionId: null,
        tokenId: grant.id,
      };
    },
  };
}
