import type { TodoBulkChanges } from '@career-anchor/contracts';
import type { z } from 'zod';
import { badRequest } from '../lib/problem.ts';
import type { UserRepositories } from '../repositories/index.ts';
import type { TodoRow } from '../repositories/todos.repository.ts';
import { deriveFields } from './todo-rules.ts';

/** As many tags as one item may carry (the contracts' `Tags`). */
const TAGS_MAX = 20;

/** `current` with `remove` taken out and `add` put in, each ignoring case; null when nothing changes. */
export function retag(current: string[], add: string[], remove: string[]): string[] | null {
  const removed = new Set(remove.map((tag) => tag.toLowerCase()));
  const kept = current.filter((tag) => !removed.has(tag.toLowerCase()));
  const have = new Set(kept.map((tag) => tag.toLowerCase()));
  const next = [...kept, ...add.filter((tag) => !have.has(tag.toLowerCase()))];
  const same = next.length === current.length && next.every((tag, i) => tag === current[i]);
  return same ? null : next;
}

/**
 * The same changes on each of `rows` (read under lock), each through the rules a single update
 * follows (dates, times, series: todo-rules.ts); tags are added and removed, not replaced.
 */
export async function bulkChanges(
  scoped: UserRepositories,
  rows: TodoRow[],
  changes: z.output<typeof TodoBulkChanges>,
  now: Date,
): Promise<TodoRow[]> {
  const { addTags = [], removeTags = [], ...fields } = changes;
  const tags =
    addTags.length || removeTags.length ? await scoped.todos.tagsOf(rows.map((row) => row.id)) : new Map<string, string[]>();
  // To-dos that get the same values are written in one statement (all of them, unless a series restarts).
  const groups = new Map<string, { values: object; ids: string[] }>();
  for (const row of rows) {
    const values = { ...fields, ...deriveFields(row.id, row, fields, 'changes.') };
    const key = JSON.stringify(values);
    const group = groups.get(key) ?? groups.set(key, { values, ids: [] }).get(key)!;
    group.ids.push(row.id);
  }
  const updated: TodoRow[] = [];
  for (const { values, ids } of groups.values()) updated.push(...(await scoped.todos.updateMany(ids, values, now)));
  // Tags: at most 20 on each afterwards, then added and removed on all at once.
  const retagged = rows.filter((row) => {
    const next = retag(tags.get(row.id) ?? [], addTags, removeTags);
    if (next && next.length > TAGS_MAX) {
      throw badRequest('A to-do carries at most 20 tags.', [
        { path: 'changes.addTags', message: `At most ${TAGS_MAX} tags per to-do` },
      ]);
    }
    return next !== null;
  });
  if (retagged.length) {
    await scoped.todos.retag(
      retagged.map((row) => row.id),
      addTags,
      removeTags,
    );
  }
  return updated;
}
