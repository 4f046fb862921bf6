import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicProfile, PublicResumePdfQuery } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { attachment } from '../lib/attachment.ts';
import { HttpProblem } from '../lib/problem.ts';
import { PUBLIC_PAGE_CSP, renderProfileNotFound, renderPublicProfile } from '../pages/public-profile.page.ts';
import type { Services } from '../services/index.ts';

const HandleParams = z.object({ handle: z.string().min(1).max(60) });

/** The tags an If-None-Match names, compared weakly (RFC 9110 §13.1.2): `W/` set aside. */
const tagsOf = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
    .map((tag) => (tag.startsWith('W/') ? tag : `W/${tag}`));

/** The JSON of a public profile and its PDF résumé, inside /api/v1 and open to anyone. */
export async function publicApiRoutes(app: FastifyInstance, { services, config }: { services: Services; config: Config }) {
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

  app.withTypeProvider<ZodTypeProvider>().get(
    '/public/:handle/resume.pdf',
    {
      schema: {
        tags: ['public'],
        operationId: 'getPublicResumePdf',
        summary: 'A published profile’s résumé as a PDF, when the person offers it',
        description:
          'Only what the public page shows: the public profile fields and career entries. 404 unless the profile is published with `resumePdf` among its public fields. Answers carry a weak ETag; a matching If-None-Match gets 304 without a new PDF.',
        params: HandleParams,
        querystring: PublicResumePdfQuery,
        response: {
          200: { description: 'A PDF document', content: { 'application/pdf': { schema: z.string() } } },
          304: z.null().describe('The PDF held under If-None-Match is still current'),
        },
      },
      // Setting a PDF costs CPU: anyone may ask, but each address only a few times a minute.
      config: {
        public: true,
        rateLimit: { max: config.publicPdfPerMin, timeWindow: 60_000, keyGenerator: (request) => `ip:${request.ip}` },
      },
    },
    async (request, reply) => {
      const known = tagsOf(request.headers['if-none-match']);
      const file = await services.publicProfile.resumePdf(request.params.handle, request.query, known);
      // Any copy must be checked again before use, so switching the PDF off or unpublishing is at once.
      reply.header('cache-control', 'public, no-cache');
      if (file.etag) reply.header('etag', file.etag);
      if (!file.pdf) return reply.code(304).send(null);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachment(file.fileName, file.asciiFileName))
        .send(Buffer.from(file.pdf.buffer, file.pdf.byteOffset, file.pdf.byteLength) as unknown as string);
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
