import type { Database } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import type { Services } from '../services/index.ts';
import type { JobQueue } from './queue.ts';
import { z } from 'zod';
import { ReportDraftRequest } from '@career-anchor/contracts';
import { defineInternalJob, defineJob, defineSchedule } from './definitions.ts';
import { MAIL_JOB, REFLECTION_JOB, USER_TICK_JOB } from '../services/reminders.service.ts';
import { ACCOUNT_MAIL_JOB, RESET_REQUEST_JOB } from '../services/email-tokens.service.ts';
import { JOB } from './kinds.ts';

/**
 * Every job kind and every schedule, declared in one place. A kind that is enqueued but not
 * declared here fails at enqueue time, never silently.
 */
export function registerJobs(queue: JobQueue, services: Services, database: Database, clock: Clock) {
  queue.define(
    defineJob({
      kind: JOB.reportDraft,
      payload: ReportDraftRequest,
      retryLimit: 1,
      run: (request, ctx) =>
        services.reportDrafts.draft(ctx.userId, request, (percent, text) => ctx.progress(percent, text), ctx.signal),
    }),
    defineJob({
      kind: JOB.suggestion,
      payload: z.object({ kind: z.enum(['todo_completed', 'report_finalized', 'achievement_added']), id: z.uuid() }),
      retryLimit: 2,
      run: (trigger, ctx) => services.suggestions.generate(ctx.userId, trigger, ctx.signal),
    }),
  );

  queue.defineInternal(
    defineInternalJob({
      kind: MAIL_JOB,
      payload: z.object({ notificationId: z.uuid() }),
      retryLimit: 8,
      retryDelaySeconds: 30,
      run: ({ notificationId }) => services.notifications.email(notificationId),
    }),
    defineInternalJob({
      kind: ACCOUNT_MAIL_JOB,
      payload: z.object({ tokenId: z.uuid() }),
      retryLimit: 5,
      retryDelaySeconds: 10,
      run: ({ tokenId }) => services.emailTokens.send(tokenId),
    }),
    defineInternalJob({
      kind: RESET_REQUEST_JOB,
      payload: z.object({ email: z.string().max(254) }),
      retryLimit: 5,
      retryDelaySeconds: 10,
      run: ({ email }) => services.emailTokens.issuePasswordReset(email),
    }),
    defineInternalJob({
      kind: REFLECTION_JOB,
      payload: z.object({ userId: z.uuid(), month: z.string().regex(/^\d{4}-\d{2}$/) }),
      retryLimit: 3,
      run: ({ userId, month }) => services.reflections.write(userId, month),
    }),
    defineInternalJob({
      kind: USER_TICK_JOB,
      payload: z.object({ userId: z.uuid() }),
      retryLimit: 2,
      async run({ userId }) {
        await services.reminders.forUser(userId, clock.now());
      },
    }),
  );

  queue.schedule(
    defineSchedule({
      name: 'reminders.tick',
      // Every quarter hour: each user's reminders fall due at their own local hour.
      cron: '*/15 * * * *',
      async run({ now }) {
        await services.reminders.tick(now);
      },
    }),
    defineSchedule({
      name: 'maintenance.purge-auth',
      cron: '17 * * * *',
      async run() {
        await services.sessions.purgeExpired();
        await services.throttle.purgeStale();
      },
    }),
    defineSchedule({
      name: 'maintenance.purge-ai-cache',
      cron: '53 4 * * *',
      async run() {
        await services.aiUsage.purgeExpiredCache();
      },
    }),
    defineSchedule({
      name: 'maintenance.statistics',
      cron: '23 */2 * * *',
      run: () => database.refreshStatistics(),
    }),
    defineSchedule({
      name: 'maintenance.purge-trash',
      cron: '41 3 * * *',
      async run() {
        await services.trash.purge();
      },
    }),
  );
}
