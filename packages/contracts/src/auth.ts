import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

const Email = z
  .email({ error: 'Enter a valid e-mail address' })
  .max(254)
  .transform((s) => s.trim().toLowerCase());

const Password = z
  .string()
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX);

export const DisplayName = z.string().trim().min(1).max(100);

export const RegisterBody = z.object({ email: Email, password: Password, displayName: DisplayName }).meta({ id: 'RegisterBody' });

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX) }).meta({ id: 'LoginBody' });

export const PasswordChangeBody = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: Password })
  .meta({ id: 'PasswordChangeBody' });

export const AccountDeleteBody = z.object({ password: z.string().min(1).max(PASSWORD_MAX) }).meta({ id: 'AccountDeleteBody' });

export const User = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    locale: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const TokenScope = z.enum(['read', 'write']);

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell tokens apart'),
    scopes: z.array(TokenScope),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(TokenScope).min(1).max(2).default(['read', 'write']),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'ApiTokenCreateBody' });

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe('The secret. Shown only in this answer; store it now.'),
}).meta({ id: 'ApiTokenCreated' });

export const SessionInfo = z
  .object({
    id: Id,
    current: z.boolean().describe('The session this request came with'),
    browser: z.string().describe('Browser and system, read from the user agent'),
    ip: z.string().nullable(),
    place: z.string().nullable().describe('Where the address is, when known'),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
  })
  .meta({ id: 'SessionInfo' });

export const SecurityEvent = z
  .object({
    kind: z.string().describe('registered, signed_in, sign_in_failed, password_changed, token_created, session_revoked, …'),
    browser: z.string(),
    ip: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'SecurityEvent' });
