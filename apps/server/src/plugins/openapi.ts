import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { Problem } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { RECENT_SIGN_IN_NOTE, sessionCookieName } from './auth.ts';

export const API_VERSION = '1.0.0';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The request body as OpenAPI describes it, for a body that is not JSON (a zip archive). */
    openapiBody?: Record<string, unknown>;
  }
}

/** What every route may answer besides its success: a problem document, one shared schema. */
const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/**
 * The OpenAPI document is generated from the routes' zod schemas, so it cannot drift from what
 * the server validates. Every route also documents the problem+json answers it may give, and has
 * an operationId (a route without one stops the server at start).
 */
export default fp(async function openapiPlugin(app: FastifyInstance, { config }: { config: Config }) {
  // Bodies the zod provider cannot describe (not JSON), by "method path", laid into the document last.
  const rawBodies = new Map<string, Record<string, unknown>>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') && !['/healthz', '/readyz'].includes(route.url)) return;
    route.schema ??= {};
    if (!route.schema.hide && route.method !== 'HEAD' && !route.schema.operationId) {
      throw new Error(`${String(route.method)} ${route.url} has no operationId`);
    }
    const response = (route.schema.response ??= {}) as Record<string, unknown>;
    response['4XX'] ??= problemAnswer('The request was refused; `type` names the problem (GET it for its page)');
    response['5XX'] ??= problemAnswer('The server or a service it depends on failed');
    if (route.config?.public) (route.schema as { security?: unknown[] }).security = [];
    if (route.config?.recentSignIn) (route.schema as { description?: string }).description ??= RECENT_SIGN_IN_NOTE;
    if (route.config?.openapiBody) rawBodies.set(`${String(route.method).toLowerCase()} ${route.url}`, route.config.openapiBody);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Career Anchor API',
        version: API_VERSION,
        description:
          'The HTTP API of Career Anchor. Errors are RFC 9457 problem+json; each `type` is a path on this server whose page explains it (all of them: GET /problems). Browsers authenticate with the session cookie; scripts send `Authorization: Bearer <personal token>`.',
      },
      // Relative: the server that serves this document, wherever it is deployed.
      servers: [{ url: '/', description: 'The server that serves this document' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (ca_pat_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => withRawBodies(onlyUsedSchemas(jsonSchemaTransformObject(document)), rawBodies),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
});

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

function withRawBodies(document: OpenApiDocument, bodies: Map<string, Record<string, unknown>>): OpenApiDocument {
  const paths = (document as { paths?: Record<string, Record<string, Record<string, unknown>>> }).paths ?? {};
  for (const [key, body] of bodies) {
    const [method, url] = key.split(' ') as [string, string];
    const operation = paths[url.replace(/:(\w+)/g, '{$1}')]?.[method];
    if (operation) operation.requestBody = body;
  }
  return document;
}
type Parts = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

const SCHEMA_REF = '#/components/schemas/';

/**
 * The document with only the component schemas some operation reaches. The zod provider writes
 * an input and an output version of every registered schema; a request uses the one and an
 * answer the other. Where only the input version is used, it takes the plain name.
 */
function onlyUsedSchemas(document: OpenApiDocument): OpenApiDocument {
  const { paths, components } = document as Parts;
  const schemas = components?.schemas ?? {};
  const refsIn = (value: unknown) =>
    [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
  const used = new Set<string>();
  const queue = refsIn(paths);
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  const renamed = new Map<string, string>();
  for (const name of used) {
    const plain = name.replace(/Input$/, '');
    if (plain !== name && !used.has(plain)) renamed.set(name, plain);
  }
  const kept = Object.fromEntries(
    Object.keys(schemas)
      .filter((name) => used.has(name))
      .map((name) => [renamed.get(name) ?? name, schemas[name]]),
  );
  const text = JSON.stringify({ ...document, components: { ...components, schemas: kept } }).replace(
    /"#\/components\/schemas\/([^"]+)"/g,
    (whole, name: string) => (renamed.has(name) ? `"${SCHEMA_REF}${renamed.get(name)}"` : whole),
  );
  return JSON.parse(text) as OpenApiDocument;
}
