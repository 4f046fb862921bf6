import type { FastifyInstance } from 'fastify';
import type { ReadCache, ReadCacheSlot } from '../services/read-cache.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A GET whose answer depends only on the signed-in user's own data and the date: answered
     * from the read cache while neither has changed (see createReadCache).
     */
    readCache?: boolean;
  }
  interface FastifyRequest {
    readCacheSlot: ReadCacheSlot | null;
  }
}

/** RFC 9211 Cache-Status, so a client or a benchmark can tell a stored answer from a fresh one. */
const CACHE_NAME = 'career-anchor';

/**
 * Serves routes marked `readCache` from the cache, and stores their fresh 200 answers. Runs after
 * authentication and validation, so an anonymous or malformed request never reaches the cache.
 */
export function registerReadCache(app: FastifyInstance, cache: ReadCache) {
  if (!cache.enabled) return;
  app.decorateRequest('readCacheSlot', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.readCache || request.method !== 'GET' || !request.actor) return;
    const found = await cache.lookup(request.actor.userId, request.url, request.actor.dataVersion);
    if (!found) return;
    if ('hit' in found) {
      reply.header('cache-status', `${CACHE_NAME}; hit`).type('application/json; charset=utf-8');
      return reply.send(found.hit);
    }
    request.readCacheSlot = found.miss;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const slot = request.readCacheSlot;
    if (!slot) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string') {
      reply.header('cache-status', `${CACHE_NAME}; fwd=miss`);
      return payload;
    }
    // Stored as bytes: a hit then skips encoding the text again.
    const body = Buffer.from(payload);
    cache.store(slot, body);
    reply.header('cache-status', `${CACHE_NAME}; fwd=miss; stored`);
    return body;
  });
}
