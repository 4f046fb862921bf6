import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toWebRequest } from '@modelcontextprotocol/node';
import type { Actor } from '../lib/actor.ts';
import { HttpProblem } from '../lib/problem.ts';
import { sendProblem, toProblem } from '../plugins/errors.ts';
import type { Services } from '../services/index.ts';
import { MCP_BODY_LIMIT } from '../services/mcp/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    mcpActor: Actor | null;
  }
}

/** A JSON-RPC error answer: what an MCP client understands where the message itself was wrong. */
function sendJsonRpcError(reply: FastifyReply, status: number, code: number, message: string, id: unknown = null) {
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  return reply.code(status).type('application/json').send({ jsonrpc: '2.0', id: validId, error: { code, message } });
}

const idOf = (body: unknown) => (body && typeof body === 'object' && 'id' in body ? body.id : null);

/**
 * `/mcp`, the Model Context Protocol over Streamable HTTP (stateless: every POST carries its own
 * bearer token and is answered on its own), and the protected-resource metadata that tells a
 * client where to get a token. Problems of HTTP itself (no token, wrong media type, wrong method)
 * are problem documents; a body that is not a JSON-RPC message gets a JSON-RPC error.
 */
export const mcpRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { mcp } = services;
  const challenge = `Bearer resource_metadata="${mcp.resourceMetadataUrl}"`;

  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return mcp.protectedResourceMetadata();
    });
  }

  await app.register(async (scope) => {
    scope.decorateRequest('mcpActor', null);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MCP_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(
          Object.assign(new Error('Parse error: the body is not JSON.'), { statusCode: 400, code: 'MCP_PARSE_ERROR' }),
          undefined,
        );
      }
    });

    scope.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      request.mcpActor = await mcp.authenticate(request.headers.authorization);
      if (!request.mcpActor)
        throw new HttpProblem('unauthorized', {
          detail: request.headers.authorization
            ? 'The token is not valid, has expired or was revoked.'
            : 'Send a bearer token: a personal API token, or an access token from this server’s authorisation.',
          headers: { 'www-authenticate': challenge },
        });
    });

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'MCP_PARSE_ERROR') return sendJsonRpcError(reply, 400, -32700, error.message);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendJsonRpcError(reply, 413, -32600, `The message is larger than ${MCP_BODY_LIMIT / 1024} KiB.`);
      if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendJsonRpcError(reply, 400, -32600, 'The body is empty.');
      return sendProblem(reply, toProblem(error, request));
    });

    const actorOf = (request: FastifyRequest) => request.mcpActor!;

    scope.post('/mcp', { schema: { hide: true } }, async (request, reply) => {
      const actor = actorOf(request);
      const admitted = await mcp.admit(actor);
      if (!admitted.ok) {
        reply.header('retry-after', String(admitted.retryAfterSeconds));
        return sendJsonRpcError(
          reply,
          429,
          -32000,
          `Rate limit: more than ${admitted.limit} calls a minute from this client. Try again in ${admitted.retryAfterSeconds} s.`,
          idOf(request.body),
        );
      }
      const response = await mcp.handle(actor, await toWebRequest(request.raw, request.body), request.body);
      return reply.send(response);
    });

    // Stateless: no stream to open (GET) and no session to end (DELETE).
    const notHere = async () => {
      throw new HttpProblem('method-not-allowed', {
        detail: 'This MCP endpoint is stateless: send each message with POST.',
        headers: { allow: 'POST' },
      });
    };
    scope.get('/mcp', { schema: { hide: true } }, notHere);
    scope.delete('/mcp', { schema: { hide: true } }, notHere);
  });
};
