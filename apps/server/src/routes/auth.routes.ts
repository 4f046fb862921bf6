import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Accepted,
  AccountDeleteBody,
  AuthOptions,
  ConfirmIdentityBody,
  ForgotPasswordBody,
  ResetPasswordBody,
  TokenBody,
  LoginBody,
  LoginResult,
  PasswordChangeBody,
  RecoveryCodes,
  RegisterBody,
  SecondFactorBody,
  TotpCodeBody,
  TotpDisableBody,
  TotpSetup,
  TwoFactorStatus,
  User,
} from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import {
  ACCOUNT_SETTINGS,
  RECENT_SIGN_IN,
  actorOf,
  challengeCookieName,
  clearChallengeCookie,
  clearSessionCookie,
  requestMeta,
  setChallengeCookie,
  setSessionCookie,
} from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';

export const authRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const tags = ['auth'];

  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        operationId: 'register',
        summary: 'Create an account and sign in',
        description:
          'An address that already has an account answers 409. Those answers are counted per address and per IP in a 15-minute window: past the limit, 429 with `Retry-After`.',
        body: RegisterBody,
        response: { 201: User },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { user, session } = await services.accounts.register(request.body, {
        ...requestMeta(request),
        acceptLanguage: request.headers['accept-language'],
      });
      setSessionCookie(reply, config, session);
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        operationId: 'signIn',
        summary: 'Sign in with e-mail and password',
        description:
          'With two-factor sign-in on, answers `{twoFactorRequired: true}` and a short-lived cookie: finish at POST /auth/login/2fa. Wrong passwords and wrong second-factor codes count together per account and per IP in a 15-minute window: past the limit, 429 with `Retry-After`, even for the right password.',
        body: LoginBody,
        response: { 200: LoginResult },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const result = await services.accounts.login(request.body, requestMeta(request));
      if ('challenge' in result) {
        setChallengeCookie(reply, config, result.challenge);
        return { twoFactorRequired: true as const, methods: result.methods };
      }
      setSessionCookie(reply, config, result.session);
      return result.user;
    },
  );

  app.post(
    '/auth/login/2fa',
    {
      schema: {
        tags,
        operationId: 'signInSecondFactor',
        summary: 'Finish signing in with a code from the authenticator app or a recovery code',
        description:
          'A wrong code answers 400 and counts with the wrong passwords of the account; past the limit, 429 with `Retry-After`, even for the right code. The right password alone does not start the count over: only a finished sign-in does.',
        body: SecondFactorBody,
        response: { 200: User },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const challenge = request.cookies[challengeCookieName(config)];
      const { user, session } = await services.accounts.finishWithCode(challenge, request.body, requestMeta(request));
      clearChallengeCookie(reply, config);
      setSessionCookie(reply, config, session);
      return user;
    },
  );

  app.get(
    '/auth/options',
    {
      schema: {
        tags,
        operationId: 'getAuthOptions',
        summary: 'What this server offers for signing in',
        response: { 200: AuthOptions },
      },
      config: { public: true },
    },
    async () => services.accounts.options(),
  );

  app.post(
    '/auth/password/forgot',
    {
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        summary: 'E-mail a link to choose a new password (the same answer for any address)',
        body: ForgotPasswordBody,
        response: { 202: Accepted },
      },
      config: { public: true },
    },
    async (request, reply) => {
      await services.emailTokens.requestPasswordReset(request.body.email.toLowerCase());
      return reply.code(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/auth/password/reset',
    {
      schema: {
        tags,
        operationId: 'resetPassword',
        summary: 'Choose a new password with the link’s token; signs out every session',
        body: ResetPasswordBody,
        response: { 204: z.null() },
      },
      config: { public: true },
    },
    async (request, reply) => {
      await services.emailTokens.resetPassword(request.body.token, request.body.newPassword, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/email/verification',
    {
      schema: {
        tags,
        operationId: 'requestEmailVerification',
        summary: 'E-mail a link to confirm the address',
        response: { 202: Accepted },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request, reply) => {
      await services.emailTokens.requestVerification(actorOf(request).userId);
      return reply.code(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/auth/email/verify',
    {
      schema: {
        tags,
        operationId: 'verifyEmail',
        summary: 'Confirm the address with the link’s token',
        body: TokenBody,
        response: { 204: z.null() },
      },
      config: { public: true },
    },
    async (request, reply) => {
      await services.emailTokens.verifyEmail(request.body.token, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, operationId: 'signOut', summary: 'Sign out this session', response: { 204: z.null() } },
      config: { public: true },
    },
    async (request, reply) => {
      await services.accounts.logout(request.actor);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: { tags, operationId: 'getCurrentUser', summary: 'The signed-in user', response: { 200: User } },
      config: { beforeTwoFactor: true },
    },
    async (request) => services.accounts.me(actorOf(request)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        operationId: 'changePassword',
        summary: 'Change the password, or set a first one; signs out every other session',
        body: PasswordChangeBody,
        response: { 204: z.null() },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request, reply) => {
      const session = await services.accounts.changePassword(
        actorOf(request),
        request.body,
        requestMeta(request),
        config.reauthWindowMs,
      );
      if (session) setSessionCookie(reply, config, session);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/confirm',
    {
      schema: {
        tags,
        operationId: 'confirmIdentity',
        summary: 'Confirm it is you (password or authenticator code) before a sensitive change',
        description:
          'Changes to how the account signs in need a recent sign-in. This renews it: the session gets a new id (a new cookie; its absolute expiry stays) and counts as signed in now. A wrong password or code answers 403 and counts as a failed sign-in (429 after too many). A passkey confirms at POST /auth/confirm/passkey; an account with neither signs in again with its provider.',
        body: ConfirmIdentityBody,
        response: { 204: z.null() },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request, reply) => {
      const session = await services.accounts.confirm(
        actorOf(request),
        request.body,
        requestMeta(request),
        config.reauthWindowMs,
      );
      setSessionCookie(reply, config, session);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/auth/me',
    {
      schema: {
        tags,
        operationId: 'deleteAccount',
        summary: 'Delete the account and every row it owns',
        body: AccountDeleteBody,
        response: { 204: z.null() },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request, reply) => {
      await services.accounts.deleteAccount(actorOf(request), request.body.password, requestMeta(request), config.reauthWindowMs);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );
};

/** Two-factor settings: the authenticator app and recovery codes. */
export const twoFactorRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (
  app,
  { services, config },
) => {
  const tags = ['security'];
  const sessionOnly = { sessionOnly: true };
  app.get(
    '/auth/2fa',
    {
      schema: {
        tags,
        operationId: 'getTwoFactorStatus',
        summary: 'Which second factors are on',
        response: { 200: TwoFactorStatus },
      },
      config: ACCOUNT_SETTINGS,
    },
    async (request) => services.twoFactor.status(actorOf(request)),
  );
  app.post(
    '/auth/2fa/totp/setup',
    {
      schema: {
        tags,
        operationId: 'setUpTotp',
        summary: 'Start setting up an authenticator app: a secret and its QR code',
        response: { 200: TotpSetup },
      },
      config: RECENT_SIGN_IN,
    },
    async (request) => services.twoFactor.beginTotp(actorOf(request)),
  );
  app.post(
    '/auth/2fa/totp/enable',
    {
      schema: {
        tags,
        operationId: 'enableTotp',
        summary: 'Confirm with a first code: two-factor sign-in is on; answers the recovery codes',
        body: TotpCodeBody,
        response: { 200: RecoveryCodes },
      },
      config: RECENT_SIGN_IN,
    },
    async (request, reply) => {
      // More privilege now: the session gets a new id.
      const { recoveryCodes, session } = await services.twoFactor.enableTotp(
        actorOf(request),
        request.body.code,
        requestMeta(request),
      );
      setSessionCookie(reply, config, session);
      return { recoveryCodes };
    },
  );
  app.post(
    '/auth/2fa/totp/disable',
    {
      schema: {
        tags,
        operationId: 'disableTotp',
        summary: 'Turn two-factor sign-in off (password or a code)',
        body: TotpDisableBody,
        response: { 204: z.null() },
      },
      config: sessionOnly,
    },
    async (request, reply) => {
      await services.twoFactor.disable(actorOf(request), request.body, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/2fa/recovery-codes',
    {
      schema: {
        tags,
        operationId: 'regenerateRecoveryCodes',
        summary: 'New recovery codes (the old ones stop working)',
        body: TotpCodeBody,
        response: { 200: RecoveryCodes },
      },
      config: RECENT_SIGN_IN,
    },
    async (request) => services.twoFactor.regenerateRecoveryCodes(actorOf(request), request.body.code, requestMeta(request)),
  );
};
