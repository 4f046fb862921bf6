import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuery, TrashItem, TrashParams, pageOf } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const trashRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['trash'];
  app.get(
    '/trash',
    {
      schema: {
        tags,
        operationId: 'listTrash',
        summary: 'Deleted items, restorable for 30 days, most recently deleted first',
        querystring: PageQuery,
        response: { 200: pageOf(TrashItem) },
      },
    },
    async (request) => services.trash.list(actorOf(request), request.query),
  );
  app.post(
    '/trash/:kind/:id/restore',
    {
      schema: {
        tags,
        operationId: 'restoreItem',
        summary: 'Bring a deleted item back',
        params: TrashParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await services.trash.restore(actorOf(request), request.params.kind, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
