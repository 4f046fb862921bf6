import * as oauth from 'oauth4webapi';
import { LOCALES, type SecurityEventKind } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { notFound } from '../lib/problem.ts';
import type { Sealer } from '../lib/sealing.ts';
import { sha256 } from '../lib/secrets.ts';
import { iso } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import { pickLocale, type AccountsService } from './accounts.service.ts';
import type { SecurityLog } from './security.service.ts';
import type { IssuedSession, SessionsService } from './sessions.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';
import { removeWayIn } from './ways-in.ts';

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
  /** The page's language and the browser's time zone, for an account made by this sign-in. */
  locale?: string;
  timezone?: string;
}

/** Who the provider says the person is. */
interface Identity {
  accountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

class OAuthFailure extends Error {}

/** Where the browser goes after the callback, with the cookies to set; `refused` says why a sign-in failed. */
export interface CallbackOutcome {
  location: string;
  session?: IssuedSession;
  challenge?: { token: string; expiresAt: Date };
  refused?: string;
}

/** Only a path of this site: never another origin (`//…`, `/\…`). */
const safeNext = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

/** A language and time zone the page sent, kept only when this server knows them. */
function accountDefaults(page: { locale?: string | undefined; timezone?: string | undefined }, acceptLanguage?: string) {
  const locale = (LOCALES as readonly string[]).includes(page.locale ?? '') ? page.locale! : pickLocale(acceptLanguage);
  let timezone: string | undefined;
  try {
    timezone = page.timezone ? new Intl.DateTimeFormat('en', { timeZone: page.timezone }).resolvedOptions().timeZone : undefined;
  } catch {
    timezone = undefined;
  }
  return { locale, ...(timezone ? { timezone } : {}) };
}

/**
 * Sign-in with GitHub and Google (OAuth 2.0 authorization code flow with PKCE; OpenID Connect for
 * Google). The state is single-use on the server as well as in a sealed cookie, so a replayed
 * callback is refused even with the cookie.
 */
export function createOAuthService(deps: {
  repos: Repositories;
  clock: Clock;
  config: Config;
  sealer: Sealer;
  log: SecurityLog;
  sessions: SessionsService;
  accounts: AccountsService;
  twoFactor: TwoFactorService;
}) {
  const { repos, clock, config, sealer, log, sessions, accounts, twoFactor } = deps;
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
    const claimed = await repos.system.oneTimeTokens.redeem(sha256(state), 'oauth_state', clock.now());
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

  /** The sign-in in progress, from its sealed cookie. */
  function openFlight(sealed: string | undefined): Flight {
    if (!sealed) throw new OAuthFailure('no sign-in in progress');
    try {
      return JSON.parse(sealer.open(sealed)) as Flight;
    } catch {
      throw new OAuthFailure('unreadable state');
    }
  }

  /**
   * The account for this identity: the one already linked; or, when linking, the signed-in
   * user's; or an existing account with the same address when both sides have verified it; or a
   * new account. Anything else is refused rather than guessed.
   */
  async function resolveUser(
    provider: Provider,
    identity: Identity,
    flight: Flight,
    acceptLanguage: string | undefined,
  ): Promise<{ userId: string; how: SecurityEventKind }> {
    const { linkUserId } = flight;
    const known = await repos.system.identities.findOwner(provider, identity.accountId);
    if (known) {
      if (linkUserId && known !== linkUserId) throw new OAuthFailure('already linked to another account');
      return { userId: known, how: `signed_in_${provider}` };
    }
    const link = (userId: string) =>
      repos
        .for({ userId })
        .identities.insert({ provider, providerAccountId: identity.accountId, email: identity.email, now: clock.now() });
    if (linkUserId) {
      await link(linkUserId);
      return { userId: linkUserId, how: `linked_${provider}` };
    }
    if (!identity.email) throw new OAuthFailure('the provider gave no e-mail address');
    const existing = await repos.system.accounts.findByEmail(identity.email);
    if (existing) {
      // Only when the provider and this account have both proven the address.
      if (!identity.emailVerified || !existing.emailVerifiedAt)
        throw new OAuthFailure('account exists; sign in and link from settings');
      await link(existing.id);
      return { userId: existing.id, how: `linked_${provider}` };
    }
    const created = await repos.transaction({ userId: uuidv7() }, async (mine) => {
      const now = clock.now();
      const user = await mine.accounts.create({
        email: identity.email!,
        displayName: (identity.name ?? identity.email!.split('@')[0]!).slice(0, 100),
        passwordHash: null,
        emailVerifiedAt: identity.emailVerified ? now : null,
        ...accountDefaults(flight, acceptLanguage),
        now,
      });
      // Taken between the look-up and now: refused like any other clash of addresses.
      if (!user) throw new OAuthFailure('account exists; sign in and link from settings');
      await mine.identities.insert({ provider, providerAccountId: identity.accountId, email: identity.email, now });
      return user;
    });
    return { userId: created.id, how: `registered_${provider}` };
  }

  return {
    /**
     * Where to send the browser, and the sealed cookie to carry. Linking (`linkFor`, the signed-in
     * actor) needs a recent sign-in: without one, back to `next` with error=reauth.
     */
    async start(
      provider: Provider,
      options: {
        next?: string | undefined;
        linkFor: Actor | null;
        locale?: string | undefined;
        timezone?: string | undefined;
        acceptLanguage?: string | undefined;
      },
      reauthWindowMs: number,
    ): Promise<{ url: string; cookie?: string }> {
      const next = safeNext(options.next);
      const settings = settingsOf(provider);
      if (options.linkFor && !(await sessions.isRecent(options.linkFor, reauthWindowMs))) {
        return { url: withQuery(next, `error=reauth&provider=${provider}`) };
      }
      const linkUserId = options.linkFor?.userId ?? null;
      const flight: Flight = {
        provider,
        state: oauth.generateRandomState(),
        verifier: oauth.generateRandomCodeVerifier(),
        nonce: oauth.generateRandomNonce(),
        linkUserId,
        next,
        expires: clock.now().getTime() + STATE_MS,
        ...(linkUserId ? {} : accountDefaults(options, options.acceptLanguage)),
      };
      const state = {
        purpose: 'oauth_state' as const,
        tokenHash: sha256(flight.state),
        expiresAt: new Date(flight.expires),
        now: clock.now(),
      };
      await (linkUserId
        ? repos.for({ userId: linkUserId }).oneTimeTokens.insert(state)
        : repos.system.oneTimeTokens.insertAnonymous(state));
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
     * The provider sent the browser back: checks the callback (state from both the cookie and the
     * server, single use), exchanges the code with the PKCE verifier, finds or makes the account,
     * and says where the browser goes next — signed in, to the second step of a two-factor
     * sign-in, back to the page that linked, or to the sign-in page with error=oauth.
     */
    async callback(
      provider: Provider,
      params: URLSearchParams,
      sealed: string | undefined,
      current: Actor | null,
      meta: RequestMeta & { acceptLanguage?: string | undefined },
      reauthWindowMs: number,
    ): Promise<CallbackOutcome> {
      settingsOf(provider);
      let flight: Flight | undefined;
      try {
        flight = openFlight(sealed);
        const identity = await checkCallback(provider, params, flight);
        const { userId, how } = await resolveUser(provider, identity, flight, meta.acceptLanguage);
        if (flight.linkUserId) {
          await log(userId, how, meta);
          return { location: withQuery(flight.next, `linked=${provider}`) };
        }
        if (await twoFactor.enabled(userId)) {
          return {
            location: `/login?twofactor=1&next=${encodeURIComponent(flight.next)}`,
            challenge: await twoFactor.startChallenge(userId),
          };
        }
        const { session } = await accounts.finishSignIn(userId, meta, how);
        // Signing in again in a browser that had a session replaces it; for the same account, it is
        // how an account without password, code or passkey confirms it is the owner.
        if (current?.via === 'session' && current.sessionId) {
          await sessions.end(current);
          if (current.userId === userId) {
            await sessions.rememberConfirmation(repos.for(current), session.sessionId, reauthWindowMs);
          }
        }
        return { location: flight.next, session };
      } catch (err) {
        if (!(err instanceof OAuthFailure)) throw err;
        // Someone linking is signed in already: back to where they were, not to the sign-in page.
        const back = flight?.linkUserId ? flight.next : '/login';
        return { location: withQuery(back, `error=oauth&provider=${provider}`), refused: err.message };
      }
    },

    async list(actor: Actor) {
      const rows = await repos.for(actor).identities.list();
      return {
        items: rows.map((r) => ({ id: r.id, provider: r.provider, email: r.email, createdAt: iso(r.createdAt) })),
        nextCursor: null,
      };
    },

    /** Unlinks a provider, as long as another way to sign in remains (a password, a provider, a passkey). */
    unlink: (actor: Actor, id: string, meta: RequestMeta) =>
      removeWayIn(deps, actor, meta, {
        remove: ({ identities }) => identities.delete(id),
        what: 'Linked account',
        refusal: 'This is your only way to sign in. Set a password or add a passkey first.',
        logAs: 'provider_unlinked',
      }),
  };
}
export type OAuthService = ReturnType<typeof createOAuthService>;
