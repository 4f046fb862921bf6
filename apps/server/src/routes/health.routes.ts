import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Status } from '@career-anchor/contracts';
import type { Database } from '../db/client.ts';
import { HttpProblem } from '../lib/problem.ts';

/** Liveness and readiness, answered by every process whatever its role. */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: Status } }, config: { public: true } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Status } },
      config: { public: true },
    },
    async (request) => {
      try {
        await database.ping();
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        throw new HttpProblem(503, 'Service unavailable', { detail: 'The database is not reachable.' });
      }
      return { status: 'ok' as const };
    },
  );
};
