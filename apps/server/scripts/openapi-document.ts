import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';

/** The committed API document; the web client's types are generated from it. */
export const OPENAPI_JSON = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));

/** Builds the app on a throwaway embedded database and returns its OpenAPI document as text. */
export async function renderOpenApi(): Promise<string> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ APP_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent' });
  const ctx = await createContext(config, { logger, database: { memory: true } });
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
