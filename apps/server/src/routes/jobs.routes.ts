import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Job } from '@career-anchor/contracts';
import type { Database } from '../db/client.ts';
import { actorOf } from '../plugins/auth.ts';
import { findJobRun } from '../repositories/jobs.repository.ts';
import { toJobDto } from '../jobs/queue.ts';
import type { Services } from '../services/index.ts';

const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

export const jobsRoutes: FastifyPluginAsyncZod<{ services: Services; database: Database }> = async (
  app,
  { services, database },
) => {
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
      const actor = actorOf(request);
      await services.jobs.get(actor, request.params.id); // 404 before any stream starts
      const id = request.params.id;
      const encoder = new TextEncoder();
      let cleanup = () => {};

      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let lastJob = '';
          let sentText = 0;
          let closed = false;
          let busy = false;
          const write = (chunk: string) => !closed && controller.enqueue(encoder.encode(chunk));
          const finish = () => {
            if (closed) return;
            cleanup();
            closed = true;
            controller.close();
          };
          const check = async () => {
            if (busy || closed) return;
            busy = true;
            try {
              const row = await findJobRun(database.db, actor.userId, id);
              if (!row) return finish();
              const partial = row.partial ?? '';
              if (partial.length > sentText) {
                write(`event: text\ndata: ${JSON.stringify({ delta: partial.slice(sentText) })}\n\n`);
                sentText = partial.length;
              }
              const job = JSON.stringify(toJobDto(row));
              if (job !== lastJob) {
                write(`event: job\ndata: ${job}\n\n`);
                lastJob = job;
              }
              if (row.status === 'succeeded' || row.status === 'failed') finish();
            } catch (err) {
              request.log.warn({ err }, 'job event stream failed');
              finish();
            } finally {
              busy = false;
            }
          };
          const poll = setInterval(check, POLL_MS);
          const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
          const unsubscribe = services.jobs.onChange(id, () => void check());
          cleanup = () => {
            clearInterval(poll);
            clearInterval(heartbeat);
            unsubscribe();
          };
          request.raw.once('close', finish);
          void check();
        },
        cancel() {
          cleanup();
        },
      });

      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(body as unknown as string); // a stream: Fastify sends it as is, without serializing
    },
  );
};
