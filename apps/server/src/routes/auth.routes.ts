import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountDeleteBody, LoginBody, PasswordChangeBody, RegisterBody, User } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { actorOf, clearSessionCookie, requestMeta, setSessionCookie } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;

/** The best of our locales for an Accept-Language header. */
function pickLocale(header: string | undefined): string {
  const wanted = (header ?? '').toLowerCase();
  return wanted.startsWith('zh') ? 'zh-CN' : SUPPORTED_LOCALES[0];
}

export const authRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const tags = ['auth'];

  app.post(
    '/auth/register',
    {
      schema: { tags, summary: 'Create an account and sign in', body: RegisterBody, response: { 201: User } },
      config: { public: true },
    },
    async (request, reply) => {
      const { user, session } = await services.accounts.register(
        { ...request.body, locale: pickLocale(request.headers['accept-language']) },
        requestMeta(request),
      );
      setSessionCookie(reply, config, session);
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: User } },
      config: { public: true },
    },
    async (request, reply) => {
      const { user, session } = await services.accounts.login(request.body, requestMeta(request));
      setSessionCookie(reply, config, session);
      return user;
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out this session', response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      if (request.actor) await services.accounts.logout(request.actor);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.get('/auth/me', { schema: { tags, summary: 'The signed-in user', response: { 200: User } } }, async (request) =>
    services.accounts.me(actorOf(request)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change the password; signs out every other session',
        body: PasswordChangeBody,
        response: { 204: z.null() },
      },
      config: { sessionOnly: true },
    },
    async (request, reply) => {
      const session = await services.accounts.changePassword(actorOf(request), request.body, requestMeta(request));
      if (session) setSessionCookie(reply, config, session);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/auth/me',
    {
      schema: { tags, summary: 'Delete the account and every row it owns', body: AccountDeleteBody, response: { 204: z.null() } },
      config: { sessionOnly: true },
    },
    async (request, reply) => {
      await services.accounts.deleteAccount(actorOf(request), request.body.password);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );
};
