import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Job } from '@career-anchor/contracts';
import { actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const jobsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['jobs'];

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        operationId: 'getJob',
        summary: 'The state of a long-running job',
        params: IdParams,
        response: { 200: Job },
      },
    },
    async (request) => services.jobs.get(actorOf(request), request.params.id),
  );

  app.get(
    '/jobs/:id/events',
    {
      schema: {
        tags,
        operationId: 'streamJobEvents',
        summary: 'Server-Sent Events until the job ends',
        description:
          'Each `job` event carries the Job as JSON, sent whenever it changes; `text` events carry `{delta}`, text the job streams as it works (concatenated, the deltas are the whole text, each part sent once); when a job is retried its text starts again, and the first `text` event of the new attempt carries `{delta, restart: true}`: its text replaces what came before. The stream opens with `retry: 2000` and sends a `: keep-alive` comment every 15 s. Every event has an `id`, `<length>.<state>`: the length of the text the client has once it has this event, and which Job state it has seen. A client that reconnects with the last one it received in `Last-Event-ID` (as EventSource does) gets only what it missed: the Job if it changed, and the text after what it had. When the job succeeds or fails, its final `job` event is the last and the server closes the stream; a reconnect after it is answered `204 No Content`, which tells EventSource to stop. Without `Last-Event-ID`, an ended job is streamed in full, then closed.',
        headers: z.looseObject({
          'last-event-id': z.string().max(64).optional().describe('The `id` of the last event received, to resume after it'),
        }),
        params: IdParams,
        response: {
          200: {
            description: 'An event stream',
            content: {
              'text/event-stream': {
                schema: z.string().describe('`event: job` or `event: text`, `data:` and `id:` lines, as described above'),
              },
            },
          },
          204: z.null().describe('The job has ended and the client, by its `Last-Event-ID`, already has all of it'),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = await services.jobs.events(actorOf(request), id, request.headers['last-event-id'], request.raw, request.log);
      if (!body) return reply.code(204).send(null);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(body as unknown as string); // a stream: Fastify sends it as is, without serializing
    },
  );
};
