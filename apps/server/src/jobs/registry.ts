import type { Database } from '../db/client.ts';
import type { Services } from '../services/index.ts';
import type { JobQueue } from './queue.ts';
import { defineSchedule } from './definitions.ts';

/**
 * Every job kind and every schedule, declared in one place. A kind that is enqueued but not
 * declared here fails at enqueue time, never silently.
 */
export function registerJobs(queue: JobQueue, services: Services, database: Database) {
  queue.schedule(
    defineSchedule({
      name: 'maintenance.purge-auth',
      cron: '17 * * * *',
      async run() {
        await services.sessions.purgeExpired();
        await services.throttle.purgeStale();
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
