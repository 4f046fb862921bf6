import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import { HttpProblem } from '../lib/problem.ts';
import { sendProblem } from './errors.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export const WEB_BUILD = fileURLToPath(new URL('../../../web/build/handler.js', import.meta.url));

/**
 * Serves the SvelteKit app (built with adapter-node) for every path no API route claimed. It is
 * registered last, in its own scope, and leaves request bodies unread so Kit can read them.
 */
export default async function webPlugin(app: FastifyInstance, { config }: { config: Config }) {
  if (!existsSync(WEB_BUILD)) {
    app.log.warn({ path: WEB_BUILD }, 'web app not built; run `npm run build` to serve it');
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, new HttpProblem('not-found', { detail: 'The web app is not built.' })),
    );
    return;
  }
  // adapter-node reads these when its module loads: tell it where users reach us.
  process.env.ORIGIN ??= config.publicUrl.origin;
  const { handler } = (await import(pathToFileURL(WEB_BUILD).href)) as { handler: NodeHandler };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return sendProblem(
        reply,
        new HttpProblem('not-found', { detail: `No route ${request.method} ${request.url.split('?')[0]}.` }),
      );
    }
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    }
    reply.hijack();
    handler(request.raw, reply.raw);
  });
}
