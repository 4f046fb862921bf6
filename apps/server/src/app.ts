import { createServer, type RequestListener, type Server } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppContext } from './context.ts';
import { uuidv7 } from './lib/ids.ts';
import { HttpProblem } from './lib/problem.ts';
import { registerAuthentication } from './plugins/auth.ts';
import { registerOriginCheck } from './plugins/csrf.ts';
import { registerReadCache } from './plugins/read-cache.ts';
import { registerAnchorPageRefresh } from './plugins/anchor-page.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerUnstorableTextCheck } from './plugins/unstorable-text.ts';
import errorsPlugin, { sendProblem, unrouted } from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import webPlugin from './plugins/web.ts';
import { anchorRoutes } from './routes/anchor.routes.ts';
import { calendarFeedFileRoutes, calendarFeedRoutes } from './routes/calendar-feed.routes.ts';
import { careerRoutes } from './routes/career.routes.ts';
import { authRoutes, twoFactorRoutes } from './routes/auth.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { reportsRoutes } from './routes/reports.routes.ts';
import { notificationsRoutes } from './routes/notifications.routes.ts';
import { oauthRoutes } from './routes/oauth.routes.ts';
import { oauthServerRoutes } from './routes/oauth-server.routes.ts';
import { assistantClientsRoutes } from './routes/assistant-clients.routes.ts';
import { passkeysRoutes } from './routes/passkeys.routes.ts';
import { problemPageRoutes } from './routes/problems.routes.ts';
import { publicApiRoutes, publicPageRoutes } from './routes/public.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { securityRoutes } from './routes/security.routes.ts';
import { transferRoutes } from './routes/transfer.routes.ts';
import { assistantsRoutes } from './routes/assistants.routes.ts';
import { mcpRoutes } from './routes/mcp.routes.ts';
import { settingsRoutes } from './routes/settings.routes.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.routes.ts';
import { suggestionsRoutes } from './routes/suggestions.routes.ts';
import { todosRoutes } from './routes/todos.routes.ts';
import { tokensRoutes } from './routes/tokens.routes.ts';
import { trashRoutes } from './routes/trash.routes.ts';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export interface BuildOptions {
  logger: Logger;
  /** Serve the built web app at `/` (off in API tests). */
  web?: boolean;
}

/**
 * The HTTP server: external plugins, then ours, then routes, then the web app last (it
 * answers everything no route claimed). A worker process gets only the health routes.
 */
export async function buildApp(ctx: AppContext, options: BuildOptions): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    serverFactory: (handler) => createHttpServer(config.http, handler),
    // The router's own refusals (a broken percent-encoding, a path segment past its length) are
    // problem documents like every other error.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(
        reply,
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new HttpProblem('uri-too-long', { detail: 'A path segment is longer than any id or handle.' })
          : new HttpProblem('malformed-url', { detail: 'The address is not a valid URL (check its percent-encoding).' }),
      ),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  registerUnstorableTextCheck(app);
  await app.register(cookie);
  await app.register(openapiPlugin, { config });
  await app.register(healthRoutes, { services: ctx.services });
  // The web app, when served, answers what no route claims; otherwise a problem document does.
  if (!options.web || config.role === 'worker')
    app.setNotFoundHandler((request, reply) => sendProblem(reply, unrouted(app, request)));
  if (config.role === 'worker') return app;

  await app.register(
    async (api) => {
      registerSecurityHeaders(api, {
        contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
        hsts: config.publicUrl.protocol === 'https:',
      });
      // Answers carry personal data: no browser or shared cache keeps them, unless a route says
      // otherwise (the public profile, event streams).
      api.addHook('onSend', async (_request, reply) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      });
      // JSON only: anything else is 415, not a body that fails validation in a confusing way.
      api.removeContentTypeParser('text/plain');
      registerOriginCheck(api, config);
      registerAuthentication(api, config, ctx.services);
      registerReadCache(api, ctx.services.readCache);
      registerAnchorPageRefresh(api, ctx.services.overview);
      if (config.rateLimitPerMin > 0) {
        await api.register(rateLimit, {
          max: config.rateLimitPerMin,
          timeWindow: 60_000,
          // Route-level onRequest runs after the scope's, so the actor is known and can be the key;
          // and before the sign-in check, so unauthenticated floods are limited too.
          hook: 'onRequest',
          keyGenerator: (request) => (request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`),
          errorResponseBuilder: (_request, context) =>
            new HttpProblem('too-many-requests', {
              detail: `More than ${context.max} requests a minute. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
              headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
            }),
        });
      }
      await api.register(authRoutes, { services: ctx.services, config });
      await api.register(tokensRoutes, { services: ctx.services });
      await api.register(securityRoutes, { services: ctx.services });
      await api.register(twoFactorRoutes, { services: ctx.services, config });
      await api.register(oauthRoutes, { services: ctx.services, config });
      await api.register(passkeysRoutes, { services: ctx.services, config });
      await api.register(jobsRoutes, { services: ctx.services });
      await api.register(anchorRoutes, { services: ctx.services });
      await api.register(careerRoutes, { services: ctx.services });
      await api.register(todosRoutes, { services: ctx.services });
      await api.register(trashRoutes, { services: ctx.services });
      await api.register(reportsRoutes, { services: ctx.services });
      await api.register(suggestionsRoutes, { services: ctx.services });
      await api.register(settingsRoutes, { services: ctx.services });
      await api.register(calendarFeedRoutes, { services: ctx.services });
      await api.register(notificationsRoutes, { services: ctx.services });
      await api.register(searchRoutes, { services: ctx.services });
      await api.register(publicApiRoutes, { services: ctx.services, config });
      await api.register(transferRoutes, { services: ctx.services });
      await api.register(assistantClientsRoutes, { services: ctx.services });
      await api.register(assistantsRoutes, { services: ctx.services });
      // A known path asked with another method: 405 with the methods it takes; else 404.
      api.setNotFoundHandler({ preHandler: config.rateLimitPerMin > 0 ? api.rateLimit() : undefined }, (request, reply) =>
        sendProblem(reply, unrouted(api, request)),
      );
    },
    { prefix: '/api/v1' },
  );

  // Assistants: the bearer token is the authority (no cookie, so no cross-site request can use it).
  await app.register(mcpRoutes, { services: ctx.services });
  // Reached from e-mails, without a session: the signed token is the authority.
  await app.register(unsubscribeRoutes, { services: ctx.services });
  await app.register(publicPageRoutes, { services: ctx.services, config });
  // Read by calendar apps with the secret address alone.
  await app.register(calendarFeedFileRoutes, { services: ctx.services, config });
  // Assistants connecting to /mcp: this server is their OAuth authorisation server.
  await app.register(oauthServerRoutes, { services: ctx.services, config });
  // The page each problem's `type` leads to.
  await app.register(problemPageRoutes);
  if (options.web) await app.register(webPlugin, { config });
  return app;
}

/**
 * The HTTP server with every client-side wait bounded: headers, the whole request with its body,
 * idle kept-alive connections and silent ones, and the number of connections. Requests past their
 * time are answered 408 and closed; the check runs every second so a slow client is cut close to
 * its limit. Event streams are not cut: their time limit covers receiving the request, and they
 * send a heartbeat more often than the idle limit.
 */
function createHttpServer(http: Config['http'], handler: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    handler,
  );
  server.setTimeout(http.idleTimeoutMs);
  server.maxConnections = http.maxConnections;
  return server;
}
