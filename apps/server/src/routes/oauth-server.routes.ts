import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.ts';
import { HttpProblem } from '../lib/problem.ts';
import { PROBLEM_PAGE_CSP } from '../pages/problem-type.page.ts';
import { renderAuthorizationError } from '../pages/oauth-error.page.ts';
import { registerSecurityHeaders } from '../plugins/security-headers.ts';
import type { Services } from '../services/index.ts';
import { OAuthError, UntrustedAuthorizationRequest } from '../services/oauth-server/index.ts';

/** Registrations an hour per address: anyone may register, nobody needs many. */
const REGISTRATIONS_PER_HOUR = 30;
const FORM_LIMIT = 16 * 1024;
/** Endpoints an assistant running in a browser calls from its own origin; none reads a cookie. */
const CROSS_ORIGIN = ['/.well-known/oauth-authorization-server', '/oauth/register', '/oauth/token', '/oauth/revoke'];

function sendOAuthError(reply: FastifyReply, error: OAuthError) {
  return reply.code(error.status).send({ error: error.code, error_description: error.message });
}

/** Form parameters, each given once (RFC 6749 §3.2: a repeated parameter is an invalid request). */
function formParams(request: FastifyRequest): Record<string, string> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
  }
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(String(request.body ?? ''))) {
    if (Object.hasOwn(params, name)) throw new OAuthError('invalid_request', `${name.slice(0, 50)} is given more than once.`);
    params[name] = value;
  }
  return params;
}

/**
 * The OAuth 2.1 authorisation server for assistants connecting to /mcp: metadata, dynamic client
 * registration, the authorisation endpoint (which hands over to the web app's consent page),
 * tokens and revocation. Outside /api/v1: these speak OAuth's own formats, not problem+json.
 */
export async function oauthServerRoutes(app: FastifyInstance, { services, config }: { services: Services; config: Config }) {
  const oauth = services.oauthServer;
  registerSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    hsts: config.publicUrl.protocol === 'https:',
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (CROSS_ORIGIN.includes(request.url.split('?')[0]!)) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-allow-headers', 'content-type, mcp-protocol-version');
      reply.header('access-control-max-age', '600');
    }
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_r, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(reply, error);
    throw error;
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'onRequest',
    keyGenerator: (request) => `oauth:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem('too-many-requests', {
        detail: `More than ${context.max} requests. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
  const perMinute = config.rateLimitPerMin > 0 ? { max: config.rateLimitPerMin, timeWindow: 60_000 } : false;
  const hide = { hide: true };

  for (const url of CROSS_ORIGIN) {
    app.options(url, { schema: hide }, async (_request, reply) => reply.code(204).send());
  }

  app.get('/.well-known/oauth-authorization-server', { schema: hide }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send(oauth.metadata()),
  );

  app.post(
    '/oauth/register',
    { schema: hide, bodyLimit: FORM_LIMIT, config: { rateLimit: { max: REGISTRATIONS_PER_HOUR, timeWindow: 3_600_000 } } },
    async (request, reply) => {
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new OAuthError('invalid_client_metadata', 'Send the client metadata as application/json.');
      }
      return reply.code(201).send(await oauth.register(request.body));
    },
  );

  app.get('/oauth/authorize', { schema: hide, config: { rateLimit: perMinute } }, async (request, reply) => {
    try {
      return reply.redirect(await oauth.begin(request.query as Record<string, unknown>), 302);
    } catch (error) {
      if (!(error instanceof UntrustedAuthorizationRequest)) throw error;
      return reply
        .code(400)
        .header('content-security-policy', PROBLEM_PAGE_CSP)
        .type('text/html; charset=utf-8')
        .send(renderAuthorizationError(error.message));
    }
  });

  app.post('/oauth/token', { schema: hide, config: { rateLimit: perMinute } }, async (request, reply) =>
    reply.header('pragma', 'no-cache').send(await oauth.token(formParams(request))),
  );

  app.post('/oauth/revoke', { schema: hide, config: { rateLimit: perMinute } }, async (request, reply) => {
    await oauth.revoke(formParams(request));
    return reply.code(200).send();
  });
}
