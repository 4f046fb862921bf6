import type { Actor, Scope } from '../../lib/actor.ts';

/** Turns a bearer secret into the actor it stands for, or null when it is not one of its kind. */
export type BearerResolver = (secret: string) => Promise<Actor | null>;

/**
 * Bearer resolution for `/mcp`: each resolver in turn (personal tokens first); the first that
 * knows the secret wins. Adding a kind of token is adding a resolver to the list.
 */
export function createBearerResolution(resolvers: readonly BearerResolver[]) {
  return async (header: string | undefined): Promise<Actor | null> => {
    const match = header ? /^Bearer\s+(\S{1,512})$/i.exec(header) : null;
    if (!match) return null;
    for (const resolve of resolvers) {
      const actor = await resolve(match[1]!);
      if (actor) return actor;
    }
    return null;
  };
}

/** Whether the actor holds a scope; `write` implies `suggest`. */
export const holds = (actor: Actor, scope: Scope) =>
  actor.scopes.includes(scope) || (scope === 'suggest' && actor.scopes.includes('write'));
