import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { PROBLEM_TYPES, type ProblemSlug } from '@career-anchor/contracts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createContext, type AppContext, type ContextOptions } from '../../src/context.ts';
import type { DatabaseOptions } from '../../src/db/client.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

export const TEST_ORIGIN = 'http://127.0.0.1:3000';

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    database?: DatabaseOptions;
    /** Collect every log line, at every level, as the server would write it. */
    logLines?: string[];
  } & Partial<Omit<ContextOptions, 'logger' | 'database'>> = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ca-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    RATE_LIMIT_PER_MIN: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: TEST_ORIGIN,
    ...options.env,
  });
  const testDb = options.database ? undefined : await createTestDatabase();
  const lines = options.logLines;
  const logger = lines
    ? createLogger('trace', { write: (line: string) => void lines.push(line) })
    : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const ctx = await createContext(config, {
    schedules: false,
    ...options,
    logger,
    database: options.database ?? testDb!.options,
  });
  const app = await buildApp(ctx, { logger, web: false });
  await app.ready();
  return {
    app,
    ctx,
    async close() {
      // The database goes even when closing fails (a test may have closed it under the app).
      try {
        await app.close();
        await ctx.close();
      } finally {
        await testDb?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A signed-in test user and the cookie that carries the session. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

let counter = 0;
export async function signUp(
  app: FastifyInstance,
  overrides: Partial<{ email: string; password: string; displayName: string }> = {},
): Promise<TestUser> {
  const email = overrides.email ?? `user${Date.now().toString(36)}${counter++}@example.com`;
  const password = overrides.password ?? 'correct horse battery';
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password, displayName: overrides.displayName ?? 'Test User' },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, email, password, cookie: cookieFrom(res) };
}

/** POST /auth/login with the user's own e-mail and password: a second device, or a check that they still work. */
export const signIn = (app: FastifyInstance, user: { email: string; password: string }) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: user.password },
    headers: { origin: TEST_ORIGIN },
  });

export function cookieFrom(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const first = (Array.isArray(header) ? header : [header]).find((c) => c?.startsWith('ca_session='));
  if (!first) throw new Error('no session cookie in the answer');
  return first.split(';')[0]!;
}

/** `inject` with the user's cookie and a same-origin Origin header, as a browser sends. */
export function as(app: FastifyInstance, user: { cookie: string } | null) {
  const call = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: { origin: TEST_ORIGIN, ...(user ? { cookie: user.cookie } : {}), ...headers },
    });
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => call('POST', url, payload ?? {}, headers),
    put: (url: string, payload?: unknown, headers?: Record<string, string>) => call('PUT', url, payload ?? {}, headers),
    patch: (url: string, payload?: unknown, headers?: Record<string, string>) => call('PATCH', url, payload ?? {}, headers),
    delete: (url: string, payload?: unknown, headers?: Record<string, string>) => call('DELETE', url, payload, headers),
  };
}

export function expectProblem(res: LightMyRequestResponse, status: number) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return expectCatalogued(res);
}

/**
 * The answer is a problem document whose type is in the catalogue, with that type's own status
 * and title: so its `type` leads to a page (GET /problems/{slug}).
 */
export function expectCatalogued(res: LightMyRequestResponse) {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers['content-type']}: ${res.body}`);
  }
  const body = res.json();
  const slug = typeof body.type === 'string' ? body.type.replace(/^\/problems\//, '') : '';
  const entry = Object.hasOwn(PROBLEM_TYPES, slug) ? PROBLEM_TYPES[slug as ProblemSlug] : undefined;
  if (!entry || body.type !== `/problems/${slug}`) throw new Error(`problem type not in the catalogue: ${res.body}`);
  if (body.status !== res.statusCode || body.status !== entry.status || body.title !== entry.title) {
    throw new Error(`status or title differ from the catalogue's ${entry.status} ${entry.title}: ${res.statusCode} ${res.body}`);
  }
  return body as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
}
