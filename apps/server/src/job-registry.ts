import { z } from 'zod';
import { ReportDraftRequest } from '@career-anchor/contracts';
import type { Database } from './db/client.ts';
import { defineInternalJob, defineJob, defineSchedule } from './jobs/definitions.ts';
import { INTERNAL_JOB, JOB } from './jobs/kinds.ts';
import type { JobQueue } from './jobs/queue.ts';
import { jobActor } from './lib/actor.ts';
import type { Clock } from './lib/clock.ts';
import type { Services } from './services/index.ts';

/**
 * Every job kind and every schedule, declared in one place, with the service call that handles
 * each: it sits above the services (as routes do), so the queue below knows nothing of them. A kind that is enqueued but not
 * declared here fails at enqueue time, never silently.
 */
export function registerJobs(queue: JobQueue, services: Services, database: Database, clock: Clock) {
  queue.define(
    defineJob({
      kind: JOB.reportDraft,
      payload: ReportDraftRequest,
      retryLimit: 1,
      run: (request, ctx) => services.reportDrafts.draft(jobActor(ctx.userId), request, ctx),
    }),
    defineJob({
      kind: JOB.suggestion,
      payload: z.object({ kind: z.enum(['todo_completed', 'report_finalized', 'achievement_added']), id: z.uuid() }),
      retryLimit: 2,
      run: (trigger, ctx) => services.suggestions.generate(jobActor(ctx.userId), trigger, ctx.signal),
    }),
  );

  queue.defineInternal(
    defineInternalJob({
      kind: INTERNAL_JOB.mail,
      payload: z.object({ notificationId: z.uuid() }),
      retryLimit: 8,
      retryDelaySeconds: 30,
      run: ({ notificationId }) => services.notifications.email(notificationId),
    }),
    defineInternalJob({
      kind: INTERNAL_JOB.accountMail,
      payload: z.object({ tokenId: z.uuid() }),
      retryLimit: 5,
      retryDelaySeconds: 10,
      run: ({ tokenId }) => services.emailTokens.send(tokenId),
    }),
    defineInternalJob({
      kind: INTERNAL_JOB.resetRequest,
      payload: z.object({ email: z.string().max(254) }),
      retryLimit: 5,
      retryDelaySeconds: 10,
      run: ({ email }) => services.emailTokens.issuePasswordReset(email),
    }),
    defineInternalJob({
      kind: INTERNAL_JOB.reflection,
      payload: z.object({ userId: z.uuid(), month: z.string().regex(/^\d{4}-\d{2}$/) }),
      retryLimit: 3,
      run: ({ userId, month }) => services.reflections.write(jobActor(userId, ['read']), month),
    }),
    defineInternalJob({
      kind: INTERNAL_JOB.userTick,
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
      name: 'reminders.due-times',
      // Every minute: a reminder at 15:00 comes at 15:00.
      cron: '* * * * *',
      async run({ now }) {
        await services.timedReminders.tick(now);
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
