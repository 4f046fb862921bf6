import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery, SecurityEvent, SessionInfo, pageOf } from '@career-anchor/contracts';
import { ACCOUNT_SETTINGS, RECENT_SIGN_IN, actorOf, requestMeta } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const securityRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['security'];
  const config = ACCOUNT_SETTINGS;
  app.get(
    '/auth/sessions',
    {
      schema: {
        tags,
        operationId: 'listSessions',
        summary: 'Devices signed in to this account',
        response: { 200: pageOf(SessionInfo) },
      },
      config,
    },
    async (request) => services.security.sessions(actorOf(request)),
  );
  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags,
        operationId: 'revokeSession',
        summary: 'Sign a device out',
        params: IdParams,
        response: { 204: z.null() },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      await services.security.revoke(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/sessions/revoke-others',
    {
      schema: { tags, operationId: 'revokeOtherSessions', summary: 'Sign out every other device', response: { 204: z.null() } },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      await services.security.revokeOthers(actorOf(request), requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/auth/security-log',
    {
      schema: {
        tags,
        operationId: 'listSecurityEvents',
        summary: 'Sign-ins, failures and security changes, newest first',
        querystring: PageQuery,
        response: { 200: pageOf(SecurityEvent) },
      },
      config,
    },
    async (request) => services.security.events(actorOf(request), request.query),
  );
};
