import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import { HttpProblem } from '../lib/problem.ts';
import { methodsAt, sendProblem, unrouted } from './errors.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export const WEB_BUILD = fileURLToPath(new URL('../../../web/build/handler.js', import.meta.url));

/**
 * Serves the SvelteKit app (built with adapter-node) for every path no API route claimed. It is
 * registered last, in its own scope, and leaves request bodies unread so Kit can read them.
 */
export default async function webPlugin(app: FastifyInstance, { config }: { config: Config }) {
  // The API's addresses, and the server's own pages asked with another method (405), are not the app's.
  const notTheApps = (request: FastifyRequest) =>
    request.url.startsWith('/api/') || methodsAt(app, request.url.split('?')[0]!).length > 0;
  if (!existsSync(WEB_BUILD)) {
    app.log.warn({ path: WEB_BUILD }, 'web app not built; run `npm run build` to serve it');
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        notTheApps(request) ? unrouted(app, request) : new HttpProblem('not-found', { detail: 'The web app is not built.' }),
      ),
    );
    return;
  }
  // adapter-node reads these when its module loads: tell it where users reach us.
  process.env.ORIGIN ??= config.publicUrl.origin;
  const { handler } = (await import(pathToFileURL(WEB_BUILD).href)) as { handler: NodeHandler };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.setNotFoundHandler((request, reply) => {
    if (notTheApps(request)) return sendProblem(reply, unrouted(app, request));
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    }
    reply.hijack();
    handler(request.raw, reply.raw);
  });
}
