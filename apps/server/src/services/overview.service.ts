import type { Overview } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { JsonText } from '../lib/json-text.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/**
 * Everything the anchor page shows, in one call, as JSON text (see overview.repository.ts): the
 * page kept for the user's present data and day when there is one, else computed and kept.
 */
export function createOverviewService(deps: { repos: Repositories; clock: Clock }) {
  return {
    async get(actor: Actor): Promise<JsonText<Overview>> {
      const overview = deps.repos.for(actor).overview;
      const now = deps.clock.now();
      const page = (await overview.kept(now)) ?? (await overview.compute(now));
      if (!page) throw notFound('Profile');
      return page;
    },

    /**
     * After a change the actor made: writes their kept page anew, so the first read after it is
     * one row again. Costs one small statement when the data did not change or no page is kept.
     */
    async refresh(actor: Actor): Promise<void> {
      await deps.repos.for(actor).overview.refresh(deps.clock.now());
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
