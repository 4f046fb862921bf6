import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { forbidden } from '../lib/problem.ts';
import { isSafeMethod } from '../lib/http-methods.ts';

/**
 * Cross-site request forgery defence for cookie-authenticated writes: browsers send `Origin`
 * (or at least `Sec-Fetch-Site`) on every unsafe request, so one from another site is refused.
 * Requests with a Bearer token carry no ambient credentials and are not checked.
 */
export function registerOriginCheck(app: FastifyInstance, config: Config) {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (isSafeMethod(request.method) || request.headers.authorization) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!isSameOrigin(origin, request, config)) throw forbidden('Cross-site requests are not allowed.');
      return;
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') throw forbidden('Cross-site requests are not allowed.');
  });
}

function isSameOrigin(origin: string, request: FastifyRequest, config: Config): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === config.publicUrl.origin) return true;
  // The server's own address as the browser reached it (127.0.0.1 and localhost alike): scheme,
  // host and port must all match, so http://host cannot write to https://host.
  const host = request.headers.host;
  if (!host) return false;
  try {
    return url.origin === new URL(`${request.protocol}://${host}`).origin;
  } catch {
    return false;
  }
}
