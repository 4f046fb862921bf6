import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LinkedIdentity, OAuthProvider, pageOf } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { ACCOUNT_SETTINGS, RECENT_SIGN_IN, actorOf, requestMeta, setChallengeCookie, setSessionCookie } from '../plugins/auth.ts';
import { OAuthFailure } from '../services/oauth.service.ts';
import type { Services } from '../services/index.ts';

const FLIGHT_COOKIE = 'ca_oauth';
const safeNext = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

export const oauthRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const tags = ['sign-in providers'];
  const cookieOptions = {
    path: '/api/v1/auth/oauth',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.protocol === 'https:',
  };

  app.get(
    '/auth/oauth/:provider/start',
    {
      schema: {
        tags,
        summary: 'Leave for GitHub or Google to sign in (or, with link=1, to link the provider to this account)',
        description:
          'Linking needs a recent sign-in (within REAUTH_WINDOW_MINUTES): without one, this is a page navigation, so it answers no JSON but goes back to `next` with `error=reauth&provider=…`; confirm with POST /auth/confirm and start again.',
        params: z.object({ provider: OAuthProvider }),
        querystring: z.object({ next: z.string().max(500).optional(), link: z.enum(['1']).optional() }),
        response: {
          302: z
            .null()
            .describe('To the provider’s sign-in page; or, linking without a recent sign-in, back to `next` with error=reauth'),
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      let linkUserId: string | null = null;
      if (request.query.link) {
        const actor = actorOf(request);
        if (!(await services.sessions.isRecent(actor, config.reauthWindowMs))) {
          return reply.redirect(withQuery(next, `error=reauth&provider=${request.params.provider}`), 302);
        }
        linkUserId = actor.userId;
      }
      const { url, cookie } = await services.oauth.start(request.params.provider, { next, linkUserId });
      reply.setCookie(FLIGHT_COOKIE, cookie, { ...cookieOptions, maxAge: 600 });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/auth/oauth/:provider/callback',
    {
      schema: {
        tags,
        summary: 'Where the provider sends the browser back',
        params: z.object({ provider: OAuthProvider }),
        querystring: z.looseObject({
          code: z.string().max(2000).optional(),
          state: z.string().max(2000).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
        response: {
          302: z
            .null()
            .describe(
              'Into the app, signed in; or to the sign-in page with error=oauth. A link that fails goes back to the page it started from, with error=oauth.',
            ),
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const provider = request.params.provider;
      const sealed = request.cookies[FLIGHT_COOKIE];
      reply.clearCookie(FLIGHT_COOKIE, cookieOptions);
      try {
        const params = new URLSearchParams(
          Object.entries(request.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        const { identity, flight } = await services.oauth.finish(provider, params, sealed);
        const { userId, how } = await services.oauth.resolveUser(provider, identity, flight.linkUserId).catch((err) => {
          if (err instanceof OAuthFailure) err.flight = flight;
          throw err;
        });
        if (!flight.linkUserId && (await services.twoFactor.enabled(userId))) {
          setChallengeCookie(reply, config, await services.twoFactor.startChallenge(userId));
          return reply.redirect(`/login?twofactor=1&next=${encodeURIComponent(flight.next)}`, 302);
        }
        if (flight.linkUserId) {
          await services.security.log(userId, how, requestMeta(request));
          return reply.redirect(withQuery(flight.next, `linked=${provider}`), 302);
        }
        const { session } = await services.accounts.finishSignIn(userId, requestMeta(request), how);
        // Signing in again in a browser that had a session replaces it; for the same account, it is
        // how an account without password, code or passkey confirms it is the owner.
        const previous = request.actor?.via === 'session' ? request.actor : null;
        if (previous?.sessionId) {
          await services.sessions.revoke(previous.sessionId);
          if (previous.userId === userId) {
            await services.sessions.rememberConfirmation(userId, session.sessionId, config.reauthWindowMs);
          }
        }
        setSessionCookie(reply, config, session);
        return reply.redirect(flight.next, 302);
      } catch (err) {
        if (!(err instanceof OAuthFailure)) throw err;
        request.log.warn({ provider, reason: err.message }, 'external sign-in refused');
        // Someone linking is signed in already: back to where they were, not to the sign-in page.
        const back = err.flight?.linkUserId ? err.flight.next : '/login';
        return reply.redirect(withQuery(back, `error=oauth&provider=${provider}`), 302);
      }
    },
  );

  app.get(
    '/auth/identities',
    {
      schema: { tags, summary: 'Sign-in providers linked to this account', response: { 200: pageOf(LinkedIdentity) } },
      config: ACCOUNT_SETTINGS,
    },
    async (request) => services.oauth.list(actorOf(request)),
  );
  app.delete(
    '/auth/identities/:id',
    {
      schema: {
        tags,
        summary: 'Unlink a provider (while another way to sign in remains)',
        params: IdParams,
        response: { 204: z.null() },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      await services.oauth.unlink(actorOf(request), request.params.id);
      await services.security.log(actorOf(request).userId, 'provider_unlinked', requestMeta(request));
      return reply.code(204).send(null);
    },
  );
};
