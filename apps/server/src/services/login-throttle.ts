import type { Clock } from '../lib/clock.ts';
import { tooManyRequests } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

export interface ThrottleLimits {
  windowSeconds: number;
  /** Wrong passwords and second-factor codes for one account. */
  perAccount: number;
  /** Wrong passwords and codes from one IP address, whatever the account. */
  perIp: number;
  /** Sign-ups refused because the address already has an account: for one address, and from one IP. */
  signUpPerAddress?: number;
  signUpPerIp?: number;
}

/**
 * Wrong answers are counted per account and per IP in a fixed window. Past the limit the
 * answer is 429 until the window ends, even for the right answer: an attacker is slowed to a
 * handful of guesses per window, and a victim whose account is attacked waits at most one window.
 */
export const DEFAULT_THROTTLE: ThrottleLimits = {
  windowSeconds: 15 * 60,
  perAccount: 5,
  perIp: 50,
  signUpPerAddress: 5,
  signUpPerIp: 20,
};

interface Counter {
  key: string;
  limit: number;
}

export function createLoginThrottle(repos: Repositories, clock: Clock, limits: ThrottleLimits = DEFAULT_THROTTLE) {
  const counters = repos.system.throttle;
  const accountKey = (email: string) => `account:${email.toLowerCase()}`;
  const withIp = (first: Counter, ip: string | null, prefix: string, limit: number) =>
    ip ? [first, { key: `${prefix}${ip}`, limit }] : [first];
  const windowStart = () => new Date(clock.now().getTime() - limits.windowSeconds * 1000);

  type Taken = { key: string; windowStartedAt: Date }[];
  async function giveBack(taken: Taken) {
    for (const { key, windowStartedAt } of taken) await counters.giveBack(key, windowStartedAt);
  }

  /**
   * Runs a check as one attempt on every counter. The attempt is taken before the check starts
   * (one statement per counter), so checks running at the same time cannot all slip under the
   * limit; past it nothing is checked and the answer is 429. A check that passes gives its attempt
   * back (any truthy answer passes): only wrong answers stay counted.
   */
  async function attempt<T>(counted: Counter[], refusal: string, check: () => Promise<T>): Promise<T> {
    const now = clock.now();
    const start = windowStart();
    const taken: Taken = [];
    for (const { key, limit } of counted) {
      const result = await counters.take(key, limit, now, start);
      if (!result.taken) {
        await giveBack(taken);
        throw tooManyRequests((result.windowStartedAt.getTime() - start.getTime()) / 1000, refusal);
      }
      taken.push({ key, windowStartedAt: result.windowStartedAt });
    }
    const answer = await check();
    if (answer) await giveBack(taken);
    return answer;
  }

  return {
    /**
     * A password or a second-factor code for the account at `email`. A right one does not clear
     * the account's count: only a whole sign-in does (see `clear`), so a known password cannot
     * reset the count of wrong codes.
     */
    check: <T>(email: string, ip: string | null, check: () => Promise<T>) =>
      attempt(
        withIp({ key: accountKey(email), limit: limits.perAccount }, ip, 'ip:', limits.perIp),
        'Too many failed sign-in attempts. Try again later.',
        check,
      ),

    /** A sign-up: one refused because the address has an account counts per address and per IP. */
    signUp: <T>(email: string, ip: string | null, create: () => Promise<T>) =>
      attempt(
        withIp(
          { key: `signup:${email.toLowerCase()}`, limit: limits.signUpPerAddress ?? DEFAULT_THROTTLE.signUpPerAddress! },
          ip,
          'signup-ip:',
          limits.signUpPerIp ?? DEFAULT_THROTTLE.signUpPerIp!,
        ),
        'Too many sign-up attempts. Try again later.',
        create,
      ),

    /** The whole sign-in (password, and the second factor when it is on) succeeded. */
    async clear(email: string) {
      await counters.clear(accountKey(email));
    },

    async purgeStale() {
      await counters.deleteStale(windowStart());
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
