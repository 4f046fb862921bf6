import { eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { profiles, todos } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { overdueTodo } from './facts.ts';
import { isoTimestamp, TODO_JSON } from './item-json.ts';
import { itemsRepository, tagAndText } from './items.repository.ts';
import { handOrder } from './ordering.ts';
import { ownedItems } from './owned.ts';
import type { Keyset } from './paging.ts';

export type TodoRow = typeof todos.$inferSelect;

const KEYSETS = {
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
} satisfies Record<string, Keyset<TodoRow>>;
export type TodoSort = keyof typeof KEYSETS;

/** The to-do list's filters; date filters are on the user's calendar as of `now`. */
export interface TodoFilter {
  status?: 'open' | 'done' | undefined;
  planId?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  important?: boolean | undefined;
  due?: 'overdue' | 'today' | 'week' | 'none' | undefined;
  completedFrom?: string | undefined;
  completedTo?: string | undefined;
  now: Date;
}

function dueCondition(due: NonNullable<TodoFilter['due']>, today: SQL): SQL {
  switch (due) {
    case 'overdue':
      return overdueTodo(sql`${todos}`, today);
    case 'today':
      return sql`${todos.dueOn} = ${today}`;
    case 'week':
      return sql`${todos.dueOn} between ${today} and ${today} + 6`;
    case 'none':
      return isNull(todos.dueOn);
  }
}

const SPEC = {
  table: todos,
  kind: 'todo' as const,
  json: TODO_JSON,
  keysets: KEYSETS,
  position: 'first' as const,
  async where(filter: TodoFilter, db: Db, userId: string) {
    // The user's time zone and today, read in the list's own statement (no round trip of their own).
    const zone = sql`coalesce((select timezone from ${profiles} where user_id = ${userId}), 'UTC')`;
    const today = sql`(${filter.now.toISOString()}::timestamptz at time zone ${zone})::date`;
    const completedDate = sql`(${todos.completedAt} at time zone ${zone})::date`;
    return [
      filter.status ? eq(todos.status, filter.status) : undefined,
      filter.planId ? idEq(todos.planId, filter.planId) : undefined,
      ...(await tagAndText('todo', todos, filter, db, userId, [todos.title, todos.notes, todos.summary])),
      filter.important !== undefined ? eq(todos.important, filter.important) : undefined,
      filter.due ? dueCondition(filter.due, today) : undefined,
      filter.completedFrom ? sql`${completedDate} >= ${filter.completedFrom}::date` : undefined,
      filter.completedTo ? sql`${completedDate} <= ${filter.completedTo}::date` : undefined,
    ];
  },
};

/** The first key of the advisory lock that serialises one user's reordering (the second is the user). */
const ORDER_LOCK = 724_310_552;

/** The acting user's to-dos. */
export function todosRepository(db: Executor, userId: string) {
  const owned = ownedItems(todos);
  return {
    ...itemsRepository(SPEC, db, userId),
    ...handOrder(db, todos, userId, ORDER_LOCK),

    /** The live to-do, locked until the transaction ends: two completions at once then see each other. */
    async findForUpdate(id: string) {
      const [row] = await db.select().from(todos).where(owned.live(userId, id)).for('update');
      return row;
    },
  };
}
