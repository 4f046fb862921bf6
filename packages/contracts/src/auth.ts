import { z } from 'zod';
import { Id, Locale, TimeZone, Timestamp } from './common.ts';

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

export const RegisterBody = z
  .object({
    email: Email,
    password: Password,
    displayName: DisplayName,
    locale: Locale.optional().describe('The language of the page signing up; without it, from Accept-Language'),
    timezone: TimeZone.optional().describe('The browser’s IANA time zone (Asia/Shanghai…); without it, UTC'),
  })
  .meta({ id: 'RegisterBody' });

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX) }).meta({ id: 'LoginBody' });

const CurrentPassword = z.string().min(1).max(PASSWORD_MAX);
const IDENTITY_NOTE =
  'Required when the account has a password. An account made through GitHub or Google has none; it leaves this out and must have signed in recently instead (a recent sign-in, or POST /auth/confirm).';

export const PasswordChangeBody = z
  .object({ currentPassword: CurrentPassword.optional().describe(IDENTITY_NOTE), newPassword: Password })
  .meta({ id: 'PasswordChangeBody' });

export const AccountDeleteBody = z
  .object({ password: CurrentPassword.optional().describe(IDENTITY_NOTE) })
  .meta({ id: 'AccountDeleteBody' });

export const User = z
  .object({
    id: Id,
    email: z.string(),
    emailVerified: z.boolean(),
    hasPassword: z.boolean().describe('False for an account made through GitHub or Google until it sets one'),
    twoFactorSetupRequired: z
      .boolean()
      .describe(
        'True while the server requires two-factor sign-in (REQUIRE_TWO_FACTOR) and this account has not turned it on: until then, other routes answer 403 two-factor-setup-required',
      ),
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

/** What a user agent says about a device, as names: a page puts them into words in its own language. */
export const Device = z
  .object({
    browser: z.string().nullable().describe('Chrome, Firefox, Safari, Edge or Opera; null when not a known browser'),
    system: z.string().nullable().describe('Windows, macOS, iOS, Android, ChromeOS or Linux; null when not known'),
    client: z
      .string()
      .nullable()
      .describe('What a script or app called itself (curl…), when neither browser nor system is known; null otherwise'),
  })
  .meta({ id: 'Device' });

export const SessionInfo = z
  .object({
    id: Id,
    current: z.boolean().describe('The session this request came with'),
    browser: z.string().describe('Browser and system, read from the user agent, in English ("Chrome on macOS")'),
    device: Device,
    ip: z.string().nullable(),
    place: z.string().nullable().describe('Where the address is, when known'),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
  })
  .meta({ id: 'SessionInfo' });

export const SecurityEventKind = z.enum([
  'registered',
  'registered_github',
  'registered_google',
  'signed_in',
  'signed_in_passkey',
  'signed_in_github',
  'signed_in_google',
  'signed_in_recovery_code',
  'password_accepted',
  'sign_in_failed',
  'password_set',
  'password_changed',
  'password_reset',
  'password_reset_by_operator',
  'token_created',
  'session_revoked',
  'sessions_revoked',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_renewed',
  'passkey_added',
  'passkey_removed',
  'linked_github',
  'linked_google',
  'provider_unlinked',
  'email_verified',
  'identity_confirmed',
  'assistant_connected',
  'assistant_revoked',
]);
export type SecurityEventKind = z.infer<typeof SecurityEventKind>;

export const SecurityEvent = z
  .object({
    kind: SecurityEventKind.describe(
      'password_accepted: the password was right and a second step was asked for; identity_confirmed: a signed-in session confirmed it is the owner before a sensitive change',
    ),
    browser: z.string().describe('Browser and system, read from the user agent, in English ("Chrome on macOS")'),
    device: Device,
    ip: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'SecurityEvent' });

export const TwoFactorRequired = z
  .object({
    twoFactorRequired: z.literal(true),
    methods: z
      .array(z.enum(['totp', 'recovery', 'passkey']))
      .describe('Ways to finish signing in at POST /auth/login/2fa (or with a passkey)'),
  })
  .meta({ id: 'TwoFactorRequired' });

export const LoginResult = z.union([User, TwoFactorRequired]).meta({ id: 'LoginResult' });

const Code = z.string().trim().min(6).max(20);
export const SecondFactorBody = z
  .object({ code: Code.optional().describe('From the authenticator app'), recoveryCode: Code.optional() })
  .refine((body) => Boolean(body.code) !== Boolean(body.recoveryCode), { message: 'Give either a code or a recovery code' })
  .meta({ id: 'SecondFactorBody' });

export const TwoFactorStatus = z
  .object({ totp: z.boolean(), recoveryCodesLeft: z.number().int(), passkeys: z.number().int() })
  .meta({ id: 'TwoFactorStatus' });
export const TotpSetup = z
  .object({
    secret: z.string().describe('Base32, for typing in by hand'),
    otpauthUrl: z.string(),
    qrSvg: z.string().describe('The otpauth URL as an SVG QR code'),
  })
  .meta({ id: 'TotpSetup' });
export const TotpCodeBody = z.object({ code: Code }).meta({ id: 'TotpCodeBody' });
export const TotpDisableBody = z
  .object({ password: z.string().min(1).max(PASSWORD_MAX).optional(), code: Code.optional() })
  .refine((body) => Boolean(body.password) || Boolean(body.code), { message: 'Give your password or a code' })
  .meta({ id: 'TotpDisableBody' });
export const ConfirmIdentityBody = z
  .object({
    password: z.string().min(1).max(PASSWORD_MAX).optional(),
    code: Code.optional().describe('From the authenticator app (a recovery code does not confirm)'),
  })
  .refine((body) => Boolean(body.password) !== Boolean(body.code), { message: 'Give either your password or a code' })
  .meta({ id: 'ConfirmIdentityBody' });
export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).describe('Shown only now: each works once') })
  .meta({ id: 'RecoveryCodes' });

export const AuthOptions = z
  .object({
    passwordReset: z.boolean().describe('Password reset by e-mail is available (the server can send e-mail)'),
    emailVerification: z.boolean(),
    providers: z.array(z.enum(['github', 'google'])).describe('External sign-in providers this server is set up for'),
  })
  .meta({ id: 'AuthOptions' });

export const ForgotPasswordBody = z.object({ email: z.string().trim().max(254) }).meta({ id: 'ForgotPasswordBody' });
export const ResetPasswordBody = z
  .object({
    token: z.string().min(10).max(200),
    newPassword: z
      .string()
      .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters` })
      .max(PASSWORD_MAX),
  })
  .meta({ id: 'ResetPasswordBody' });
export const TokenBody = z.object({ token: z.string().min(10).max(200) }).meta({ id: 'TokenBody' });
export const Accepted = z.object({ accepted: z.literal(true) }).meta({ id: 'Accepted' });

export const OAuthProvider = z.enum(['github', 'google']);
export const LinkedIdentity = z
  .object({ id: Id, provider: z.string(), email: z.string().nullable(), createdAt: Timestamp })
  .meta({ id: 'LinkedIdentity' });

export const Passkey = z
  .object({ id: Id, name: z.string(), createdAt: Timestamp, lastUsedAt: Timestamp.nullable() })
  .meta({ id: 'Passkey' });
/** A WebAuthn response from the browser, as @simplewebauthn/browser produces it. */
/** A browser's object that may carry fields this server does not read, up to `max` of them. */
const fewFields = <T extends z.ZodType<object>>(schema: T, max: number) =>
  schema.refine((value) => Object.keys(value).length <= max, { error: `At most ${max} fields` }).meta({ maxProperties: max });
const WebAuthnResponse = fewFields(
  z.looseObject({
    id: z.string().max(1024),
    rawId: z.string().max(1024),
    type: z.literal('public-key'),
    response: fewFields(z.looseObject({ clientDataJSON: z.string().max(8192) }), 16),
  }),
  16,
);
export const PasskeyRegisterBody = z
  .object({ response: WebAuthnResponse, name: z.string().trim().max(60).default('') })
  .meta({ id: 'PasskeyRegisterBody' });
export const PasskeySignInBody = z.object({ response: WebAuthnResponse }).meta({ id: 'PasskeySignInBody' });
export const WebAuthnOptions = z.record(z.string(), z.unknown()).describe('Options for navigator.credentials (JSON form)');
