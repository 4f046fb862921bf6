import type { Clock } from '../lib/clock.ts';
import { tooManyRequests } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

export interface ThrottleLimits {
  windowSeconds: number;
  perAccount: number;
  perIp: number;
}

/**
 * Failed sign-ins are counted per account and per IP in a fixed window. Past the limit the
 * answer is 429 until the window ends: an attacker is slowed to a handful of guesses per
 * window, and a victim whose account is attacked waits at most one window.
 */
export const DEFAULT_THROTTLE: ThrottleLimits = { windowSeconds: 15 * 60, perAccount: 5, perIp: 50 };

export function createLoginThrottle(repos: Repositories, clock: Clock, limits: ThrottleLimits = DEFAULT_THROTTLE) {
  const counters = repos.system.throttle;
  const keys = (email: string, ip: string | null) => {
    const list = [{ key: `account:${email.toLowerCase()}`, limit: limits.perAccount }];
    if (ip) list.push({ key: `ip:${ip}`, limit: limits.perIp });
    return list;
  };
  const windowStart = () => new Date(clock.now().getTime() - limits.windowSeconds * 1000);

  return {
    /** Throws 429 when either the account or the address has used up its failures. */
    async assertAllowed(email: string, ip: string | null) {
      const wanted = keys(email, ip);
      const rows = await counters.find(wanted.map((k) => k.key));
      const start = windowStart();
      for (const row of rows) {
        const limit = wanted.find((k) => k.key === row.key)!.limit;
        if (row.windowStartedAt > start && row.failures >= limit) {
          const retryAfter = (row.windowStartedAt.getTime() - start.getTime()) / 1000;
          throw tooManyRequests(retryAfter, 'Too many failed sign-in attempts. Try again later.');
        }
      }
    },
    async recordFailure(email: string, ip: string | null) {
      const now = clock.now();
      for (const { key } of keys(email, ip)) await counters.addFailure(key, now, windowStart());
    },
    async recordSuccess(email: string) {
      await counters.clear(keys(email, null)[0]!.key);
    },
    async purgeStale() {
      await counters.deleteStale(windowStart());
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
