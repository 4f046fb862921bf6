import { HttpProblem } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/** Whether this process can serve: the database answers. */
export function createHealthService(repos: Repositories) {
  return {
    /** `ok` when the database answers a query; 503 otherwise, with the cause in `log`. */
    async ready(log: { warn(details: object, message: string): void }) {
      try {
        await repos.system.health.ping();
      } catch (err) {
        log.warn({ err }, 'readiness check failed');
        throw new HttpProblem('service-unavailable', { detail: 'The database is not reachable.' });
      }
      return { status: 'ok' as const };
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
