import type { AiConnector } from '../ai/client.ts';
import { usageSummary } from '../ai/client.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays } from '../lib/dates.ts';
import type { Actor } from '../lib/actor.ts';

const DEFAULT_DAYS = 30;

/** What the user's model calls cost: per day, per feature, and against today's quota. */
export function createAiUsageService(db: Db, clock: Clock, ai: AiConnector) {
  return {
    async summary(actor: Actor, query: { from?: string | undefined; to?: string | undefined }) {
      const to = query.to ?? clock.now().toISOString().slice(0, 10);
      const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      const [usage, quota] = await Promise.all([usageSummary(db, actor.userId, from, to), ai.quota(actor.userId)]);
      return { from, to, ...usage, quota: { dailyTokens: quota.dailyTokens, usedToday: quota.tokensToday } };
    },
    purgeExpiredCache: () => ai.purgeExpiredCache(),
  };
}
