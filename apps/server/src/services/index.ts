import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import { createAccountsService } from './accounts.service.ts';
import { createLoginThrottle, type ThrottleLimits } from './login-throttle.ts';
import { createSessionsService } from './sessions.service.ts';
import { createTokensService } from './tokens.service.ts';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  throttleLimits?: ThrottleLimits;
}

/** Builds every service once, with what each one needs passed in. */
export function createServices({ database, clock, queue, throttleLimits }: ServiceDeps) {
  const db = database.db;
  const sessions = createSessionsService(db, clock);
  const tokens = createTokensService(db, clock);
  const throttle = createLoginThrottle(db, clock, throttleLimits);
  const accounts = createAccountsService({
    db,
    clock,
    sessions,
    throttle,
    onAccountDeleting: (userId) => queue.cancelForUser(userId),
  });
  return { accounts, sessions, tokens, throttle, jobs: queue };
}
export type Services = ReturnType<typeof createServices>;
