import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseOptions } from './db/client.ts';
import { registerJobs } from './job-registry.ts';
import { createJobQueue, livenessFor, type JobQueue } from './jobs/queue.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { makePrivate } from './lib/private-files.ts';
import { createServices, type Services } from './services/index.ts';
import type { ThrottleLimits } from './services/login-throttle.ts';
import type { JobDefinition } from './jobs/definitions.ts';
import { createAiClient, type AiLimits } from './ai/client.ts';

/** Everything a process holds: configuration, the database, the queue and the services. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  services: Services;
  close(): Promise<void>;
}

export interface ContextOptions {
  logger: Logger;
  clock?: Clock;
  database?: DatabaseOptions;
  throttleLimits?: ThrottleLimits;
  /** Limits of the model connector (calls a minute, tokens a day, timeout, cache life). */
  aiLimits?: Partial<AiLimits>;
  /** Run the cron schedules (default yes; tests drive them by hand with their own clock). */
  schedules?: boolean;
  /** Extra job kinds (tests use this to exercise the queue itself). */
  extraJobs?: JobDefinition<any>[];
}

export async function createContext(config: Config, options: ContextOptions): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const embedded = !config.databaseUrl && !options.database;
  // Before opening (what an older version or a copy left open), and after: the embedded database
  // unpacks its first files with their archive's modes; what it writes later follows the umask.
  let tightened = embedded ? makePrivate(config.dataDir) : 0;
  const database = await openDatabase(
    options.database ?? (config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/db` }),
  );
  if (embedded) tightened += makePrivate(config.dataDir);
  if (tightened) options.logger.info({ dataDir: config.dataDir, tightened }, 'made files in the data folder private (0600/0700)');
  const queue = createJobQueue({ database, clock, logger: options.logger, liveness: livenessFor(config.jobSilenceSeconds) });
  const ai = createAiClient({
    db: database.db,
    clock,
    logger: options.logger,
    limits: options.aiLimits,
    egress: { operatorBaseUrl: config.ai.baseUrl, allowedPrivateHosts: config.ai.allowedPrivateHosts },
  });
  const services = createServices({ config, database, clock, queue, ai, throttleLimits: options.throttleLimits });
  registerJobs(queue, services, database, clock);
  if (options.extraJobs) queue.define(...options.extraJobs);
  await queue.start({ work: config.role !== 'api', schedules: options.schedules ?? true });
  return {
    config,
    database,
    clock,
    queue,
    services,
    async close() {
      await queue.stop();
      await database.close();
    },
  };
}
