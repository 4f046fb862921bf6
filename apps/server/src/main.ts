import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createContext } from './context.ts';
import { warmUpResumePdf } from './formats/resume-pdf.ts';
import { createLogger } from './lib/logger.ts';

/**
 * One process: API, worker and scheduler together (ROLE=all, the default), or just one of them.
 * SIGTERM stops taking requests, lets running ones and running jobs finish, then closes the database.
 */
async function main() {
  // Every file this process creates (the embedded database, its WAL, the app secret) is its own.
  process.umask(0o077);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  const ctx = await createContext(config, { logger });
  const app = await buildApp(ctx, { logger, web: config.role !== 'worker' });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000).unref();
    try {
      await app.close();
      await ctx.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      role: config.role,
      database: ctx.database.kind,
      url: config.publicUrl.href,
      startupMs: Math.round(performance.now() - started),
    },
    `Career Anchor is ready at ${config.publicUrl.href}`,
  );
  // Read the PDF fonts now rather than in someone's first PDF request; readiness does not wait.
  if (config.role !== 'worker') {
    setImmediate(() => {
      const warming = performance.now();
      warmUpResumePdf().then(
        () => logger.info({ ms: Math.round(performance.now() - warming) }, 'PDF résumé fonts loaded'),
        (err: unknown) => logger.error({ err }, 'PDF résumé warm-up failed'),
      );
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
