import type { FastifyInstance } from 'fastify';
import type { OverviewService } from '../services/overview.service.ts';
import { isSafeMethod } from '../lib/http-methods.ts';

/**
 * After each change a signed-in person makes, their kept anchor page is written anew before the
 * answer goes out, so the page they open next is one row read, not computed. A change made
 * elsewhere (a job, an import worker, an assistant) is not missed: a kept page is only answered
 * for the data version it was written from, and the first read after such a change computes it.
 */
export function registerAnchorPageRefresh(app: FastifyInstance, overview: OverviewService) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (isSafeMethod(request.method) || !request.actor || reply.statusCode >= 400) return payload;
    try {
      await overview.refresh(request.actor);
    } catch (error) {
      // The change itself is stored; only the kept page waits for the next read to write it.
      request.log.warn({ err: error }, 'could not write the anchor page anew');
    }
    return payload;
  });
}
