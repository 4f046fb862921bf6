import type { Db, Executor } from '../db/client.ts';
import { achievementsRepository } from './achievements.repository.ts';
import { focusItemsRepository } from './focus-items.repository.ts';
import { overviewRepository } from './overview.repository.ts';
import { plansRepository } from './plans.repository.ts';
import { profilesRepository } from './profiles.repository.ts';
import { publicProfilesRepository } from './public-profile.repository.ts';
import { reportsRepository } from './reports.repository.ts';
import { statsRepository } from './stats.repository.ts';
import { todosRepository } from './todos.repository.ts';

/** Whom a set of repositories works for: every query they run is scoped by this user. */
export interface Owner {
  readonly userId: string;
}

/**
 * Builds a repository on first use and keeps it for the rest of the request, so a service that
 * touches two aggregates builds two, not all of them.
 */
function lazily<T extends Record<string, () => unknown>>(factories: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const built: Partial<Record<keyof T, unknown>> = {};
  const repos = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(factories) as (keyof T)[]) {
    Object.defineProperty(repos, key, { enumerable: true, get: () => (built[key] ??= factories[key]!()) });
  }
  return repos;
}

/** One repository per aggregate, each bound to one executor (the database or a transaction) and one user. */
function bind(executor: Executor, userId: string) {
  return lazily({
    profiles: () => profilesRepository(executor, userId),
    todos: () => todosRepository(executor, userId),
    plans: () => plansRepository(executor, userId),
    achievements: () => achievementsRepository(executor, userId),
    focusItems: () => focusItemsRepository(executor, userId),
    reports: () => reportsRepository(executor, userId),
    overview: () => overviewRepository(executor, userId),
    stats: () => statsRepository(executor, userId),
  });
}
export type UserRepositories = ReturnType<typeof bind>;

/**
 * The only way services reach the data. `for(actor)` hands out repositories whose every query is
 * scoped to that user, so an unscoped query cannot be written by accident; `transaction(actor, …)`
 * does the same inside one transaction.
 */
export function createRepositories(db: Db) {
  return {
    for: (owner: Owner): UserRepositories => bind(db, owner.userId),
    /**
     * `work` also gets the transaction itself, only to hand to the job queue: a job enqueued there
     * exists exactly when the data it needs was committed.
     */
    transaction: <T>(owner: Owner, work: (repos: UserRepositories, tx: Executor) => Promise<T>): Promise<T> =>
      db.transaction((tx) => work(bind(tx, owner.userId), tx)),
    /** Queries that by nature act for no one user. */
    system: lazily({
      // A public profile is read by whoever visits it, signed in or not.
      publicProfiles: () => publicProfilesRepository(db),
    }),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
