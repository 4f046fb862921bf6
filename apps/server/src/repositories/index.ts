import type { Db, Executor } from '../db/client.ts';
import { aiUsageRepository } from './ai.repository.ts';
import { assistantsRepository } from './assistants.repository.ts';
import { dataVersionsRepository } from './data-versions.repository.ts';
import { healthRepository } from './health.repository.ts';
import { jobsRepository } from './jobs.repository.ts';
import { profilesRepository } from './profiles.repository.ts';
import { settingsRepository } from './settings.repository.ts';
import { tagsRepository } from './tags.repository.ts';
import { transferRepository } from './transfer.repository.ts';
import { trashRepository, trashSweep } from './trash.repository.ts';
import { reportDraftsRepository } from './report-drafts.repository.ts';
import { reportsRepository } from './reports.repository.ts';
import { suggestionsRepository } from './suggestions.repository.ts';
import { insightsRepository } from './insights.repository.ts';
import { notificationsById, notificationsRepository } from './notifications.repository.ts';
import { remindersSweep } from './reminders.repository.ts';
import { searchRepository } from './search.repository.ts';
import { achievementsRepository } from './achievements.repository.ts';
import { careerRepository } from './career.repository.ts';
import { focusItemsRepository } from './focus-items.repository.ts';
import { overviewRepository } from './overview.repository.ts';
import { plansRepository } from './plans.repository.ts';
import { publicProfilesRepository } from './public-profile.repository.ts';
import { statsRepository } from './stats.repository.ts';
import { todosRepository } from './todos.repository.ts';
import { accountsRepository, accountsSystem } from './accounts.repository.ts';
import { apiTokensRepository, apiTokensSystem } from './api-tokens.repository.ts';
import { calendarFeedsRepository, calendarFeedsSystem } from './calendar-feeds.repository.ts';
import { identitiesRepository, identitiesSystem } from './identities.repository.ts';
import { oneTimeTokensRepository, oneTimeTokensSystem } from './one-time-tokens.repository.ts';
import { oauthGrantsRepository, oauthSystem } from './oauth.repository.ts';
import { passkeysRepository, passkeysSystem } from './passkeys.repository.ts';
import { securityLogRepository } from './security-log.repository.ts';
import { sessionsRepository, sessionsSystem } from './sessions.repository.ts';
import { noSessionCache, type SessionCache } from '../lib/session-cache.ts';
import { throttleSystem } from './throttle.repository.ts';
import { twoFactorRepository, twoFactorSystem } from './two-factor.repository.ts';

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
function bind(executor: Executor, userId: string, sessionCache: SessionCache) {
  return lazily({
    profiles: () => profilesRepository(executor, userId),
    aiUsage: () => aiUsageRepository(executor, userId),
    assistants: () => assistantsRepository(executor, userId),
    dataVersions: () => dataVersionsRepository(executor, userId),
    jobs: () => jobsRepository(executor, userId),
    settings: () => settingsRepository(executor, userId),
    tags: () => tagsRepository(executor, userId),
    transfer: () => transferRepository(executor, userId),
    trash: () => trashRepository(executor, userId),
    reports: () => reportsRepository(executor, userId),
    reportDrafts: () => reportDraftsRepository(executor, userId),
    suggestions: () => suggestionsRepository(executor, userId),
    notifications: () => notificationsRepository(executor, userId),
    insights: () => insightsRepository(executor, userId),
    search: () => searchRepository(executor, userId),
    todos: () => todosRepository(executor, userId),
    plans: () => plansRepository(executor, userId),
    achievements: () => achievementsRepository(executor, userId),
    career: () => careerRepository(executor, userId),
    focusItems: () => focusItemsRepository(executor, userId),
    overview: () => overviewRepository(executor, userId),
    stats: () => statsRepository(executor, userId),
    accounts: () => accountsRepository(executor, userId, sessionCache),
    sessions: () => sessionsRepository(executor, userId, sessionCache),
    apiTokens: () => apiTokensRepository(executor, userId),
    calendarFeeds: () => calendarFeedsRepository(executor, userId),
    securityLog: () => securityLogRepository(executor, userId),
    twoFactor: () => twoFactorRepository(executor, userId),
    passkeys: () => passkeysRepository(executor, userId),
    identities: () => identitiesRepository(executor, userId),
    oneTimeTokens: () => oneTimeTokensRepository(executor, userId),
    oauthGrants: () => oauthGrantsRepository(executor, userId),
  });
}
export type UserRepositories = ReturnType<typeof bind>;

/**
 * The only way services reach the data. `for(actor)` hands out repositories whose every query is
 * scoped to that user, so an unscoped query cannot be written by accident; `transaction(actor, …)`
 * does the same inside one transaction (with its executor, for work queued in it).
 */
export function createRepositories(db: Db, options: { sessionCache?: SessionCache } = {}) {
  // Told by every statement that ends sessions (see lib/session-cache.ts).
  const sessionCache = options.sessionCache ?? noSessionCache();
  return {
    for: (owner: Owner): UserRepositories => bind(db, owner.userId, sessionCache),
    /** The database, for the job queue to enqueue outside a transaction (it writes its own rows). */
    executor: db as Executor,
    /** `tx` is the open transaction, for the job queue to enqueue in it (it writes its own rows). */
    transaction: <T>(owner: Owner, work: (repos: UserRepositories, tx: Executor) => Promise<T>): Promise<T> =>
      db.transaction((tx) => work(bind(tx, owner.userId, sessionCache), tx)),
    /** Queries that by nature have no acting user; each factory says why. */
    system: lazily({
      // Readiness asks the database itself, not anyone's data.
      health: () => healthRepository(db),
      // Items past the trash's retention period, whoever owns them.
      trash: () => trashSweep(db),
      // The reminder schedule sweeps every user in batches.
      reminders: () => remindersSweep(db),
      // The mail job and the unsubscribe link know a notification's id before its user.
      notifications: () => notificationsById(db),
      // A public profile is read by whoever visits it, signed in or not.
      publicProfiles: () => publicProfilesRepository(db),
      // signing in, a reset request, an operator: the address names the account
      accounts: () => accountsSystem(db),
      // a cookie names its session; the sweep of expired ones spans every user
      sessions: () => sessionsSystem(db, sessionCache),
      // a bearer secret names its token
      apiTokens: () => apiTokensSystem(db),
      // a feed's address names its calendar
      calendarFeeds: () => calendarFeedsSystem(db),
      // a half-done sign-in's cookie names its challenge
      twoFactor: () => twoFactorSystem(db),
      // a passkey alone names the account it opens
      passkeys: () => passkeysSystem(db),
      // a provider's account names ours
      identities: () => identitiesSystem(db),
      // links and challenges are found by their secret, some issued before sign-in
      oneTimeTokens: () => oneTimeTokensSystem(db),
      // failures are counted per address and IP, before anyone is signed in
      throttle: () => throttleSystem(db),
      // assistants' OAuth endpoints: a client id, a code or a token names what is looked up
      oauth: () => oauthSystem(db),
    }),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
