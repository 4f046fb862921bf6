import { createHmac } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Notification } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { notifications, userSettings, users } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { escapeHtml, type Mailer } from '../lib/mailer.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { safeEqual } from '../lib/secrets.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from '../repositories/paging.ts';
import type { Actor } from '../lib/actor.ts';
import { withReminderDefaults } from './settings.service.ts';

type Row = typeof notifications.$inferSelect;

const toDto = (row: Row): Notification => ({
  id: row.id,
  kind: row.kind as Notification['kind'],
  title: row.title,
  body: row.body,
  link: row.link,
  data: row.data,
  readAt: isoOrNull(row.readAt),
  createdAt: iso(row.createdAt),
});

const newestFirst: Keyset<Row> = {
  key: sql`${notifications.createdAt}`,
  type: 'timestamptz',
  direction: 'desc',
  id: notifications.id,
  valueOf: (row) => row.createdAt.toISOString(),
  idOf: (row) => row.id,
};

/** Which settings key turns a notification kind's e-mail off. */
const SETTING_OF_KIND: Record<string, string> = {
  weekly_report: 'weeklyReport',
  due_digest: 'dueDigest',
  stale_plan: 'stalePlans',
  plan_at_risk: 'plansAtRisk',
  idle_focus: 'idleFocus',
  monthly_reflection: 'monthlyReflection',
};

const MAIL_TEXT = {
  en: {
    open: 'Open in Career Anchor',
    why: 'You get this because of your reminder settings.',
    unsubscribe: 'Stop these e-mails',
  },
  'zh-CN': { open: '在职业锚点中打开', why: '你收到这封邮件是因为你的提醒设置。', unsubscribe: '不再接收此类邮件' },
};

/** The in-app notification centre, and the e-mail copy of a notification with its unsubscribe link. */
export function createNotificationsService(deps: { db: Db; clock: Clock; config: Config; mailer: Mailer }) {
  const { db, clock, config, mailer } = deps;
  const inApp = sql`'in_app' = any(${notifications.channels})`;
  const own = (userId: string, id: string) => and(idEq(notifications.id, id), eq(notifications.userId, userId));

  const sign = (id: string) => createHmac('sha256', config.appSecret).update(`unsubscribe:${id}`).digest('base64url');
  const unsubscribeToken = (id: string) => `${id}.${sign(id)}`;

  async function unread(userId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), inApp));
    return row?.n ?? 0;
  }

  return {
    unsubscribeToken,

    async list(actor: Actor, query: { unread?: boolean | undefined; limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, actor.userId),
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
      const page = toPage(rows, query.limit, newestFirst);
      return { items: page.rows.map(toDto), nextCursor: page.nextCursor, unread: await unread(actor.userId) };
    },

    async read(actor: Actor, id: string) {
      const [row] = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${clock.now().toISOString()}::timestamptz)` })
        .where(own(actor.userId, id))
        .returning();
      if (!row) throw notFound('Notification');
      return toDto(row);
    },

    async readAll(actor: Actor) {
      await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
      return { unread: 0 };
    },

    /** Sends a notification's e-mail once; nothing to do if it went already or e-mail is off. */
    async email(notificationId: string) {
      if (!mailer.available) return;
      const [found] = await db
        .select({
          n: notifications,
          email: users.email,
          locale: sql<string>`(select locale from profiles where user_id = ${users.id})`,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(eq(notifications.id, notificationId));
      if (!found || found.n.emailedAt || !found.n.channels.includes('email')) return;
      const words = found.locale === 'zh-CN' ? MAIL_TEXT['zh-CN'] : MAIL_TEXT.en;
      const base = config.publicUrl.origin;
      const link = `${base}${found.n.link ?? '/'}`;
      const unsubscribe = `${base}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(found.n.id))}`;
      await mailer.send({
        to: found.email,
        subject: found.n.title,
        text: `${found.n.title}\n\n${found.n.body}\n\n${words.open}: ${link}\n\n--\n${words.why}\n${words.unsubscribe}: ${unsubscribe}\n`,
        html: `<!doctype html><html lang="${found.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<h1 style="font-size:1.2em">${escapeHtml(found.n.title)}</h1><p>${escapeHtml(found.n.body)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(words.open)}</a></p>
<hr><p style="color:#666;font-size:.9em">${escapeHtml(words.why)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(words.unsubscribe)}</a></p>
</body></html>`,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await db.update(notifications).set({ emailedAt: clock.now() }).where(eq(notifications.id, notificationId));
    },

    /**
     * Turns off e-mail for the kind of notification the link came with. Each link works once; a
     * forged or reused one is refused.
     */
    async unsubscribe(token: string): Promise<{ kind: string }> {
      const [id, signature] = token.split('.');
      if (!id || !signature || !safeEqual(signature, sign(id)))
        throw new HttpProblem(400, 'Invalid link', { detail: 'This unsubscribe link is not valid.' });
      const [used] = await db
        .update(notifications)
        .set({ unsubscribedAt: clock.now() })
        .where(and(idEq(notifications.id, id), isNull(notifications.unsubscribedAt)))
        .returning({ userId: notifications.userId, kind: notifications.kind });
      if (!used) throw new HttpProblem(410, 'Link already used', { detail: 'This unsubscribe link was used already.' });
      const setting = SETTING_OF_KIND[used.kind]!;
      const [row] = await db
        .select({ reminders: userSettings.reminders })
        .from(userSettings)
        .where(eq(userSettings.userId, used.userId));
      const reminders = withReminderDefaults(row?.reminders ?? {}) as Record<string, any>;
      reminders[setting] = {
        ...reminders[setting],
        channels: (reminders[setting].channels as string[]).filter((c) => c !== 'email'),
      };
      await db.update(userSettings).set({ reminders, updatedAt: clock.now() }).where(eq(userSettings.userId, used.userId));
      return { kind: used.kind };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
