import type { z } from 'zod';
import type { AiPreviewRequest } from '@career-anchor/contracts';
import type { AiConnector } from '../ai/client.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays, checkSpan } from '../lib/dates.ts';
import { badRequest } from '../lib/problem.ts';
import type { AiUsageFigures } from '../repositories/ai.repository.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor } from '../lib/actor.ts';
import type { ReportDraftsService } from './report-drafts.service.ts';
import type { SuggestionsService } from './suggestions.service.ts';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const roundUsd = (value: number) => Math.round(value * 1_000_000) / 1_000_000;
const figuresOf = (row: AiUsageFigures | undefined): AiUsageFigures => ({
  calls: row?.calls ?? 0,
  inputTokens: row?.inputTokens ?? 0,
  outputTokens: row?.outputTokens ?? 0,
  estimatedCostUsd: roundUsd(row?.estimatedCostUsd ?? 0),
});

/** What the user's model calls cost (per day, per feature, against today's quota), and what they would send. */
export function createAiUsageService(deps: {
  repos: Repositories;
  clock: Clock;
  ai: AiConnector;
  reportDrafts: Pick<ReportDraftsService, 'preview'>;
  suggestions: Pick<SuggestionsService, 'preview'>;
}) {
  const { repos, clock, ai } = deps;

  /**
   * Usage from `fromDate` to `toDate` (inclusive, UTC calendar dates): every day of the range
   * (days without calls show zeros), each feature, and the totals. Cache hits count as calls
   * with no tokens and no cost.
   */
  async function usage(actor: Actor, fromDate: string, toDate: string) {
    const from = new Date(`${fromDate}T00:00:00Z`);
    const to = new Date(`${toDate}T00:00:00Z`);
    if (!DATE.test(fromDate) || !DATE.test(toDate) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      throw badRequest('Dates must be calendar dates (YYYY-MM-DD).');
    }
    checkSpan(fromDate, toDate);
    const until = new Date(to.getTime() + DAY_MS);
    const calls = repos.for(actor).aiUsage;
    const [byDay, byFeature] = await Promise.all([calls.byDay(from, until), calls.byFeature(from, until)]);
    const found = new Map(byDay.map((row) => [row.date, row]));
    const days = [];
    for (let d = from.getTime(); d < until.getTime(); d += DAY_MS) {
      const date = new Date(d).toISOString().slice(0, 10);
      days.push({ date, ...figuresOf(found.get(date)) });
    }
    const features = byFeature.map((row) => ({ feature: row.feature, ...figuresOf(row) }));
    const totals = features.reduce<AiUsageFigures>(
      (sum, row) => ({
        calls: sum.calls + row.calls,
        inputTokens: sum.inputTokens + row.inputTokens,
        outputTokens: sum.outputTokens + row.outputTokens,
        estimatedCostUsd: roundUsd(sum.estimatedCostUsd + row.estimatedCostUsd),
      }),
      { calls: 0, inputTokens: 0, outputTokens: 0, estimatedCostUsd: 0 },
    );
    return { days, features, totals };
  }

  return {
    async summary(actor: Actor, query: { from?: string | undefined; to?: string | undefined }) {
      const to = query.to ?? clock.now().toISOString().slice(0, 10);
      const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      const [figures, quota] = await Promise.all([usage(actor, from, to), ai.quota(actor.userId)]);
      return { from, to, ...figures, quota: { dailyTokens: quota.dailyTokens, usedToday: quota.tokensToday } };
    },

    /** Exactly what a feature would send to the model, sending nothing. */
    preview(actor: Actor, request: z.infer<typeof AiPreviewRequest>) {
      return request.feature === 'report_draft'
        ? deps.reportDrafts.preview(actor, request)
        : deps.suggestions.preview(actor, request.trigger);
    },

    purgeExpiredCache: () => ai.purgeExpiredCache(),
  };
}
