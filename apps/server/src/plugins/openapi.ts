import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { Problem } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { RECENT_SIGN_IN_NOTE, sessionCookieName } from './auth.ts';

export const API_VERSION = '1.0.0';

/**
 * The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what
 * the server validates. Every route also documents the problem+json answers it may give.
 */
export default fp(async function openapiPlugin(app: FastifyInstance, { config }: { config: Config }) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') && !['/healthz', '/readyz'].includes(route.url)) return;
    route.schema ??= {};
    const response = (route.schema.response ??= {}) as Record<string, unknown>;
    response['4XX'] ??= Problem;
    response['5XX'] ??= Problem;
    if (route.config?.public) (route.schema as { security?: unknown[] }).security = [];
    if (route.config?.recentSignIn) (route.schema as { description?: string }).description ??= RECENT_SIGN_IN_NOTE;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Career Anchor API',
        version: API_VERSION,
        description:
          'The HTTP API of Career Anchor. Errors are RFC 9457 problem+json. Browsers authenticate with the session cookie; scripts send `Authorization: Bearer <personal token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (ca_pat_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
});
