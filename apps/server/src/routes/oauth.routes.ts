import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, LinkedIdentity, OAuthProvider, pageOf } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { ACCOUNT_SETTINGS, RECENT_SIGN_IN, actorOf, requestMeta, setChallengeCookie, setSessionCookie } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

const FLIGHT_COOKIE = 'ca_oauth';

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
        operationId: 'startOAuth',
        summary: 'Leave for GitHub or Google to sign in (or, with link=1, to link the provider to this account)',
        description:
          'Linking needs a recent sign-in (within REAUTH_WINDOW_MINUTES): without one, this is a page navigation, so it answers no JSON but goes back to `next` with `error=reauth&provider=…`; confirm with POST /auth/confirm and start again.',
        params: z.object({ provider: OAuthProvider }),
        querystring: z.object({
          next: z.string().max(500).optional(),
          link: z.enum(['1']).optional(),
          locale: z
            .string()
            .max(20)
            .optional()
            .describe('The page’s language (en, zh-CN), for an account this sign-in makes; others are ignored'),
          timezone: z
            .string()
            .max(64)
            .optional()
            .describe('The browser’s IANA time zone, for an account this sign-in makes; an unknown one is ignored'),
        }),
        response: {
          302: z
            .null()
            .describe('To the provider’s sign-in page; or, linking without a recent sign-in, back to `next` with error=reauth'),
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { link, ...query } = request.query;
      const { url, cookie } = await services.oauth.start(
        request.params.provider,
        { ...query, linkFor: link ? actorOf(request) : null, acceptLanguage: request.headers['accept-language'] },
        config.reauthWindowMs,
      );
      if (cookie) reply.setCookie(FLIGHT_COOKIE, cookie, { ...cookieOptions, maxAge: 600 });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/auth/oauth/:provider/callback',
    {
      schema: {
        tags,
        operationId: 'finishOAuth',
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
      reply.clearCookie(FLIGHT_COOKIE, cookieOptions);
      const params = new URLSearchParams(
        Object.entries(request.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const outcome = await services.oauth.callback(
        provider,
        params,
        request.cookies[FLIGHT_COOKIE],
        request.actor,
        { ...requestMeta(request), acceptLanguage: request.headers['accept-language'] },
        config.reauthWindowMs,
      );
      if (outcome.refused) request.log.warn({ provider, reason: outcome.refused }, 'external sign-in refused');
      if (outcome.challenge) setChallengeCookie(reply, config, outcome.challenge);
      if (outcome.session) setSessionCookie(reply, config, outcome.session);
      return reply.redirect(outcome.location, 302);
    },
  );

  app.get(
    '/auth/identities',
    {
      schema: {
        tags,
        operationId: 'listLinkedIdentities',
        summary: 'Sign-in providers linked to this account',
        response: { 200: pageOf(LinkedIdentity) },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request) => services.oauth.list(actorOf(request)),
  );
  app.delete(
    '/auth/identities/:id',
    {
      schema: {
        tags,
        operationId: 'unlinkIdentity',
        summary: 'Unlink a provider (while another way to sign in remains)',
        params: IdParams,
        response: { 204: z.null() },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      await services.oauth.unlink(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
};
