import type { FastifyInstance, FastifyReply } from 'fastify';
import { PROBLEM_TYPES, type ProblemSlug } from '@career-anchor/contracts';
import { notFound } from '../lib/problem.ts';
import { PROBLEM_PAGE_CSP, renderProblemIndex, renderProblemType } from '../pages/problem-type.page.ts';

const isSlug = (value: string): value is ProblemSlug => Object.hasOwn(PROBLEM_TYPES, value);

const html = (reply: FastifyReply, body: string) =>
  reply
    .header('content-security-policy', PROBLEM_PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'public, max-age=3600')
    .type('text/html; charset=utf-8')
    .send(body);

/**
 * Where every problem's `type` leads: `GET /problems/{slug}` explains that type and what a client
 * should do; `GET /problems` lists them all. An unknown slug is a problem document itself (404).
 */
export async function problemPageRoutes(app: FastifyInstance) {
  app.get('/problems', { schema: { hide: true } }, async (_request, reply) => html(reply, renderProblemIndex()));
  app.get<{ Params: { slug: string } }>('/problems/:slug', { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound('Problem type');
    return html(reply, renderProblemType(slug));
  });
}
