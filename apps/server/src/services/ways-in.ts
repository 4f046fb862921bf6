import type { SecurityEventKind } from '@career-anchor/contracts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import type { WaysIn } from '../repositories/accounts.repository.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import type { SecurityLog } from './security.service.ts';

/** The one rule on how an account signs in: a password, a linked provider or a passkey each opens it. */
export const hasWayIn = (ways: WaysIn) => ways.password || ways.providers > 0 || ways.passkeys > 0;

const onlyWayIn = (detail: string) => new HttpProblem('only-way-in', { detail });

/** One way to sign in to remove: how, what it is called when not found, why it may not go, what the log says. */
export interface WayIn {
  remove: (mine: UserRepositories) => Promise<boolean>;
  what: string;
  refusal: string;
  logAs: SecurityEventKind;
}

/**
 * Every removal of a way to sign in (a linked provider, a passkey) goes through here: it removes
 * (404 when there is no such one), then refuses with 409 — undoing the removal — when nothing would
 * be left to sign in with. The account row is locked first, so two removals at once cannot each
 * count on the other's.
 */
export async function removeWayIn(deps: { repos: Repositories; log: SecurityLog }, actor: Actor, meta: RequestMeta, way: WayIn) {
  await deps.repos.transaction(actor, async (mine) => {
    await mine.accounts.lock();
    if (!(await way.remove(mine))) throw notFound(way.what);
    if (!hasWayIn(await mine.accounts.waysIn())) throw onlyWayIn(way.refusal);
  });
  await deps.log(actor.userId, way.logAs, meta);
}
