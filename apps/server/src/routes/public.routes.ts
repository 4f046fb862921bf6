import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicProfile } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { HttpProblem } from '../lib/problem.ts';
import { PUBLIC_PAGE_CSP, renderProfileNotFound, renderPublicProfile } from '../pages/public-profile.page.ts';
import type { Services } from '../services/index.ts';

const HandleParams = z.object({ handle: z.string().min(1).max(60) });

/** The JSON of a public profile, inside /api/v1 and open to anyone. */
export async function publicApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/public/:handle',
    {
      schema: {
        tags: ['public'],
        operationId: 'getPublicProfile',
        summary: 'A published profile, as JSON',
        params: HandleParams,
        response: { 200: PublicProfile },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { searchIndexable: _private, ...profile } = await services.publicProfile.get(request.params.handle);
      // Unpublishing must take effect at once: let nobody keep a copy without asking again.
      return reply.header('cache-control', 'no-cache').send(profile);
    },
  );
}

/** The public profile page at /u/{handle}: server-rendered HTML that reads fully without JavaScript. */
export async function publicPageRoutes(app: FastifyInstance, { services, config }: { services: Services; config: Config }) {
  app.get<{ Params: { handle: string } }>('/u/:handle', { schema: { hide: true } }, async (request, reply) => {
    reply
      .header('content-security-policy', PUBLIC_PAGE_CSP)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8');
    try {
      const profile = await services.publicProfile.get(request.params.handle.slice(0, 60));
      return reply.send(renderPublicProfile(profile, `${config.publicUrl.origin}/u/${encodeURIComponent(profile.handle)}`));
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 404) return reply.code(404).send(renderProfileNotFound());
      throw err;
    }
  });
}
