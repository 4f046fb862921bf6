import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Todo } from '@career-anchor/contracts';
import type { Db, Executor } from '../db/client.ts';
import { todos } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { addDays, todayIn } from '../lib/dates.ts';
import { notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import { overdueTodo } from '../repositories/facts.ts';
import { isoTimestamp, TODO_JSON } from '../repositories/item-json.ts';
import { endPosition } from '../repositories/owned.ts';
import type { Keyset } from '../repositories/paging.ts';
import { findTimezone } from '../repositories/profiles.repository.ts';
import { hasTag } from '../repositories/tags.repository.ts';
import { containsText } from '../repositories/text-filter.ts';
import type { Actor } from '../lib/actor.ts';
import { createItemCrud } from './item-crud.ts';
import type { PlansService } from './plans.service.ts';

type Row = typeof todos.$inferSelect;

const toDto = (row: Row, tags: string[]): Todo => ({
  id: row.id,
  title: row.title,
  notes: row.notes,
  dueOn: row.dueOn,
  priority: row.priority as Todo['priority'],
  important: row.important,
  planId: row.planId,
  tags,
  status: row.status as Todo['status'],
  completedAt: isoOrNull(row.completedAt),
  summary: row.summary,
  position: row.position,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const KEYSETS: Record<'manual' | 'completed' | 'due' | 'created', Keyset<Row>> = {
  manual: {
    key: sql`${todos.position}`,
    type: 'float8',
    direction: 'asc',
    id: todos.id,
    valueOf: (r) => r.position,
    idOf: (r) => r.id,
    json: 'to_json(todos.position)',
  },
  completed: {
    key: sql`coalesce(${todos.completedAt}, '-infinity'::timestamptz)`,
    type: 'timestamptz',
    direction: 'desc',
    id: todos.id,
    valueOf: (r) => r.completedAt?.toISOString() ?? '-infinity',
    idOf: (r) => r.id,
    json: `to_json(coalesce(${isoTimestamp('todos.completed_at')}, '-infinity'))`,
  },
  due: {
    key: sql`coalesce(${todos.dueOn}, '9999-12-31'::date)`,
    type: 'date',
    direction: 'asc',
    id: todos.id,
    valueOf: (r) => r.dueOn ?? '9999-12-31',
    idOf: (r) => r.id,
    json: `to_json(coalesce(todos.due_on, '9999-12-31'::date))`,
  },
  created: {
    key: sql`${todos.createdAt}`,
    type: 'timestamptz',
    direction: 'desc',
    id: todos.id,
    valueOf: (r) => r.createdAt.toISOString(),
    idOf: (r) => r.id,
    json: `to_json(${isoTimestamp('todos.created_at')})`,
  },
};

/** Positions closer than this are renumbered, so repeated moves into one gap never run out of room. */
const MIN_GAP = 1e-6;

export interface TodoListQuery {
  status?: 'open' | 'done' | undefined;
  planId?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  important?: boolean | undefined;
  due?: 'overdue' | 'today' | 'week' | 'none' | undefined;
  completedFrom?: string | undefined;
  completedTo?: string | undefined;
  sort?: keyof typeof KEYSETS | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function createTodosService(db: Db, clock: Clock, plans: PlansService, queue: JobQueue) {
  const crud = createItemCrud({
    db,
    clock,
    table: todos,
    kind: 'todo',
    label: 'To-do',
    toDto,
    json: TODO_JSON,
    defaults: async (executor, actor) => ({ position: await endPosition(executor, todos, actor.userId, 'first') }),
  });

  /** A to-do may only link to a live plan of the same user; anything else is "plan not found". */
  async function assertPlan(executor: Executor, actor: Actor, planId: string | null | undefined) {
    if (planId) await plans.findOrThrow(executor, actor, planId);
  }

  function dueCondition(due: NonNullable<TodoListQuery['due']>, today: string): SQL {
    switch (due) {
      case 'overdue':
        return overdueTodo(sql`${todos}`, sql`${today}::date`);
      case 'today':
        return eq(todos.dueOn, today);
      case 'week':
        return sql`${todos.dueOn} between ${today}::date and ${addDays(today, 6)}::date`;
      case 'none':
        return isNull(todos.dueOn);
    }
  }

  async function renumber(executor: Executor, userId: string) {
    await executor.execute(sql`
      update ${todos} t set position = r.n * 1024
      from (select id, row_number() over (order by position, id) as n from ${todos} where user_id = ${userId}) r
      where t.id = r.id`);
  }

  return {
    get: crud.get,
    remove: crud.remove,
    deleteTags: crud.deleteTags,

    async list(actor: Actor, query: TodoListQuery) {
      // Only date filters need the user's time zone; skip the lookup otherwise.
      const needsZone = query.due || query.completedFrom || query.completedTo;
      const timezone = needsZone ? await findTimezone(db, actor.userId) : 'UTC';
      const today = todayIn(timezone, clock.now());
      const completedDate = sql`(${todos.completedAt} at time zone ${timezone})::date`;
      const sort = query.sort ?? (query.status === 'done' ? 'completed' : 'manual');
      return crud.listPage(
        actor,
        [
          query.status ? eq(todos.status, query.status) : undefined,
          query.planId ? idEq(todos.planId, query.planId) : undefined,
          query.tag ? hasTag('todo', todos.id, actor.userId, query.tag) : undefined,
          query.q ? await containsText(db, query.q, [todos.title, todos.notes, todos.summary], todos.searchText) : undefined,
          query.important !== undefined ? eq(todos.important, query.important) : undefined,
          query.due ? dueCondition(query.due, today) : undefined,
          query.completedFrom ? sql`${completedDate} >= ${query.completedFrom}::date` : undefined,
          query.completedTo ? sql`${completedDate} <= ${query.completedTo}::date` : undefined,
        ],
        KEYSETS[sort],
        query,
      );
    },

    async create(actor: Actor, input: { planId?: string | null; tags?: string[] } & object) {
      await assertPlan(db, actor, input.planId);
      return crud.create(actor, input);
    },

    async update(actor: Actor, id: string, input: { planId?: string | null | undefined; tags?: string[] | undefined } & object) {
      await assertPlan(db, actor, input.planId);
      return crud.update(actor, id, input);
    },

    /** Marks the to-do done, with what was done and how well; completing again only updates the summary. */
    /** Finishing an important to-do prompts a suggestion for the anchor page. */
    async complete(actor: Actor, id: string, summary: string | undefined): Promise<Todo> {
      const row = await crud.findOrThrow(db, actor, id);
      const newlyDone = row.status !== 'done';
      const changes: Partial<Row> = newlyDone ? { status: 'done', completedAt: clock.now() } : {};
      if (summary !== undefined) changes.summary = summary;
      return crud.update(actor, id, {}, changes, async (tx, updated) => {
        if (newlyDone && updated.planId) await plans.startOnProgress(tx, actor, updated.planId);
        if (newlyDone && updated.important) await queue.enqueue(tx, actor.userId, JOB.suggestion, { kind: 'todo_completed', id });
      });
    },

    async reopen(actor: Actor, id: string): Promise<Todo> {
      await crud.findOrThrow(db, actor, id);
      return crud.update(actor, id, {}, { status: 'open', completedAt: null });
    },

    /** Moves the to-do right after `afterId` (or to the top), between its new neighbours. */
    async move(actor: Actor, id: string, afterId: string | null): Promise<Todo> {
      if (afterId === id) return crud.get(actor, id);
      return db.transaction(async (tx) => {
        await crud.findOrThrow(tx, actor, id);
        const place = async (): Promise<number | null> => {
          if (!afterId) return (await endPosition(tx, todos, actor.userId, 'first')) as number;
          const after = await crud.findOrThrow(tx, actor, afterId);
          const [next] = await tx
            .select({ position: todos.position })
            .from(todos)
            .where(and(crud.repo.ownedBy(actor.userId), gt(todos.position, after.position), sql`${todos.id} <> ${id}`))
            .orderBy(todos.position)
            .limit(1);
          if (!next) return after.position + 1;
          if (next.position - after.position < MIN_GAP) return null;
          return (after.position + next.position) / 2;
        };
        let position = await place();
        if (position === null) {
          await renumber(tx, actor.userId);
          position = (await place())!;
        }
        const row = await crud.repo.update(tx, actor.userId, id, { position }, clock.now());
        if (!row) throw notFound('To-do');
        return (await crud.withTags(tx, actor.userId, [row]))[0]!;
      });
    },
  };
}
export type TodosService = ReturnType<typeof createTodosService>;
