import type { Clock } from '../../lib/clock.ts';
import type { Repositories } from '../../repositories/index.ts';
import { OAuthError, parseScope } from './protocol.ts';
import { redirectUriProblem } from './redirects.ts';

const MAX_REDIRECT_URIS = 10;
const CLIENT_NAME_MAX = 100;
/** Control characters and bidirectional overrides: a name that could disguise itself on the consent page. */
const DISGUISING = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Registrations nobody connected are kept this long: enough to finish a sign-in, not to pile up. */
const UNUSED_CLIENT_DAYS = 7;

const invalidMetadata = (description: string) => new OAuthError('invalid_client_metadata', description);

const stringList = (value: unknown, field: string, max: number): string[] | undefined => {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > max || !value.every((v) => typeof v === 'string')) {
    throw invalidMetadata(`${field} must be a list of at most ${max} strings.`);
  }
  return value as string[];
};

/** Dynamic client registration (RFC 7591) for public clients: no secret, PKCE does its work. */
export function createClientRegistration(repos: Repositories, clock: Clock) {
  return {
    async register(body: unknown) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalidMetadata('The body must be a JSON object of client metadata.');
      }
      const metadata = body as Record<string, unknown>;
      const redirectUris = stringList(metadata.redirect_uris, 'redirect_uris', MAX_REDIRECT_URIS);
      if (!redirectUris?.length) throw new OAuthError('invalid_redirect_uri', 'redirect_uris must list at least one address.');
      for (const uri of redirectUris) {
        const problem = redirectUriProblem(uri);
        if (problem) throw new OAuthError('invalid_redirect_uri', `${uri.slice(0, 100)}: ${problem}.`);
      }
      const grantTypes = stringList(metadata.grant_types, 'grant_types', 5) ?? ['authorization_code', 'refresh_token'];
      if (!grantTypes.every((g) => g === 'authorization_code' || g === 'refresh_token')) {
        throw invalidMetadata('Only the authorization_code and refresh_token grant types are supported.');
      }
      const responseTypes = stringList(metadata.response_types, 'response_types', 5) ?? ['code'];
      if (!responseTypes.every((r) => r === 'code')) throw invalidMetadata('Only the code response type is supported.');
      const name = metadata.client_name ?? 'Unnamed assistant';
      if (typeof name !== 'string' || !name.trim() || name.length > CLIENT_NAME_MAX || DISGUISING.test(name)) {
        throw invalidMetadata(`client_name must be plain text of 1 to ${CLIENT_NAME_MAX} characters.`);
      }
      const scope = metadata.scope;
      if (scope !== undefined && (typeof scope !== 'string' || scope.length > 100 || !parseScope(scope))) {
        throw invalidMetadata('scope may name only read, suggest and write.');
      }
      const now = clock.now();
      await repos.system.oauth.sweepClients(new Date(now.getTime() - UNUSED_CLIENT_DAYS * 86_400_000));
      const client = await repos.system.oauth.insertClient({
        clientName: name.trim(),
        redirectUris: [...new Set(redirectUris)],
        createdAt: now,
      });
      // A client asking for a secret gets none: every client here is public (token_endpoint_auth_method "none").
      return {
        client_id: client.id,
        client_id_issued_at: Math.floor(now.getTime() / 1000),
        client_name: client.clientName,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        ...(typeof scope === 'string' ? { scope } : {}),
      };
    },
  };
}
