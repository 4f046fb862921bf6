import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { allowedHosts } from './lib/outbound.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  PUBLIC_URL: optional(z.url()),
  APP_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  AI_PROVIDER: z.enum(['builtin', 'openai', 'anthropic', 'google', 'openai-compatible']).default('builtin'),
  AI_MODEL: optional(z.string()),
  AI_API_KEY: optional(z.string()),
  AI_BASE_URL: optional(z.url()),
  /** Comma-separated hosts on private addresses that users' own AI base URLs may reach. */
  AI_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim())
        .filter(Boolean),
    ),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).default(600),
  /** Public PDF résumés one address may ask for a minute (setting a PDF costs CPU). */
  PUBLIC_PDF_PER_MIN: z.coerce.number().int().min(1).max(600).default(10),
  REAUTH_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  REQUIRE_TWO_FACTOR: z.stringbool().default(false),
  READ_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** Milliseconds a session found by its cookie is remembered (see lib/session-cache.ts); 0 looks it up every time. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Seconds a client has to send a request's headers, and the whole request with its body. */
  HEADERS_TIMEOUT_S: z.coerce.number().int().min(1).max(300).default(10),
  REQUEST_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Seconds an idle kept-alive connection stays open, and any connection with no traffic at all. */
  KEEP_ALIVE_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(5),
  IDLE_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(120),
  /** Open connections at most; more are refused at once, so one client cannot use up the open-file limit. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** Seconds a running job's worker may go without a heartbeat before another worker retries the job. */
  JOB_SILENCE_S: z.coerce.number().int().min(3).max(600).default(15),
  SMTP_URL: optional(z.string()),
  MAIL_FROM: optional(z.string()),
  GITHUB_CLIENT_ID: optional(z.string()),
  GITHUB_CLIENT_SECRET: optional(z.string()),
  GOOGLE_CLIENT_ID: optional(z.string()),
  GOOGLE_CLIENT_SECRET: optional(z.string()),
  /** Only to point sign-in at GitHub Enterprise or Google-compatible test servers. */
  GITHUB_URL: z.url().default('https://github.com'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.stringbool().default(false),
});

export type Role = 'all' | 'api' | 'worker';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: URL;
  appSecret: string;
  role: Role;
  rateLimitPerMin: number;
  /** Public PDF résumés per client address a minute (PUBLIC_PDF_PER_MIN), while rate limits are on. */
  publicPdfPerMin: number;
  /**
   * How long a sign-in (or a confirmation of it) lets the session change how the account signs
   * in (REAUTH_WINDOW_MINUTES); 0 asks every time.
   */
  reauthWindowMs: number;
  /**
   * Every account must turn on two-factor sign-in (REQUIRE_TWO_FACTOR): until it does, only the
   * routes that set it up answer.
   */
  requireTwoFactor: boolean;
  /** Room for finished answers of the heavy read routes (READ_CACHE_MB, in bytes); 0 turns it off. */
  readCacheBytes: number;
  /**
   * How long a session found by its cookie is remembered (SESSION_CACHE_MS; 0 looks it up on every
   * request). Ended in this process, it is refused at once; ended in another, as that commits (the
   * `sessions_ended` notification); only an ending nobody is told of waits out this time.
   */
  sessionCacheMs: number;
  /** How long clients may take, in milliseconds, and how many connections may be open. */
  http: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    idleTimeoutMs: number;
    maxConnections: number;
  };
  /**
   * When a running job counts as lost (JOB_SILENCE_S): its worker has not beaten for this long.
   * The heartbeat and the check for silent jobs follow from it (jobs/queue.ts, livenessFor).
   */
  jobSilenceSeconds: number;
  ai: {
    provider: z.infer<typeof Env>['AI_PROVIDER'];
    model?: string;
    apiKey?: string;
    baseUrl?: string;
    /**
     * What users' own base URLs may reach on private addresses: the operator's base URL at its own
     * host and port, and the hosts AI_ALLOWED_PRIVATE_HOSTS names (see lib/outbound.ts).
     */
    allowedPrivateHosts: ReadonlySet<string>;
  };
  smtp: { url: string; from: string } | undefined;
  oauth: {
    github?: { clientId: string; clientSecret: string; url: string; apiUrl: string };
    google?: { clientId: string; clientSecret: string; issuer: string };
  };
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  trustProxy: boolean;
}

export class ConfigError extends Error {}

/** Reads the environment once. Invalid settings stop the start with a message naming each one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const pair = (id?: string, secret?: string) => (id && secret ? { clientId: id, clientSecret: secret } : undefined);
  const withExtra = <T extends object, E extends object>(base: T | undefined, extra: E) =>
    base ? { ...base, ...extra } : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl: new URL(e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`),
    appSecret: e.APP_SECRET ?? readOrCreateSecret(dataDir),
    role: e.ROLE,
    rateLimitPerMin: e.RATE_LIMIT_PER_MIN,
    publicPdfPerMin: e.PUBLIC_PDF_PER_MIN,
    reauthWindowMs: e.REAUTH_WINDOW_MINUTES * 60_000,
    requireTwoFactor: e.REQUIRE_TWO_FACTOR,
    readCacheBytes: e.READ_CACHE_MB * 1024 * 1024,
    sessionCacheMs: e.SESSION_CACHE_MS,
    http: {
      headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_S, e.REQUEST_TIMEOUT_S) * 1000,
      requestTimeoutMs: e.REQUEST_TIMEOUT_S * 1000,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_S * 1000,
      idleTimeoutMs: e.IDLE_TIMEOUT_S * 1000,
      maxConnections: e.MAX_CONNECTIONS,
    },
    jobSilenceSeconds: e.JOB_SILENCE_S,
    ai: {
      provider: e.AI_PROVIDER,
      model: e.AI_MODEL,
      apiKey: e.AI_API_KEY,
      baseUrl: e.AI_BASE_URL,
      allowedPrivateHosts: allowedHosts([e.AI_BASE_URL], e.AI_ALLOWED_PRIVATE_HOSTS),
    },
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    oauth: {
      github: withExtra(pair(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET), {
        url: e.GITHUB_URL.replace(/\/$/, ''),
        apiUrl: e.GITHUB_API_URL.replace(/\/$/, ''),
      }),
      google: withExtra(pair(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET), { issuer: e.GOOGLE_ISSUER.replace(/\/$/, '') }),
    },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}

/** A secret generated on first start and kept beside the embedded database. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
