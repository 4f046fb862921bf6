import type { Todo, TodoBulk, TodoCreate, TodoParse, TodoParseRequest, TodoUpdate } from '@career-anchor/contracts';
import { nextOccurrence, parseQuickAdd } from '@career-anchor/quick-add';
import type { z } from 'zod';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { uuidv7 } from '../lib/ids.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Executor } from '../db/client.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { TodoFilter, TodoRow, TodoSort } from '../repositories/todos.repository.ts';
import { createItemCrud } from './item-crud.ts';
import { moveAfter } from './item-order.ts';
import { bulkChanges } from './todo-bulk.ts';
import { deriveFields, withSubtaskIds } from './todo-rules.ts';

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

/** The views whose to-dos all have a date: shown soonest first unless another order is asked for. */
const DATED_VIEWS = new Set(['today', 'upcoming', 'overdue']);

export function createTodosService(repos: Repositories, clock: Clock, queue: JobQueue) {
  const crud = createItemCrud({ repos, clock, pick: (r) => r.todos, label: 'To-do', toDto });

  /** A to-do may only link to a live plan of the same user; anything else is "plan not found". */
  async function assertPlan(scoped: UserRepositories, planId: string | null | undefined) {
    if (planId && !(await scoped.plans.find(planId))) throw notFound('Plan');
  }

  const orderedList = (scoped: UserRepositories) => ({
    ...scoped.todos,
    findIn: (todoId: string) => crud.findIn(scoped.todos, todoId),
  });

  /**
   * After an occurrence of a recurring to-do is done: its next one, due on the rule's next day
   * after this one's (counted from the series' start, on the user's calendar: RFC 5545 month
   * ends, so BYMONTHDAY=31 skips short months and -1 is each month's last day), with what the person set on it (tags, plan, checklist unticked…) — unless the
   * series already has an open occurrence (one done, reopened and done again makes no second) or
   * the rule has ended (COUNT, UNTIL). Under the series' lock, so two completions make one.
   */
  async function continueSeries(scoped: UserRepositories, done: TodoRow, now: Date) {
    if (!done.recurrence || !done.seriesId || !done.seriesStart || !done.dueOn) return;
    await scoped.todos.lockSeries(done.seriesId);
    if (await scoped.todos.hasOpenOccurrence(done.seriesId, done.id)) return;
    const dueOn = nextOccurrence(done.recurrence, done.dueOn, done.seriesStart);
    if (!dueOn) return;
    const next = await scoped.todos.insert({
      title: done.title,
      notes: done.notes,
      dueOn,
      dueTime: done.dueTime,
      priority: done.priority,
      important: done.important,
      planId: done.planId,
      recurrence: done.recurrence,
      seriesId: done.seriesId,
      seriesStart: done.seriesStart,
      subtasks: done.subtasks.map((subtask) => ({ ...subtask, done: false })),
      remindBefore: done.remindBefore,
      position: done.position,
      createdAt: now,
      updatedAt: now,
    });
    await scoped.todos.setTags(next.id, (await scoped.todos.tagsOf([done.id])).get(done.id) ?? []);
  }

  /**
   * The one completion rule, for one to-do or many: each is marked done (completing one again only
   * updates the summary). Finishing one starts its planned plan, finishing an important one prompts
   * a suggestion for the anchor page, and finishing an occurrence of a recurring one brings its
   * next. `rows` were read under a row lock: of two completions at once only the first finds a
   * to-do open, so all of this happens once.
   */
  async function finish(actor: Actor, scoped: UserRepositories, tx: Executor, rows: TodoRow[], summary?: string) {
    const now = clock.now();
    const opened = rows.filter((row) => row.status !== 'done').map((row) => row.id);
    const changes: Partial<TodoRow> = summary !== undefined ? { summary } : {};
    // One statement for the to-dos finished now, one for those done already (a new summary at most).
    const finished = new Map<string, TodoRow>();
    const write = async (ids: string[], values: Partial<TodoRow>) => {
      if (ids.length) for (const row of await scoped.todos.updateMany(ids, values, now)) finished.set(row.id, row);
    };
    await write(opened, { ...changes, status: 'done', completedAt: now });
    await write(
      rows.filter((row) => row.status === 'done').map((row) => row.id),
      changes,
    );
    for (const plan of new Set(opened.map((id) => finished.get(id)!.planId).filter((id) => id !== null))) {
      await scoped.plans.start(plan);
    }
    for (const id of opened) {
      const row = finished.get(id)!;
      if (row.important) await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'todo_completed', id: row.id });
      await continueSeries(scoped, row, now);
    }
    return rows.map((row) => finished.get(row.id)!);
  }

  return {
    get: crud.get,
    remove: crud.remove,

    async list(actor: Actor, query: TodoListQuery) {
      const sort =
        query.sort ?? (query.status === 'done' ? 'completed' : query.view && DATED_VIEWS.has(query.view) ? 'due' : 'manual');
      return crud.list(actor, { ...query, now: clock.now() }, sort, query);
    },

    /** Adds the to-do last in the hand-made order, or right after `afterId` (first when null). */
    create(actor: Actor, input: z.output<typeof TodoCreate>): Promise<Todo> {
      const { afterId, subtasks, tags, ...fields } = input;
      return repos.transaction(actor, async (scoped) => {
        await assertPlan(scoped, fields.planId);
        const id = uuidv7();
        const derived = deriveFields(id, undefined, fields);
        const now = clock.now();
        let row = await scoped.todos.insert({
          ...fields,
          ...derived,
          id,
          subtasks: withSubtaskIds(subtasks),
          createdAt: now,
          updatedAt: now,
        });
        await scoped.todos.setTags(id, tags);
        if (afterId !== undefined) row = await moveAfter(orderedList(scoped), id, afterId, now);
        return crud.shapeOne(scoped, row);
      });
    },

    /** Changes the to-do; on a recurring one, this occurrence and the ones after it (see todo-rules.ts). */
    update(actor: Actor, id: string, input: z.output<typeof TodoUpdate>): Promise<Todo> {
      const { tags, subtasks, ...fields } = input;
      return repos.transaction(actor, async (scoped) => {
        await assertPlan(scoped, fields.planId);
        const current = await scoped.todos.findForUpdate(id);
        if (!current) throw notFound('To-do');
        const values = {
          ...fields,
          ...deriveFields(id, current, fields),
          ...(subtasks ? { subtasks: withSubtaskIds(subtasks, current.subtasks) } : {}),
        };
        const row = (await scoped.todos.update(id, values, clock.now()))!;
        if (tags) await scoped.todos.setTags(id, tags);
        return crud.shapeOne(scoped, row);
      });
    },

    /** Marks the to-do done, with what was done and how well (see `finish`). */
    complete(actor: Actor, id: string, summary: string | undefined): Promise<Todo> {
      return repos.transaction(actor, async (scoped, tx) => {
        const current = await scoped.todos.findForUpdate(id);
        if (!current) throw notFound('To-do');
        const [row] = await finish(actor, scoped, tx, [current], summary);
        return crud.shapeOne(scoped, row!);
      });
    },

    /** Open again. A recurring occurrence's next one, if made, stays as it is: completing this one again makes no other. */
    async reopen(actor: Actor, id: string): Promise<Todo> {
      await crud.findOrThrow(actor, id);
      return crud.update(actor, id, {}, { status: 'open', completedAt: null });
    },

    /** Moves an open occurrence of a recurring to-do to the rule's next day, without recording it done. */
    skip(actor: Actor, id: string): Promise<Todo> {
      return repos.transaction(actor, async (scoped) => {
        const current = await scoped.todos.findForUpdate(id);
        if (!current) throw notFound('To-do');
        if (!current.recurrence || !current.seriesStart || !current.dueOn) {
          throw conflict('This to-do does not recur, so it has no occurrence to skip.');
        }
        if (current.status !== 'open') throw conflict('This occurrence is done already; only an open one can be skipped.');
        const dueOn = nextOccurrence(current.recurrence, current.dueOn, current.seriesStart);
        if (!dueOn) throw conflict('This is the last occurrence of its series: complete it or delete it instead.');
        const row = (await scoped.todos.update(id, { dueOn, reminderSentAt: null }, clock.now()))!;
        return crud.shapeOne(scoped, row);
      });
    },

    /**
     * What quick add would make of `text`, as of now on the user's calendar, with their live plans
     * for `+plan`: writes nothing.
     */
    async parse(actor: Actor, request: z.output<typeof TodoParseRequest>): Promise<TodoParse> {
      const scoped = repos.for(actor);
      const [timeZone, plans] = await Promise.all([scoped.profiles.timezone(), scoped.plans.names()]);
      return parseQuickAdd(request.text, {
        now: clock.now(),
        timeZone,
        plans,
        ...(request.locale ? { locale: request.locale } : {}),
        ...(request.keep ? { keep: request.keep } : {}),
      });
    },

    /** Moves the to-do right after `afterId` (or to the top), between its new neighbours. */
    move(actor: Actor, id: string, afterId: string | null): Promise<Todo> {
      return repos.transaction(actor, async (scoped) => {
        return crud.shapeOne(scoped, await moveAfter(orderedList(scoped), id, afterId, clock.now()));
      });
    },

    /**
     * One action on several of the user's to-dos, in one transaction: every id must name a live
     * to-do of theirs (a to-do in the trash, to restore), else nothing changes and the answer is
     * "not found". Completing goes through the one completion rule.
     */
    bulk(actor: Actor, input: z.output<typeof TodoBulk>): Promise<{ items: Todo[] }> {
      const ids = [...new Set(input.ids)];
      return repos.transaction(actor, async (scoped, tx) => {
        const now = clock.now();
        const found =
          input.action === 'restore' ? await scoped.todos.findTrashedForUpdate(ids) : await scoped.todos.findManyForUpdate(ids);
        if (found.length !== ids.length) throw notFound(input.action === 'restore' ? 'Deleted to-do' : 'To-do');
        let rows: TodoRow[];
        switch (input.action) {
          case 'complete':
            rows = await finish(actor, scoped, tx, found);
            break;
          case 'reopen':
            rows = await scoped.todos.updateMany(ids, { status: 'open', completedAt: null }, now);
            break;
          case 'delete':
            rows = await scoped.todos.updateMany(ids, { deletedAt: now }, now);
            break;
          case 'restore':
            rows = await scoped.todos.restoreMany(ids, now);
            break;
          case 'update':
            await assertPlan(scoped, input.changes!.planId);
            rows = await bulkChanges(scoped, found, input.changes!, now);
            break;
        }
        const byId = new Map(rows.map((row) => [row.id, row]));
        return {
          items: await crud.shape(
            scoped,
            ids.map((id) => byId.get(id)!),
          ),
        };
      });
    },
  };
}
export type TodosService = ReturnType<typeof createTodosService>;
