import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuthorizationAllowBody,
  AuthorizationDecision,
  AuthorizationRequest,
  ConnectedClient,
  IdParams,
  pageOf,
} from '@career-anchor/contracts';
import { actorOf, requestMeta } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/**
 * The web app's side of assistants' OAuth: the consent page's request and decision, and the
 * connected assistants with their revocation. A browser session only: an assistant cannot
 * approve itself, nor a personal token connect one.
 */
export const assistantClientsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['assistants'];
  const config = { sessionOnly: true };
  const oauth = services.oauthServer;

  app.get(
    '/assistants/clients',
    {
      schema: {
        tags,
        operationId: 'listConnectedClients',
        summary: 'Assistants connected through OAuth, with their scopes and last use',
        response: { 200: pageOf(ConnectedClient) },
      },
      config,
    },
    async (request) => oauth.listClients(actorOf(request)),
  );

  app.delete(
    '/assistants/clients/:id',
    {
      schema: {
        tags,
        operationId: 'revokeConnectedClient',
        summary: 'Disconnect an assistant: its access and refresh tokens stop working at once',
        params: IdParams,
        response: { 204: z.null() },
      },
      config,
    },
    async (request, reply) => {
      await oauth.revokeClient(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/assistants/authorizations/:id',
    {
      schema: {
        tags,
        operationId: 'getAuthorizationRequest',
        summary: 'An assistant’s request to connect, for the consent page (claimed by the first person to open it)',
        params: IdParams,
        response: { 200: AuthorizationRequest },
      },
      config,
    },
    async (request) => oauth.show(actorOf(request), request.params.id),
  );

  app.post(
    '/assistants/authorizations/:id/allow',
    {
      schema: {
        tags,
        operationId: 'allowAuthorizationRequest',
        summary: 'Allow an assistant to connect with these scopes; answers where to send the browser',
        params: IdParams,
        body: AuthorizationAllowBody,
        response: { 200: AuthorizationDecision },
      },
      config,
    },
    async (request) => oauth.allow(actorOf(request), request.params.id, request.body.scopes, requestMeta(request)),
  );

  app.post(
    '/assistants/authorizations/:id/deny',
    {
      schema: {
        tags,
        operationId: 'denyAuthorizationRequest',
        summary: 'Refuse an assistant’s request to connect; answers where to send the browser',
        params: IdParams,
        response: { 200: AuthorizationDecision },
      },
      config,
    },
    async (request) => oauth.deny(actorOf(request), request.params.id),
  );
};
