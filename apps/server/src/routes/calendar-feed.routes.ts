import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { CalendarFeed } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { HttpProblem } from '../lib/problem.ts';
import { RECENT_SIGN_IN_NOTE, actorOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

/** The owner's side of the private calendar feed, in /api/v1: its address, a new one, none. */
export const calendarFeedRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['settings'];
  // The address is a way to read the person's to-dos: a browser session manages it, not a
  // personal token, and making one needs a recent sign-in, as making a token does.
  const config = { sessionOnly: true } as const;
  const response = { 200: CalendarFeed };
  app.get(
    '/calendar-feed',
    {
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        summary: 'The private calendar feed’s address (url null when there is none)',
        response,
      },
      config,
    },
    async (request) => services.calendarFeed.get(actorOf(request)),
  );
  app.post(
    '/calendar-feed/rotate',
    {
      schema: {
        tags,
        operationId: 'rotateCalendarFeed',
        summary: 'Make the feed, or give it a new address: the old one answers 404 at once',
        description: RECENT_SIGN_IN_NOTE,
        response,
      },
      config: { ...config, recentSignIn: true },
    },
    async (request) => services.calendarFeed.rotate(actorOf(request)),
  );
  app.delete(
    '/calendar-feed',
    {
      schema: { tags, operationId: 'deleteCalendarFeed', summary: 'Turn the feed off: its address answers 404', response },
      config,
    },
    async (request) => services.calendarFeed.remove(actorOf(request)),
  );
};

/**
 * The feed itself, `/ical/{token}.ics`, outside /api/v1: calendar apps send neither cookie nor
 * Bearer, the token in the address is the authority. Limited per IP, like the API's anonymous
 * requests; the request log writes the path without the token (lib/logger.ts).
 */
export async function calendarFeedFileRoutes(app: FastifyInstance, { services, config }: { services: Services; config: Config }) {
  if (config.rateLimitPerMin > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMin,
      timeWindow: 60_000,
      keyGenerator: (request) => `ical:${request.ip}`,
      errorResponseBuilder: (_request, context) =>
        new HttpProblem('too-many-requests', {
          detail: `More than ${context.max} requests a minute. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
          headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        }),
    });
  }
  app.get<{ Params: { file: string } }>('/ical/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = request.params.file;
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const { body, etag } = await services.calendarFeed.read(token);
    reply
      .header('cache-control', 'private, max-age=300')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').send(body);
  });
}
