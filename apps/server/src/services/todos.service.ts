import type { Todo } from '@career-anchor/contracts';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { TodoFilter, TodoRow, TodoSort } from '../repositories/todos.repository.ts';
import { createItemCrud } from './item-crud.ts';
import { moveAfter } from './item-order.ts';

const toDto = (row: TodoRow, tags: string[]): Todo => ({
  id: row.id,
  title: row.title,
  notes: row.notes,
  dueOn: row.dueOn,
  dueTime: row.dueTime,
  priority: row.priority as Todo['priority'],
  important: row.important,
  planId: row.planId,
  tags,
  status: row.status as Todo['status'],
  completedAt: isoOrNull(row.completedAt),
  summary: row.summary,
  recurrence: row.recurrence,
  seriesId: row.seriesId,
  subtasks: row.subtasks,
  remindBefore: row.remindBefore,
  position: row.position,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export type TodoListQuery = Omit<TodoFilter, 'now'> & {
  sort?: TodoSort | undefined;
  limit: number;
  cursor?: string | undefined;
};

export function createTodosService(repos: Repositories, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.todos, label: 'To-do', toDto });

  /** A to-do may only link to a live plan of the same user; anything else is "plan not found". */
  async function assertPlan(scoped: UserRepositories, planId: string | null | undefined) {
    if (planId && !(await scoped.plans.find(planId))) throw notFound('Plan');
  }

  return {
    get: crud.get,
    remove: crud.remove,

    async list(actor: Actor, query: TodoListQuery) {
      const sort = query.sort ?? (query.status === 'done' ? 'completed' : 'manual');
      return crud.list(actor, { ...query, now: clock.now() }, sort, query);
    },

    async create(actor: Actor, input: { planId?: string | null; tags?: string[] } & object) {
      await assertPlan(repos.for(actor), input.planId);
      return crud.create(actor, input);
    },

    async update(actor: Actor, id: string, input: { planId?: string | null | undefined; tags?: string[] | undefined } & object) {
      await assertPlan(repos.for(actor), input.planId);
      return crud.update(actor, id, input);
    },

    /**
     * Marks the to-do done, with what was done and how well; completing again only updates the
     * summary. Finishing one starts its planned plan, and finishing an important one prompts a
     * suggestion for the anchor page.
     */
    async complete(actor: Actor, id: string, summary: string | undefined): Promise<Todo> {
      return repos.transaction(actor, async (scoped, tx) => {
        // Read under a row lock: of two completions at once, only the first finds it open, so
        // the plan starts and the suggestion is asked for once.
        const current = await scoped.todos.findForUpdate(id);
        if (!current) throw notFound('To-do');
        const newlyDone = current.status !== 'done';
        const changes: Partial<TodoRow> = newlyDone ? { status: 'done', completedAt: clock.now() } : {};
        if (summary !== undefined) changes.summary = summary;
        const row = (await scoped.todos.update(id, changes, clock.now()))!;
        if (newlyDone && row.planId) await scoped.plans.start(row.planId);
        if (newlyDone && row.important) await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'todo_completed', id });
        return crud.shapeOne(scoped, row);
      });
    },

    async reopen(actor: Actor, id: string): Promise<Todo> {
      await crud.findOrThrow(actor, id);
      return crud.update(actor, id, {}, { status: 'open', completedAt: null });
    },

    /** Moves the to-do right after `afterId` (or to the top), between its new neighbours. */
    move(actor: Actor, id: string, afterId: string | null): Promise<Todo> {
      return repos.transaction(actor, async (scoped) => {
        const list = { ...scoped.todos, findIn: (todoId: string) => crud.findIn(scoped.todos, todoId) };
        return crud.shapeOne(scoped, await moveAfter(list, id, afterId, clock.now()));
      });
    },
  };
}
export type TodosService = ReturnType<typeof createTodosService>;
