import * as oauth from 'oauth4webapi';
import { and, count, eq, sql } from 'drizzle-orm';
import type { SecurityEventKind } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { authIdentities, oneTimeTokens, passkeys, profiles, userSettings, users } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { conflict, notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import { sha256 } from '../lib/secrets.ts';
import { iso } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import type { Actor } from '../lib/actor.ts';

export type Provider = 'github' | 'google';
const STATE_MS = 10 * 60_000;

/** What the browser carries between leaving for the provider and coming back (sealed). */
interface Flight {
  provider: Provider;
  state: string;
  verifier: string;
  nonce: string;
  /** Set when a signed-in user is linking a provider to their account. */
  linkUserId: string | null;
  next: string;
  expires: number;
}

/** Who the provider says the person is. */
interface Identity {
  accountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export class OAuthFailure extends Error {
  /** Set once the sign-in in progress is known, so a failed link can return to its page. */
  flight?: Pick<Flight, 'next' | 'linkUserId'>;
}

/**
 * Sign-in with GitHub and Google (OAuth 2.0 authorization code flow with PKCE; OpenID Connect for
 * Google). The state is single-use on the server as well as in a sealed cookie, so a replayed
 * callback is refused even with the cookie.
 */
export function createOAuthService(deps: { db: Db; clock: Clock; config: Config; sealer: Sealer }) {
  const { db, clock, config, sealer } = deps;
  const redirectUri = (provider: Provider) => `${config.publicUrl.origin}/api/v1/auth/oauth/${provider}/callback`;
  const insecure = (url: string) => new URL(url).protocol === 'http:';
  let googleServer: oauth.AuthorizationServer | undefined;

  function settingsOf(provider: Provider) {
    const settings = config.oauth[provider];
    if (!settings) throw notFound('Sign-in provider');
    return settings;
  }

  async function google(): Promise<oauth.AuthorizationServer> {
    const { issuer } = settingsOf('google') as { issuer: string };
    if (!googleServer) {
      const url = new URL(issuer);
      const options = insecure(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
      googleServer = await oauth.processDiscoveryResponse(
        url,
        await oauth.discoveryRequest(url, { algorithm: 'oidc', ...options }),
      );
    }
    return googleServer;
  }

  /** The state from both the cookie and the server (single use), then the code exchanged with the PKCE verifier. */
  async function checkCallback(provider: Provider, params: URLSearchParams, flight: Flight): Promise<Identity> {
    const state = params.get('state');
    if (flight.provider !== provider || !state || state !== flight.state || flight.expires < clock.now().getTime())
      throw new OAuthFailure('state mismatch');
    const [claimed] = await db
      .update(oneTimeTokens)
      .set({ usedAt: clock.now() })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, sha256(state)),
          eq(oneTimeTokens.purpose, 'oauth_state'),
          sql`${oneTimeTokens.usedAt} is null`,
        ),
      )
      .returning({ id: oneTimeTokens.id });
    if (!claimed) throw new OAuthFailure('state already used');
    if (params.get('error')) throw new OAuthFailure(`provider said ${params.get('error')}`);
    const code = params.get('code');
    if (!code) throw new OAuthFailure('no code');
    const identity = provider === 'github' ? await githubIdentity(code, flight) : await googleIdentity(params, flight);
    return identity;
  }

  async function githubIdentity(code: string, flight: Flight): Promise<Identity> {
    const settings = config.oauth.github!;
    const res = await fetch(`${settings.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        code,
        redirect_uri: redirectUri('github'),
        code_verifier: flight.verifier,
      }),
    });
    const token = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string };
    if (!res.ok || !token.access_token) throw new OAuthFailure(`token exchange refused (${token.error ?? res.status})`);
    const api = (path: string) =>
      fetch(`${settings.apiUrl}${path}`, {
        headers: {
          authorization: `Bearer ${token.access_token}`,
          accept: 'application/vnd.github+json',
          'user-agent': 'career-anchor',
        },
      });
    const user = (await (await api('/user')).json()) as { id?: number; name?: string | null; login?: string };
    if (!user.id) throw new OAuthFailure('no user');
    const emails = (await (await api('/user/emails')).json().catch(() => [])) as {
      email: string;
      primary: boolean;
      verified: boolean;
    }[];
    const primary = Array.isArray(emails) ? emails.find((e) => e.primary) : undefined;
    return {
      accountId: String(user.id),
      email: primary?.email ?? null,
      emailVerified: Boolean(primary?.verified),
      name: user.name ?? user.login ?? null,
    };
  }

  async function googleIdentity(params: URLSearchParams, flight: Flight): Promise<Identity> {
    const settings = config.oauth.google!;
    const as = await google();
    const client: oauth.Client = { client_id: settings.clientId };
    const auth = oauth.ClientSecretPost(settings.clientSecret);
    const options = insecure(settings.issuer) ? { [oauth.allowInsecureRequests]: true } : {};
    try {
      const validated = oauth.validateAuthResponse(as, client, params, flight.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        validated,
        redirectUri('google'),
        flight.verifier,
        options,
      );
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: flight.nonce,
        requireIdToken: true,
      });
      // TLS already vouches for the token endpoint, but the ID token's signature is checked
      // against the provider's published keys as well: an unsigned or forged one is refused.
      await oauth.validateApplicationLevelSignature(as, response, options);
      const claims = oauth.getValidatedIdTokenClaims(result)!;
      return {
        accountId: String(claims.sub),
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    } catch (err) {
      throw new OAuthFailure(err instanceof Error ? err.message : 'refused');
    }
  }

  return {
    configured: (provider: Provider) => Boolean(config.oauth[provider]),

    /** Where to send the browser, and the sealed cookie to carry. */
    async start(provider: Provider, options: { next: string; linkUserId: string | null }) {
      const settings = settingsOf(provider);
      const flight: Flight = {
        provider,
        state: oauth.generateRandomState(),
        verifier: oauth.generateRandomCodeVerifier(),
        nonce: oauth.generateRandomNonce(),
        linkUserId: options.linkUserId,
        next: options.next,
        expires: clock.now().getTime() + STATE_MS,
      };
      await db.insert(oneTimeTokens).values({
        userId: options.linkUserId,
        purpose: 'oauth_state',
        tokenHash: sha256(flight.state),
        expiresAt: new Date(flight.expires),
        createdAt: clock.now(),
      });
      const challenge = await oauth.calculatePKCECodeChallenge(flight.verifier);
      const authorize =
        provider === 'github'
          ? new URL(`${(settings as { url: string }).url}/login/oauth/authorize`)
          : new URL((await google()).authorization_endpoint!);
      authorize.search = new URLSearchParams({
        client_id: settings.clientId,
        redirect_uri: redirectUri(provider),
        response_type: 'code',
        scope: provider === 'github' ? 'read:user user:email' : 'openid email profile',
        state: flight.state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...(provider === 'google' ? { nonce: flight.nonce } : {}),
      }).toString();
      return { url: authorize.href, cookie: sealer.seal(JSON.stringify(flight)) };
    },

    /**
     * Checks the callback (state from both the cookie and the server, single use), exchanges the
     * code with the PKCE verifier, and returns who the person is.
     */
    async finish(
      provider: Provider,
      params: URLSearchParams,
      sealed: string | undefined,
    ): Promise<{ identity: Identity; flight: Flight }> {
      settingsOf(provider);
      if (!sealed) throw new OAuthFailure('no sign-in in progress');
      let flight: Flight;
      try {
        flight = JSON.parse(sealer.open(sealed)) as Flight;
      } catch {
        throw new OAuthFailure('unreadable state');
      }
      try {
        return { identity: await checkCallback(provider, params, flight), flight };
      } catch (err) {
        if (err instanceof OAuthFailure) err.flight = flight;
        throw err;
      }
    },

    /**
     * The account for this identity: the one already linked; or, when linking, the signed-in
     * user's; or an existing account with the same address when both sides have verified it; or a
     * new account. Anything else is refused rather than guessed.
     */
    async resolveUser(
      provider: Provider,
      identity: Identity,
      linkUserId: string | null,
    ): Promise<{ userId: string; how: SecurityEventKind }> {
      const [known] = await db
        .select({ userId: authIdentities.userId })
        .from(authIdentities)
        .where(and(eq(authIdentities.provider, provider), eq(authIdentities.providerAccountId, identity.accountId)));
      if (known) {
        if (linkUserId && known.userId !== linkUserId) throw new OAuthFailure('already linked to another account');
        return { userId: known.userId, how: `signed_in_${provider}` };
      }
      const link = async (userId: string) =>
        db
          .insert(authIdentities)
          .values({ userId, provider, providerAccountId: identity.accountId, email: identity.email, createdAt: clock.now() });
      if (linkUserId) {
        await link(linkUserId);
        return { userId: linkUserId, how: `linked_${provider}` };
      }
      if (identity.email) {
        const [existing] = await db
          .select()
          .from(users)
          .where(sql`lower(${users.email}) = lower(${identity.email})`);
        if (existing) {
          // Only when the provider and this account have both proven the address.
          if (!identity.emailVerified || !existing.emailVerifiedAt)
            throw new OAuthFailure('account exists; sign in and link from settings');
          await link(existing.id);
          return { userId: existing.id, how: `linked_${provider}` };
        }
      }
      if (!identity.email) throw new OAuthFailure('the provider gave no e-mail address');
      const userId = uuidv7();
      await db.transaction(async (tx) => {
        await tx.insert(users).values({
          id: userId,
          email: identity.email!,
          displayName: (identity.name ?? identity.email!.split('@')[0]!).slice(0, 100),
          passwordHash: null,
          emailVerifiedAt: identity.emailVerified ? clock.now() : null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
        await tx.insert(profiles).values({ userId });
        await tx.insert(userSettings).values({ userId });
        await tx
          .insert(authIdentities)
          .values({ userId, provider, providerAccountId: identity.accountId, email: identity.email, createdAt: clock.now() });
      });
      return { userId, how: `registered_${provider}` };
    },

    async list(actor: Actor) {
      const rows = await db
        .select()
        .from(authIdentities)
        .where(eq(authIdentities.userId, actor.userId))
        .orderBy(authIdentities.createdAt);
      return {
        items: rows.map((r) => ({ id: r.id, provider: r.provider, email: r.email, createdAt: iso(r.createdAt) })),
        nextCursor: null,
      };
    },

    /** Unlinks a provider, as long as another way to sign in remains. */
    async unlink(actor: Actor, id: string) {
      const [identity] = await db
        .select()
        .from(authIdentities)
        .where(and(idEq(authIdentities.id, id), eq(authIdentities.userId, actor.userId)));
      if (!identity) throw notFound('Linked account');
      const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
      const [others] = await db.select({ n: count() }).from(authIdentities).where(eq(authIdentities.userId, actor.userId));
      const [keys] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, actor.userId));
      if (!user?.hash && (others?.n ?? 0) <= 1 && (keys?.n ?? 0) === 0) {
        throw conflict('This is your only way to sign in. Set a password or add a passkey first.');
      }
      await db.delete(authIdentities).where(eq(authIdentities.id, identity.id));
    },
  };
}
export type OAuthService = ReturnType<typeof createOAuthService>;
