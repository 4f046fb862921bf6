import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, ApiTokenCreateBody, ApiTokenCreated, IdParams, pageOf } from '@career-anchor/contracts';
import { ACCOUNT_SETTINGS, RECENT_SIGN_IN, actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const tokensRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['auth'];
  const config = ACCOUNT_SETTINGS;

  app.get(
    '/auth/tokens',
    {
      schema: { tags, operationId: 'listApiTokens', summary: 'Personal API tokens', response: { 200: pageOf(ApiToken) } },
      config,
    },
    async (request) => services.tokens.list(actorOf(request)),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        operationId: 'createApiToken',
        summary: 'Create a personal API token; the secret is in this answer only',
        body: ApiTokenCreateBody,
        response: { 201: ApiTokenCreated },
      },
      // A token is a way in that skips two-factor sign-in: not before it is on.
      config: { ...RECENT_SIGN_IN, beforeTwoFactor: false },
    },
    async (request, reply) => reply.code(201).send(await services.tokens.create(actorOf(request), request.body)),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags,
        operationId: 'revokeApiToken',
        summary: 'Revoke a personal API token',
        params: IdParams,
        response: { 204: z.null() },
      },
      config,
    },
    async (request, reply) => {
      await services.tokens.revoke(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
