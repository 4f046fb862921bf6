import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  Passkey,
  PasskeyRegisterBody,
  PasskeySignInBody,
  User,
  WebAuthnOptions,
  pageOf,
} from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import {
  ACCOUNT_SETTINGS,
  RECENT_SIGN_IN,
  actorOf,
  challengeCookieName,
  clearChallengeCookie,
  requestMeta,
  setSessionCookie,
} from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const passkeysRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (
  app,
  { services, config },
) => {
  const tags = ['passkeys'];

  app.get(
    '/auth/passkeys',
    {
      schema: { tags, operationId: 'listPasskeys', summary: 'Your passkeys', response: { 200: pageOf(Passkey) } },
      config: ACCOUNT_SETTINGS,
    },
    async (request) => services.passkeys.list(actorOf(request)),
  );
  app.post(
    '/auth/passkeys/registration-options',
    {
      schema: {
        tags,
        operationId: 'getPasskeyRegistrationOptions',
        summary: 'Options to create a passkey in the browser',
        response: { 200: WebAuthnOptions },
      },
      config: RECENT_SIGN_IN,
    },
    async (request) => services.passkeys.registrationOptions(actorOf(request)),
  );
  app.post(
    '/auth/passkeys',
    {
      schema: {
        tags,
        operationId: 'registerPasskey',
        summary: 'Save the passkey the browser created',
        body: PasskeyRegisterBody,
        response: { 201: Passkey },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      const passkey = await services.passkeys.register(
        actorOf(request),
        request.body.response as never,
        request.body.name,
        requestMeta(request),
      );
      return reply.code(201).send(passkey);
    },
  );
  app.delete(
    '/auth/passkeys/:id',
    {
      schema: {
        tags,
        operationId: 'deletePasskey',
        summary: 'Remove a passkey (while another way to sign in remains)',
        params: IdParams,
        response: { 204: z.null() },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      await services.passkeys.remove(actorOf(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/passkeys/authentication-options',
    {
      schema: {
        tags,
        operationId: 'getPasskeySignInOptions',
        summary: 'Options to sign in with a passkey',
        response: { 200: WebAuthnOptions },
      },
      config: { public: true },
    },
    async () => services.passkeys.authenticationOptions(),
  );
  app.post(
    '/auth/passkeys/sign-in',
    {
      schema: {
        tags,
        operationId: 'signInWithPasskey',
        summary: 'Sign in with a passkey (alone, or as the second factor after a password)',
        body: PasskeySignInBody,
        response: { 200: User },
      },
      config: { public: true },
    },
    async (request, reply) => {
      // A passkey also completes a sign-in that was waiting for a second factor.
      const pending = request.cookies[challengeCookieName(config)];
      const { user, session } = await services.passkeys.signIn(request.body.response as never, pending, requestMeta(request));
      if (pending) clearChallengeCookie(reply, config);
      setSessionCookie(reply, config, session);
      return user;
    },
  );

  app.post(
    '/auth/confirm/passkey/authentication-options',
    {
      schema: {
        tags,
        operationId: 'getPasskeyConfirmationOptions',
        summary: 'Options to confirm it is you with one of your passkeys',
        description: 'Only the signed-in user’s own passkeys are allowed; 404 when there are none.',
        response: { 200: WebAuthnOptions },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request) => services.passkeys.authenticationOptions(actorOf(request).userId),
  );
  app.post(
    '/auth/confirm/passkey',
    {
      schema: {
        tags,
        operationId: 'confirmIdentityWithPasskey',
        summary: 'Confirm it is you with one of your passkeys before a sensitive change',
        description:
          'Like POST /auth/confirm: the session gets a new id (a new cookie; its absolute expiry stays) and counts as signed in now. Another account’s passkey is refused.',
        body: PasskeySignInBody,
        response: { 204: z.null() },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request, reply) => {
      const session = await services.passkeys.confirm(
        actorOf(request),
        request.body.response as never,
        requestMeta(request),
        config.reauthWindowMs,
      );
      setSessionCookie(reply, config, session);
      return reply.code(204).send(null);
    },
  );
};
