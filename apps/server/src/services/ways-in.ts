import { HttpProblem } from '../lib/problem.ts';
import type { WaysIn } from '../repositories/accounts.repository.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { Actor } from '../lib/actor.ts';

/** The one rule on how an account signs in: a password, a linked provider or a passkey each opens it. */
export const hasWayIn = (ways: WaysIn) => ways.password || ways.providers > 0 || ways.passkeys > 0;

const onlyWayIn = (detail: string) => new HttpProblem(409, 'Conflict', { detail, type: '/problems/only-way-in' });

/**
 * Every removal of a way to sign in (a linked provider, a passkey) goes through here: it removes,
 * then refuses with 409 — undoing the removal — when nothing would be left to sign in with. The
 * account row is locked first, so two removals at once cannot each count on the other's.
 */
export async function removeWayIn(
  repos: Repositories,
  actor: Actor,
  remove: (mine: UserRepositories) => Promise<void>,
  refusal: string,
): Promise<void> {
  await repos.transaction(actor, async (mine) => {
    await mine.accounts.lock();
    await remove(mine);
    if (!hasWayIn(await mine.accounts.waysIn())) throw onlyWayIn(refusal);
  });
}
