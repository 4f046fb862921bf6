import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemType } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { HttpProblem, forbidden, unauthorized } from '../lib/problem.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { IssuedSession } from '../services/sessions.service.ts';
import type { Services } from '../services/index.ts';
import { isSafeMethod } from '../lib/http-methods.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Only for a browser session, never a personal token (token management, password, deletion). */
    sessionOnly?: boolean;
    /**
     * A change to how the account signs in: also needs a sign-in (or POST /auth/confirm) within
     * REAUTH_WINDOW_MINUTES, else 403 recent-sign-in-required. Implies a session.
     */
    recentSignIn?: boolean;
    /**
     * Reachable by an account that must still turn on two-factor sign-in (REQUIRE_TWO_FACTOR):
     * the account itself, its sign-in settings and its devices. Every other route answers 403.
     */
    beforeTwoFactor?: boolean;
  }
}

/** The description of every route marked `recentSignIn` (added by the OpenAPI plugin). */
export const RECENT_SIGN_IN_NOTE = `Needs a recent sign-in (within REAUTH_WINDOW_MINUTES, 15 by default): otherwise 403 with type \`${problemType('recent-sign-in-required')}\`; confirm with POST /auth/confirm (or a passkey at POST /auth/confirm/passkey) and try again.`;

/** Route config of the account's own sign-in settings, reachable before two-factor is on. */
export const ACCOUNT_SETTINGS = { sessionOnly: true, beforeTwoFactor: true } as const;

/** Route config of a change to how the account signs in. */
export const RECENT_SIGN_IN = { ...ACCOUNT_SETTINGS, recentSignIn: true } as const;

const twoFactorSetupRequired = () =>
  new HttpProblem('two-factor-setup-required', {
    detail: 'This server requires two-factor sign-in. Turn it on in Security first.',
  });

export const sessionCookieName = (config: Config) =>
  config.publicUrl.protocol === 'https:' ? '__Host-ca_session' : 'ca_session';

export function setSessionCookie(reply: FastifyReply, config: Config, session: IssuedSession) {
  reply.setCookie(sessionCookieName(config), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
    expires: session.expiresAt,
  });
}

/** The half-done sign-in waiting for a second factor: its own short-lived cookie. */
export const challengeCookieName = (config: Config) => (config.publicUrl.protocol === 'https:' ? '__Host-ca_2fa' : 'ca_2fa');

export function setChallengeCookie(reply: FastifyReply, config: Config, challenge: { token: string; expiresAt: Date }) {
  reply.setCookie(challengeCookieName(config), challenge.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.protocol === 'https:',
    expires: challenge.expiresAt,
  });
}

export function clearChallengeCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(challengeCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.protocol === 'https:',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
  });
}

export const requestMeta = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip || null,
  userAgent: request.headers['user-agent'] ?? null,
});

/** The signed-in actor of a route that requires one (every route not marked public). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/**
 * Authentication for the API scope: a Bearer personal token or the session cookie. Every route
 * requires a signed-in actor unless its config says `public: true`, so a forgotten check fails closed.
 */
export function registerAuthentication(app: FastifyInstance, config: Config, services: Services) {
  const cookieName = sessionCookieName(config);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match ? await services.tokens.resolve(match[1]!) : null;
      if (!actor) throw unauthorized('The token is not valid, has expired or was revoked.');
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[cookieName];
    if (cookie) request.actor = await services.sessions.resolve(cookie);
  });

  // Before the body is read: a stranger's upload to a private route is refused with 401 while it
  // is still arriving, never buffered or parsed, and learns nothing about the body's shape. After
  // the rate limiter (a route-level onRequest hook), so unauthenticated floods count too.
  app.addHook('preParsing', async (request, _reply, payload) => {
    await checkAccess(request);
    return payload;
  });

  async function checkAccess(request: FastifyRequest) {
    const routeConfig = request.routeOptions.config;
    if (routeConfig.public) return;
    const actor = actorOf(request);
    if (actor.via === 'token') {
      if (routeConfig.sessionOnly) throw forbidden('This needs a signed-in browser session, not a personal token.');
      if (!isSafeMethod(request.method) && !actor.scopes.includes('write')) {
        throw forbidden('This token may only read.');
      }
    }
    if (config.requireTwoFactor && !routeConfig.beforeTwoFactor && !(await services.twoFactor.enabled(actor.userId))) {
      throw twoFactorSetupRequired();
    }
    if (routeConfig.recentSignIn) await services.sessions.requireRecentSignIn(actor, config.reauthWindowMs);
  }
}
