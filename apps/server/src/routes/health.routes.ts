import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Status } from '@career-anchor/contracts';
import type { Services } from '../services/index.ts';

/** Liveness and readiness, answered by every process whatever its role. */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/healthz',
    {
      schema: { tags: ['health'], operationId: 'checkLiveness', summary: 'Liveness', response: { 200: Status } },
      config: { public: true },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'checkReadiness',
        summary: 'Readiness: the database answers',
        response: { 200: Status },
      },
      config: { public: true },
    },
    async (request) => services.health.ready(request.log),
  );
};
