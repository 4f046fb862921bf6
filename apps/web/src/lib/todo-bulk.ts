import { api, call, type Schemas } from './api/client.js';
import { m } from './i18n.js';
import type { Todo } from './todos.js';

export type BulkRequest = Schemas['TodoBulk'];
export type BulkChanges = Schemas['TodoBulkChanges'];

/** One request, one transaction on the server: the to-dos as they are after it. */
export async function bulk(request: BulkRequest): Promise<Todo[]> {
  return (await call(api.POST('/api/v1/todos/bulk', { body: request }))).items;
}

const sameTag = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** What undoes `changes` on one to-do, from how it was before. */
function undoChanges(todo: Todo, changes: BulkChanges): BulkChanges {
  const undo: BulkChanges = {};
  if ('dueOn' in changes) undo.dueOn = todo.dueOn;
  if ('dueOn' in changes || 'dueTime' in changes) undo.dueTime = todo.dueTime;
  if ('priority' in changes) undo.priority = todo.priority;
  if ('important' in changes) undo.important = todo.important;
  if ('planId' in changes) undo.planId = todo.planId;
  const added = (changes.addTags ?? []).filter((tag) => !todo.tags.some((had) => sameTag(had, tag)));
  const removed = todo.tags.filter((had) => (changes.removeTags ?? []).some((tag) => sameTag(had, tag)));
  if (added.length) undo.removeTags = added;
  if (removed.length) undo.addTags = removed;
  return undo;
}

/**
 * The bulk calls that put the to-dos back as they were (`before`, as shown before the action):
 * one call, except for an update whose to-dos differed before it, which takes one call per
 * set of former values.
 */
export function inverse(request: BulkRequest, before: Todo[]): BulkRequest[] {
  const ids = (pick: (todo: Todo) => boolean) => before.filter(pick).map((todo) => todo.id);
  const one = (action: BulkRequest['action'], list: string[]): BulkRequest[] => (list.length ? [{ ids: list, action }] : []);
  switch (request.action) {
    case 'complete':
      return one(
        'reopen',
        ids((todo) => todo.status === 'open'),
      );
    case 'reopen':
      return one(
        'complete',
        ids((todo) => todo.status === 'done'),
      );
    case 'delete':
      return one(
        'restore',
        ids(() => true),
      );
    case 'restore':
      return one(
        'delete',
        ids(() => true),
      );
    case 'update': {
      const groups = new Map<string, BulkRequest>();
      for (const todo of before) {
        const changes = undoChanges(todo, request.changes ?? {});
        if (!Object.keys(changes).length) continue;
        const key = JSON.stringify(changes);
        const group = groups.get(key) ?? { ids: [], action: 'update', changes };
        group.ids.push(todo.id);
        groups.set(key, group);
      }
      return [...groups.values()];
    }
  }
}

/** The past tense of an action, for the toast (“Completed: 3 to-dos”). */
export const bulkVerb = (action: BulkRequest['action']) =>
  ({
    complete: m.bulk_verb_completed,
    reopen: m.bulk_verb_reopened,
    delete: m.bulk_verb_deleted,
    restore: m.bulk_verb_restored,
    update: m.bulk_verb_updated,
  })[action]();
