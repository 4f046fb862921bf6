import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Job } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const jobsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['jobs'];

  app.get(
    '/jobs/:id',
    { schema: { tags, summary: 'The state of a long-running job', params: IdParams, response: { 200: Job } } },
    async (request) => services.jobs.get(actorOf(request), request.params.id),
  );

  app.get(
    '/jobs/:id/events',
    {
      schema: {
        tags,
        summary: 'Server-Sent Events until the job ends',
        description:
          'Each `job` event carries the Job as JSON, sent whenever it changes; `text` events carry `{delta}`, text the job streams as it works. The stream ends after the job succeeds or fails.',
        params: IdParams,
        response: {
          200: {
            description: 'An event stream',
            content: {
              'text/event-stream': { schema: z.string().describe('`event: job` / `event: text` lines, as described above') },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const body = await services.jobs.events(actorOf(request), request.params.id, request.raw, request.log);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(body as unknown as string); // a stream: Fastify sends it as is, without serializing
    },
  );
};
