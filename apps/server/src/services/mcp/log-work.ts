import type { Actor } from '../../lib/actor.ts';
import type { McpDeps } from './server.ts';

/** Words too common to say which to-do a piece of work was. */
const STOP = new Set(
  'the and for with from that this into have has had was were been are our your their then than when what which about after before also just some more most very will would could should done did does finished shipped worked work on in at to of a an it its by is be we i my me'.split(
    ' ',
  ),
);
const MAX_WORDS = 8;

/** The words of a free-text account that may name a to-do or plan: longer ones first, at most eight. */
export function workWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (/\p{Script=Han}/u.test(w) ? w.length >= 2 : w.length >= 3) && !STOP.has(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
}

export interface WorkMatch {
  kind: 'todo' | 'plan';
  id: string;
  title: string;
  matchedWords: number;
}

/**
 * The open to-dos and plans a piece of work shares words with, best first: each word is looked
 * up with the search repository (the same folding and matching as search), and an item scores
 * one for each word it holds. A to-do is a clear match when it holds two words or more and
 * strictly more than any other to-do.
 */
export async function matchWork(deps: McpDeps, actor: Actor, text: string) {
  const { search } = deps.repos.for(actor);
  const counts = new Map<string, { kind: 'todo' | 'plan'; id: string; n: number }>();
  for (const word of workWords(text)) {
    for (const kind of ['todo', 'plan'] as const) {
      for (const hit of await search.rank({ terms: [word], kind }, { offset: 0, limit: 20 })) {
        const found = counts.get(hit.id) ?? { kind, id: hit.id, n: 0 };
        found.n++;
        counts.set(hit.id, found);
      }
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 10);
  const texts = await search.texts(ranked);
  const matches: WorkMatch[] = [];
  for (const r of ranked) {
    if (r.kind === 'todo') {
      const todo = await deps.todos.get(actor, r.id).catch(() => null);
      if (!todo || todo.status !== 'open') continue;
    }
    matches.push({ kind: r.kind, id: r.id, title: texts.get(r.id)?.title ?? '', matchedWords: r.n });
  }
  const todos = matches.filter((m) => m.kind === 'todo');
  const clear = todos[0] && todos[0].matchedWords >= 2 && (todos[1]?.matchedWords ?? 0) < todos[0].matchedWords ? todos[0] : null;
  return { matches, clear };
}
