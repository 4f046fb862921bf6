import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import { createAccountsService } from './accounts.service.ts';
import { createAchievementsService } from './achievements.service.ts';
import { createFocusItemsService } from './focus-items.service.ts';
import { createOverviewService } from './overview.service.ts';
import { createPlansService } from './plans.service.ts';
import { createProfileService } from './profile.service.ts';
import { createTodosService } from './todos.service.ts';
import { createTrashService } from './trash.service.ts';
import { tagCounts } from '../repositories/tags.repository.ts';
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
  const profile = createProfileService(db, clock);
  const achievements = createAchievementsService(db, clock);
  const focusItems = createFocusItemsService(db, clock);
  const plans = createPlansService(db, clock);
  const todos = createTodosService(db, clock, plans);
  const overview = createOverviewService({ profile, achievements, focusItems, plans, todos });
  const trash = createTrashService(db, clock);
  const tags = { counts: (actor: { userId: string }) => tagCounts(db, actor.userId) };
  return {
    accounts,
    sessions,
    tokens,
    throttle,
    jobs: queue,
    profile,
    achievements,
    focusItems,
    plans,
    todos,
    overview,
    trash,
    tags,
  };
}
export type Services = ReturnType<typeof createServices>;
