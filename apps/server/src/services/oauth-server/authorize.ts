import type { AssistantScope, AuthorizationRequest, ConnectedClient } from '@career-anchor/contracts';
import type { Actor, RequestMeta } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import { notFound } from '../../lib/problem.ts';
import { randomSecret, sha256 } from '../../lib/secrets.ts';
import type { GrantWithClient } from '../../repositories/oauth.repository.ts';
import type { Repositories } from '../../repositories/index.ts';
import type { SecurityLog } from '../security.service.ts';
import {
  CHALLENGE,
  CODE_TTL_MS,
  REQUEST_TTL_MS,
  UntrustedAuthorizationRequest,
  normalizeScopes,
  parseScope,
  resourceMatches,
  type Endpoints,
  type OAuthErrorCode,
} from './protocol.ts';
import { redirectHost, redirectMatches } from './redirects.ts';

const STATE_MAX = 1000;
/** Decided or expired requests are kept a day, so a code used twice is still recognised. */
const KEEP_DECIDED_MS = 86_400_000;

type Query = Record<string, unknown>;

const scopesOf = (values: readonly string[]) => normalizeScopes(values as AssistantScope[]);

const toConnected = (row: GrantWithClient): ConnectedClient => ({
  id: row.id,
  clientId: row.clientId,
  clientName: row.clientName,
  redirectHost: redirectHost(row.redirectUris[0] ?? ''),
  scopes: scopesOf(row.scopes),
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** The redirect address with the answer's parameters added (and `iss`, RFC 9207, against mix-ups). */
function answer(redirectUri: string, params: Record<string, string | null | undefined>, issuer: string): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries({ ...params, iss: issuer })) if (value) url.searchParams.set(key, value);
  return url.href;
}

/**
 * The authorisation endpoint (RFC 6749 §4.1 with PKCE, RFC 7636) and the person's consent. The
 * request is checked, kept for ten minutes and handed to the web app's consent page; whoever
 * signs in there and allows it gets a one-time code sent to the client's redirect address.
 */
export function createAuthorization(deps: { repos: Repositories; clock: Clock; endpoints: Endpoints; log: SecurityLog }) {
  const { repos, clock, endpoints, log } = deps;

  return {
    /** Where to send the browser: the consent page, or the client's address with an error. */
    async begin(query: Query): Promise<string> {
      const single = (name: string): string | undefined => {
        const value = query[name];
        if (value === undefined) return undefined;
        if (typeof value !== 'string') throw new UntrustedAuthorizationRequest(`${name} is given more than once.`);
        return value;
      };
      const clientId = single('client_id');
      const redirectUri = single('redirect_uri');
      if (!clientId) throw new UntrustedAuthorizationRequest('The request names no client (client_id).');
      const client = await repos.system.oauth.findClient(clientId);
      if (!client) throw new UntrustedAuthorizationRequest('No assistant is registered with this client_id.');
      if (!redirectUri || !redirectMatches(client.redirectUris, redirectUri)) {
        throw new UntrustedAuthorizationRequest('The redirect_uri is missing or is not one this assistant registered.');
      }
      // From here the address is trustworthy: errors go back to it (RFC 6749 §4.1.2.1).
      const rawState = query.state;
      const state = typeof rawState === 'string' && rawState.length <= STATE_MAX ? rawState : undefined;
      const fail = (error: OAuthErrorCode, description: string) =>
        answer(redirectUri, { error, error_description: description, state }, endpoints.issuer);
      for (const [name, value] of Object.entries(query)) {
        if (typeof value !== 'string') return fail('invalid_request', `${name} is given more than once.`);
      }
      if (rawState !== undefined && state === undefined) return fail('invalid_request', `state is longer than ${STATE_MAX}.`);
      if (single('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
      const challenge = single('code_challenge');
      if (!challenge) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
      if (single('code_challenge_method') !== 'S256')
        return fail('invalid_request', 'Only code_challenge_method=S256 is supported.');
      if (!CHALLENGE.test(challenge)) return fail('invalid_request', 'code_challenge is not an S256 challenge.');
      const scopes = parseScope(single('scope')?.slice(0, 200));
      if (!scopes) return fail('invalid_scope', 'The scopes are read, suggest and write.');
      const resource = single('resource');
      if (resource !== undefined && !resourceMatches(resource, endpoints.resource)) {
        return fail('invalid_target', `This server issues tokens only for ${endpoints.resource}.`);
      }
      const now = clock.now();
      await repos.system.oauth.sweepAuthorizations(new Date(now.getTime() - KEEP_DECIDED_MS));
      const request = await repos.system.oauth.insertAuthorization({
        clientId: client.id,
        redirectUri,
        state: state ?? null,
        codeChallenge: challenge,
        scopes,
        resource: endpoints.resource,
        createdAt: now,
        expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
      });
      return `/oauth/consent?request=${request.id}`;
    },

    /** The request as the consent page shows it, claimed for the person who opened it. */
    async show(actor: Actor, requestId: string): Promise<AuthorizationRequest> {
      const { oauthGrants } = repos.for(actor);
      const request = await oauthGrants.claimAuthorization(requestId, clock.now());
      if (!request) throw notFound('Authorization request');
      const existing = await oauthGrants.findForClient(request.clientId);
      return {
        id: request.id,
        clientName: request.clientName,
        redirectHost: redirectHost(request.redirectUri),
        requestedScopes: scopesOf(request.scopes),
        grantedScopes: existing ? scopesOf(existing.scopes) : null,
        expiresAt: request.expiresAt.toISOString(),
      };
    },

    /** Allows the request: the grant takes these scopes and a one-time code goes to the client. */
    async allow(actor: Actor, requestId: string, chosen: AssistantScope[] | undefined, meta: RequestMeta) {
      const now = clock.now();
      const code = randomSecret();
      const result = await repos.transaction(actor, async ({ oauthGrants }) => {
        const request = await oauthGrants.claimAuthorization(requestId, now);
        if (!request) throw notFound('Authorization request');
        const scopes = normalizeScopes(chosen ?? scopesOf(request.scopes));
        const grant = await oauthGrants.upsert({ clientId: request.clientId, scopes, resource: request.resource, now });
        const decided = await oauthGrants.decide(request.id, {
          now,
          expiresAt: new Date(now.getTime() + CODE_TTL_MS),
          grantId: grant.id,
          codeHash: sha256(code),
        });
        if (!decided) throw notFound('Authorization request');
        return request;
      });
      await log(actor.userId, 'assistant_connected', meta);
      return { redirectTo: answer(result.redirectUri, { code, state: result.state }, endpoints.issuer) };
    },

    /** Refuses the request: the client hears access_denied. */
    async deny(actor: Actor, requestId: string) {
      const now = clock.now();
      const { oauthGrants } = repos.for(actor);
      const request = await oauthGrants.claimAuthorization(requestId, now);
      if (!request || !(await oauthGrants.decide(request.id, { now, expiresAt: now }))) throw notFound('Authorization request');
      const redirectTo = answer(
        request.redirectUri,
        { error: 'access_denied', error_description: 'The person did not allow the connection.', state: request.state },
        endpoints.issuer,
      );
      return { redirectTo };
    },

    async listClients(actor: Actor) {
      const rows = await repos.for(actor).oauthGrants.list();
      return { items: rows.map(toConnected), nextCursor: null };
    },

    /** Disconnects an assistant: its grant goes, and with it every token and code it holds. */
    async revokeClient(actor: Actor, grantId: string, meta: RequestMeta) {
      if (!(await repos.for(actor).oauthGrants.remove(grantId))) throw notFound('Connected assistant');
      await log(actor.userId, 'assistant_revoked', meta);
    },
  };
}
