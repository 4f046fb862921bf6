import { api, call, type Schemas } from './api/client.js';
import { askCompletion } from './completion.svelte.js';
import { m } from './i18n.js';
import { toast } from './toast.svelte.js';
import { toastError } from './undo.js';

export type Todo = Schemas['Todo'];

const idPath = (id: string) => ({ params: { path: { id } } });

/**
 * Asks for the optional summary, then marks the to-do done. Resolves to the updated to-do, or
 * null when the person cancelled. The toast offers to undo it.
 */
export async function completeTodo(todo: Todo, onUndo: (reopened: Todo) => unknown): Promise<Todo | null> {
  const summary = await askCompletion(todo.title);
  if (summary === null) return null;
  const done = await call(
    api.POST('/api/v1/todos/{id}/complete', { ...idPath(todo.id), body: summary.trim() ? { summary: summary.trim() } : {} }),
  );
  toast(m.todo_done_toast({ title: todo.title }), {
    action: {
      label: m.undo(),
      run: async () => {
        try {
          await onUndo(await reopenTodo(todo.id));
        } catch (err) {
          toastError(err);
        }
      },
    },
  });
  return done;
}

export function reopenTodo(id: string): Promise<Todo> {
  return call(api.POST('/api/v1/todos/{id}/reopen', idPath(id)));
}

/** A new to-do; fields left out take their defaults. */
export function createTodo(title: string, fields: Partial<Omit<Schemas['TodoCreate'], 'title'>> = {}): Promise<Todo> {
  return call(
    api.POST('/api/v1/todos', {
      body: {
        title,
        notes: '',
        dueOn: null,
        dueTime: null,
        priority: 'normal',
        important: false,
        planId: null,
        tags: [],
        recurrence: null,
        subtasks: [],
        remindBefore: null,
        ...fields,
      },
    }),
  );
}
