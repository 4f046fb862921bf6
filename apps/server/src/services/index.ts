import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import { createRepositories } from '../repositories/index.ts';
import { followSessionEndings } from '../repositories/sessions.repository.ts';
import { createSessionCache } from '../lib/session-cache.ts';
import { createAccountsService } from './accounts.service.ts';
import { createAchievementsService } from './achievements.service.ts';
import { createCareerImportService } from './career-import.service.ts';
import { createCareerService } from './career.service.ts';
import { createFocusItemsService } from './focus-items.service.ts';
import { createOverviewService } from './overview.service.ts';
import { createPlansService } from './plans.service.ts';
import { createProfileService } from './profile.service.ts';
import { createTodosService } from './todos.service.ts';
import { createTrashService } from './trash.service.ts';
import { createJobsService } from './jobs.service.ts';
import { createHealthService } from './health.service.ts';
import type { AiConnector } from '../ai/client.ts';
import { createAiUsageService } from './ai-usage.service.ts';
import { createMailer } from '../lib/mailer.ts';
import { createNotificationsService } from './notifications.service.ts';
import { createRemindersService } from './reminders.service.ts';
import { createTimedRemindersService } from './timed-reminders.service.ts';
import { createCalendarFeedService } from './calendar-feed.service.ts';
import { createInsightsService } from './insights.service.ts';
import { createReflectionsService } from './reflections.service.ts';
import { createSearchService } from './search.service.ts';
import { createStatsService } from './stats.service.ts';
import { createTagsService } from './tags.service.ts';
import { createPublicProfileService } from './public-profile.service.ts';
import { createResumeFilesService } from './resume-files.service.ts';
import { createTransferService } from './transfer.service.ts';
import { createSecurityService } from './security.service.ts';
import { createTwoFactorService } from './two-factor.service.ts';
import { createEmailTokensService } from './email-tokens.service.ts';
import { createOAuthService } from './oauth.service.ts';
import { createOAuthServerService } from './oauth-server/index.ts';
import { createPasskeysService } from './passkeys.service.ts';
import { createSealer } from '../lib/sealing.ts';
import { createReportDraftsService } from './report-drafts.service.ts';
import { createReadCache } from './read-cache.service.ts';
import { createReportsService } from './reports.service.ts';
import { createReportsExportService } from './reports-export.service.ts';
import { createSettingsService } from './settings.service.ts';
import { createSuggestionsService } from './suggestions.service.ts';
import { createLoginThrottle, type ThrottleLimits } from './login-throttle.ts';
import { createSessionsService } from './sessions.service.ts';
import { createTokensService } from './tokens.service.ts';
import { createAssistantsService } from './assistants.service.ts';
import { createMcpService } from './mcp/index.ts';

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  queue: JobQueue;
  ai: AiConnector;
  throttleLimits?: ThrottleLimits;
}

/** Builds every service once, with what each one needs passed in. */
export function createServices({ config, database, clock, queue, ai, throttleLimits }: ServiceDeps) {
  const db = database.db;
  // Kept only while session endings in other processes can be heard (a worker resolves no cookies).
  const sessionCache = createSessionCache({ ttlMs: config.sessionCacheMs, paused: true });
  if (config.sessionCacheMs > 0 && config.role !== 'worker') followSessionEndings(database, sessionCache);
  const repos = createRepositories(db, { sessionCache });
  const sessions = createSessionsService(repos, clock, sessionCache);
  const tokens = createTokensService(repos, clock);
  const throttle = createLoginThrottle(repos, clock, throttleLimits);
  const security = createSecurityService(repos, clock);
  const mailer = createMailer(config);
  const emailTokens = createEmailTokensService({ repos, clock, config, mailer, queue, log: security.log });
  const twoFactor = createTwoFactorService({
    repos,
    clock,
    sessions,
    sealer: createSealer(config.appSecret, 'totp-secret'),
    log: security.log,
    throttle,
    required: config.requireTwoFactor,
  });
  const accounts = createAccountsService({
    repos,
    clock,
    sessions,
    throttle,
    log: security.log,
    twoFactor,
    emailTokens,
    providers: (['github', 'google'] as const).filter((p) => config.oauth[p]),
    requireTwoFactor: config.requireTwoFactor,
    onAccountDeleting: (userId) => queue.cancelForUser(userId),
  });
  const profile = createProfileService(repos, clock);
  const achievements = createAchievementsService(repos, clock, queue);
  const focusItems = createFocusItemsService(repos, clock);
  const plans = createPlansService(repos, clock);
  const todos = createTodosService(repos, clock, queue);
  const overview = createOverviewService({ repos, clock });
  const trash = createTrashService(repos, clock);
  const tags = createTagsService(repos);
  const settings = createSettingsService({ repos, clock, config, queue, sealer: createSealer(config.appSecret, 'ai-api-key') });
  const reports = createReportsService(repos, clock, queue);
  const reportDrafts = createReportDraftsService({ repos, clock, ai, settings, reports });
  const career = createCareerService(repos, clock);
  const suggestions = createSuggestionsService({ repos, clock, ai, settings, achievements, focusItems, career, todos });
  const aiUsage = createAiUsageService({ repos, clock, ai, reportDrafts, suggestions });
  const notifications = createNotificationsService({ repos, clock, config, mailer, settings });
  const reminders = createRemindersService({ repos, queue, mailer });
  const timedReminders = createTimedRemindersService({ repos, queue, mailer });
  const insights = createInsightsService(repos, clock);
  const reflections = createReflectionsService({ repos, clock, ai, settings, insights, queue, mailer });
  const search = createSearchService(repos);
  const stats = createStatsService(repos, clock);
  const publicProfile = createPublicProfileService(repos);
  const transfer = createTransferService(repos, clock);
  const careerImport = createCareerImportService(repos, clock);
  const readCache = createReadCache({ repos, clock, maxBytes: config.readCacheBytes });
  const assistants = createAssistantsService(repos, clock);
  // Assistants' OAuth: this server as the authorisation server for /mcp (not sign-in with a provider).
  const oauthServer = createOAuthServerService({ repos, clock, config, log: security.log });
  const jobs = createJobsService({ repos, queue });
  const mcp = createMcpService({
    config,
    clock,
    repos,
    todos,
    plans,
    achievements,
    reports,
    reportDrafts,
    jobs,
    search,
    overview,
    profile,
    suggestions,
    assistants,
    // Bearer secrets /mcp accepts, tried in this order.
    resolvers: [tokens.resolve, oauthServer.resolveAccessToken],
  });
  return {
    accounts,
    sessions,
    tokens,
    throttle,
    health: createHealthService(repos),
    jobs,
    assistants,
    mcp,
    profile,
    achievements,
    career,
    careerImport,
    focusItems,
    plans,
    todos,
    overview,
    trash,
    tags,
    settings,
    reports,
    reportDrafts,
    reportsExport: createReportsExportService({ repos, clock, reports }),
    suggestions,
    aiUsage,
    notifications,
    reminders,
    timedReminders,
    calendarFeed: createCalendarFeedService({ repos, clock, config, sealer: createSealer(config.appSecret, 'calendar-feed') }),
    insights,
    reflections,
    search,
    stats,
    publicProfile,
    transfer,
    resumeFiles: createResumeFilesService({ careerImport }),
    readCache,
    security,
    twoFactor,
    emailTokens,
    passkeys: createPasskeysService({ repos, clock, config, log: security.log, accounts, twoFactor }),
    oauth: createOAuthService({
      repos,
      clock,
      config,
      sealer: createSealer(config.appSecret, 'oauth-flight'),
      log: security.log,
      sessions,
      accounts,
      twoFactor,
    }),
    oauthServer,
  };
}
export type Services = ReturnType<typeof createServices>;
