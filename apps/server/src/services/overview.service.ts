import type { Overview } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { JsonText } from '../lib/json-text.ts';
import { notFound } from '../lib/problem.ts';
import type { Repositories } from '../repositories/index.ts';

/** Everything the anchor page shows, in one call and one statement (see overview.repository.ts), as JSON text. */
export function createOverviewService(deps: { repos: Repositories; clock: Clock }) {
  return {
    async get(actor: Actor): Promise<JsonText<Overview>> {
      const overview = await deps.repos.for(actor).overview.json(deps.clock.now());
      if (!overview) throw notFound('Profile');
      return overview;
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
