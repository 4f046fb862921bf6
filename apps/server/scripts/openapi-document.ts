import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DatabaseOptions } from '../src/db/client.ts';

/** The committed API document; the web client's types are generated from it. */
export const OPENAPI_JSON = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));

/**
 * Builds the app and returns its OpenAPI document as text. The document does not depend on the
 * data: by default the app runs on a throwaway embedded database; a test hands it a migrated one.
 */
export async function renderOpenApi(database: DatabaseOptions = { memory: true }): Promise<string> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ APP_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent' });
  const ctx = await createContext(config, { logger, database });
  try {
    const app = await buildApp(ctx, { logger, web: false });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await ctx.close();
  }
}

export const readCommitted = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
