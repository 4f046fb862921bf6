import { and, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { profiles, todos } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { overdueTodo, todoView } from './facts.ts';
import { isoTimestamp, TODO_JSON } from './item-json.ts';
import { itemsRepository, tagAndText } from './items.repository.ts';
import { handOrder } from './ordering.ts';
import { ownedItems } from './owned.ts';
import { retagItems } from './tags.repository.ts';
import type { Keyset } from './paging.ts';

export type TodoRow = typeof todos.$inferSelect;

/**
 * The sort keys written as text, for the orders with more than one part (each key must be one
 * non-null value). The due order is the database's `ca_due_key` (migration 0023), which an index
 * walks: the day as a seven-digit day number, then the time; a due date with no time sorts after
 * the timed ones of its day ('~' follows the digits in byte order, hence the "C" collation),
 * undated to-dos last.
 */
const DUE_KEY = `ca_due_key(todos.due_on, todos.due_time)`;
const PRIORITY_KEY = `((case todos.priority when 'high' then '0' when 'normal' then '1' else '2' end) || ${DUE_KEY})`;
/** The plan's title and id (to-dos without a plan last), then the hand-made order as fixed-width digits. */
const PLAN_KEY = `((case when todos.plan_id is null then '1' else '0' || lower(coalesce((select p.title from plans p where p.id = todos.plan_id), '')) || chr(1) || todos.plan_id::text end)
  || chr(1) || to_char(todos.position::numeric + 1e12, 'FM0000000000000.000000000'))`;

/**
 * An order whose key only the database computes: lists of to-dos are read as JSON, where each
 * row's key comes with it (`json`), so the key is never worked out again here.
 */
const textKey = (expression: string, pattern: RegExp): Keyset<TodoRow> => ({
  key: sql.raw(`${expression} collate "C"`),
  type: 'text',
  pattern,
  direction: 'asc',
  id: todos.id,
  valueOf: () => {
    throw new Error('To-do lists are read as JSON: the order key comes from the database');
  },
  idOf: (r) => r.id,
  json: `to_json(${expression})`,
});
const DUE_FORM = /^\d{7} (?:\d{2}:\d{2}|~)$/;

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
  due: textKey(DUE_KEY, DUE_FORM),
  priority: textKey(PRIORITY_KEY, new RegExp(`^[012]${DUE_FORM.source.slice(1)}`)),
  plan: textKey(PLAN_KEY, /^(?:1|0[\s\S]*\u0001[0-9a-f-]{36})\u0001\d{13}\.\d{9}$/),
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
  view?: 'today' | 'upcoming' | 'overdue' | 'inbox' | 'all' | undefined;
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
  position: 'last' as const,
  async where(filter: TodoFilter, db: Db, userId: string) {
    // The user's time zone and today, read in the list's own statement (no round trip of their own).
    const zone = sql`coalesce((select timezone from ${profiles} where user_id = ${userId}), 'UTC')`;
    const today = sql`(${filter.now.toISOString()}::timestamptz at time zone ${zone})::date`;
    const completedDate = sql`(${todos.completedAt} at time zone ${zone})::date`;
    return [
      filter.view && filter.view !== 'all' ? todoView(filter.view, sql`${todos}`, today) : undefined,
      filter.status ? eq(todos.status, filter.status) : undefined,
      filter.planId ? idEq(todos.planId, filter.planId) : undefined,
      ...(await tagAndText(todos, filter, db, userId, [todos.title, todos.notes, todos.summary])),
      filter.important !== undefined ? eq(todos.important, filter.important) : undefined,
      filter.due ? dueCondition(filter.due, today) : undefined,
      filter.completedFrom ? sql`${completedDate} >= ${filter.completedFrom}::date` : undefined,
      filter.completedTo ? sql`${completedDate} <= ${filter.completedTo}::date` : undefined,
    ];
  },
};

/** The first key of the advisory lock that serialises one user's reordering (the second is the user). */
const ORDER_LOCK = 724_310_552;
/** The first key of the advisory lock that serialises the completions of one recurring series (the second is the series). */
const SERIES_LOCK = 724_310_560;

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

    /** The live to-dos among `ids`, locked in id order (so two bulk actions never wait on each other in a cycle). */
    findManyForUpdate(ids: string[]): Promise<TodoRow[]> {
      return db
        .select()
        .from(todos)
        .where(and(owned.ownedBy(userId), inArray(todos.id, ids)))
        .orderBy(todos.id)
        .for('update');
    },

    /** The user's to-dos in the trash among `ids`, locked. */
    findTrashedForUpdate(ids: string[]): Promise<TodoRow[]> {
      return db
        .select()
        .from(todos)
        .where(and(eq(todos.userId, userId), isNotNull(todos.deletedAt), inArray(todos.id, ids)))
        .orderBy(todos.id)
        .for('update');
    },

    /** Sets the same values on the live to-dos among `ids`, in one statement. */
    updateMany(ids: string[], values: Partial<typeof todos.$inferInsert>, now: Date): Promise<TodoRow[]> {
      return db
        .update(todos)
        .set({ ...values, updatedAt: now })
        .where(and(owned.ownedBy(userId), inArray(todos.id, ids)))
        .returning();
    },

    /** Takes the to-dos among `ids` out of the trash. */
    restoreMany(ids: string[], now: Date): Promise<TodoRow[]> {
      return db
        .update(todos)
        .set({ deletedAt: null, updatedAt: now })
        .where(and(eq(todos.userId, userId), isNotNull(todos.deletedAt), inArray(todos.id, ids)))
        .returning();
    },

    /** Adds and removes tags on the to-dos among `ids` at once (see `retagItems`). */
    retag: (ids: string[], add: string[], remove: string[]) => retagItems(db, userId, 'todo', ids, add, remove),

    /** Holds a recurring to-do's series until the transaction ends, so its next occurrence is made once. */
    async lockSeries(seriesId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(${SERIES_LOCK}, hashtext(${seriesId}))`);
    },

    /** Whether the series has a live open occurrence other than `exceptId`. */
    async hasOpenOccurrence(seriesId: string, exceptId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: todos.id })
        .from(todos)
        .where(and(owned.ownedBy(userId), eq(todos.seriesId, seriesId), eq(todos.status, 'open'), ne(todos.id, exceptId)))
        .limit(1);
      return row !== undefined;
    },
  };
}
