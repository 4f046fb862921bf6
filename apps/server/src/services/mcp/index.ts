import { createMcpHandler, type AuthInfo } from '@modelcontextprotocol/server';
import type { Actor } from '../../lib/actor.ts';
import { createBearerResolution, type BearerResolver } from './bearer.ts';
import { buildMcpServer, type McpDeps } from './server.ts';

/** The largest JSON-RPC message `/mcp` reads; the route refuses a larger body before parsing it. */
export const MCP_BODY_LIMIT = 256 * 1024;

/**
 * The Model Context Protocol endpoint's service: who a bearer token stands for, and one stateless
 * handler that builds a server for that person on every request (no session is kept, so any API
 * process can answer any request).
 */
export function createMcpService(deps: McpDeps & { resolvers: readonly BearerResolver[] }) {
  const authenticate = createBearerResolution(deps.resolvers);
  const handler = createMcpHandler(
    (context) => {
      const actor = context.authInfo?.extra?.actor as Actor | undefined;
      if (!actor) throw new Error('An MCP request reached the handler without an actor.');
      return buildMcpServer(deps, actor);
    },
    { maxRequestBodySize: MCP_BODY_LIMIT },
  );
  const resource = new URL('/mcp', deps.config.publicUrl).href;

  return {
    authenticate,
    resource,
    /** RFC 9728: where clients learn which authorisation server issues tokens for `/mcp`. */
    protectedResourceMetadata: () => ({
      resource,
      authorization_servers: [new URL('/', deps.config.publicUrl).href.replace(/\/$/, '')],
      scopes_supported: ['read', 'suggest', 'write'],
      bearer_methods_supported: ['header'],
      resource_name: 'Career Anchor',
    }),
    resourceMetadataUrl: new URL('/.well-known/oauth-protected-resource', deps.config.publicUrl).href,
    admit: (actor: Actor) => deps.assistants.admit(actor),

    /** Answers one HTTP request to `/mcp` for a signed-in actor. */
    handle(actor: Actor, request: Request, parsedBody: unknown): Promise<Response> {
      const authInfo: AuthInfo = {
        token: actor.tokenId ?? actor.clientId ?? '',
        clientId: actor.clientId ?? `token:${actor.tokenId ?? ''}`,
        scopes: [...actor.scopes],
        extra: { actor },
      };
      return handler.fetch(request, { authInfo, parsedBody });
    },
  };
}
export type McpService = ReturnType<typeof createMcpService>;
