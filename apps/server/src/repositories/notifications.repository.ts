import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { notifications, profiles, users } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from './paging.ts';

export type NotificationRow = typeof notifications.$inferSelect;

const newestFirst: Keyset<NotificationRow> = {
  key: sql`${notifications.createdAt}`,
  type: 'timestamptz',
  direction: 'desc',
  id: notifications.id,
  valueOf: (row) => row.createdAt.toISOString(),
  idOf: (row) => row.id,
};

/** Shown in the app (the bell and the notification page): e-mail-only notifications are not. */
const inApp = sql`'in_app' = any(${notifications.channels})`;

/** The acting user's notifications. */
export function notificationsRepository(db: Executor, userId: string) {
  const mine = eq(notifications.userId, userId);
  return {
    /** A page, newest first; `unread` picks unread (true) or read (false) ones. */
    async page(query: { unread?: boolean | undefined; limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            mine,
            inApp,
            query.unread === true
              ? isNull(notifications.readAt)
              : query.unread === false
                ? sql`${notifications.readAt} is not null`
                : undefined,
            afterCursor(newestFirst, query.cursor),
          ),
        )
        .orderBy(...orderByKeyset(newestFirst))
        .limit(query.limit + 1);
      return toPage(rows, query.limit, newestFirst);
    },

    async unreadCount(): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt), inApp));
      return row?.n ?? 0;
    },

    /** Marks one read (keeping the first time it was read); undefined if it is not this user's. */
    async markRead(id: string, now: Date): Promise<NotificationRow | undefined> {
      const [row] = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
        .where(and(idEq(notifications.id, id), mine))
        .returning();
      return row;
    },

    async markAllRead(now: Date) {
      await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(mine, isNull(notifications.readAt)));
    },

    /** Adds one unless its dedupe key exists; returns its id if it was added. */
    async add(values: Omit<typeof notifications.$inferInsert, 'userId'>): Promise<string | undefined> {
      const [row] = await db
        .insert(notifications)
        .values({ ...values, userId })
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      return row?.id;
    },

    async markEmailed(id: string, now: Date) {
      await db
        .update(notifications)
        .set({ emailedAt: now })
        .where(and(eq(notifications.id, id), mine));
    },
  };
}

/** Lookups by a notification's id alone, before its user is known: the mail job and the unsubscribe link. */
export function notificationsById(db: Db) {
  return {
    /** The notification with its recipient's address and language, for its e-mail. */
    async forMail(id: string) {
      const [row] = await db
        .select({ notification: notifications, email: users.email, locale: profiles.locale })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .leftJoin(profiles, eq(profiles.userId, notifications.userId))
        .where(idEq(notifications.id, id));
      return row;
    },

    /** Uses up the unsubscribe link of a notification: whose it is and its kind, or undefined if used already. */
    async useUnsubscribe(id: string, now: Date) {
      const [row] = await db
        .update(notifications)
        .set({ unsubscribedAt: now })
        .where(and(idEq(notifications.id, id), isNull(notifications.unsubscribedAt)))
        .returning({ userId: notifications.userId, kind: notifications.kind });
      return row;
    },
  };
}
