import { createHmac } from 'node:crypto';
import type { Notification } from '@career-anchor/contracts';
import type { Config } from '../config.ts';
import { jobActor, type Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import type { DateLocale } from '../lib/dates.ts';
import { escapeHtml, type Mailer } from '../lib/mailer.ts';
import { HttpProblem, notFound } from '../lib/problem.ts';
import { safeEqual } from '../lib/secrets.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { NotificationRow } from '../repositories/notifications.repository.ts';
import { localeOf, mailWords, renderNotification } from './notification-words.ts';
import type { SettingsService } from './settings.service.ts';

/** The reminder settings of each notification kind: whether it comes, and where (e-mail can be turned off). */
export const SETTING_OF_KIND = {
  weekly_report: 'weeklyReport',
  due_digest: 'dueDigest',
  stale_plan: 'stalePlans',
  plan_at_risk: 'plansAtRisk',
  idle_focus: 'idleFocus',
  monthly_reflection: 'monthlyReflection',
  todo_due: 'dueTimes',
} as const;

/** Title and body in the reader's language, from the kind and its numbers; else the words it was stored with. */
const wordsOf = (row: NotificationRow, locale: DateLocale) =>
  renderNotification(row.kind, row.data, locale) ?? { title: row.title, body: row.body };

const toDto = (row: NotificationRow, locale: DateLocale): Notification => ({
  id: row.id,
  kind: row.kind as Notification['kind'],
  ...wordsOf(row, locale),
  link: row.link,
  data: row.data,
  readAt: isoOrNull(row.readAt),
  createdAt: iso(row.createdAt),
});

/** The in-app notification centre, and the e-mail copy of a notification with its unsubscribe link. */
export function createNotificationsService(deps: {
  repos: Repositories;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  settings: SettingsService;
}) {
  const { repos, clock, config, mailer, settings } = deps;

  const sign = (id: string) => createHmac('sha256', config.appSecret).update(`unsubscribe:${id}`).digest('base64url');
  const unsubscribeToken = (id: string) => `${id}.${sign(id)}`;

  /** The language the reader has chosen: their profile's, which the app sets when they switch. */
  const readerLocale = async (actor: Actor) => localeOf((await repos.for(actor).profiles.find())?.profile.locale);

  return {
    unsubscribeToken,

    async list(actor: Actor, query: { unread?: boolean | undefined; limit: number; cursor?: string | undefined }) {
      const { notifications } = repos.for(actor);
      const [page, unread, locale] = await Promise.all([
        notifications.page(query),
        notifications.unreadCount(),
        readerLocale(actor),
      ]);
      return { items: page.rows.map((row) => toDto(row, locale)), nextCursor: page.nextCursor, unread };
    },

    async read(actor: Actor, id: string) {
      const row = await repos.for(actor).notifications.markRead(id, clock.now());
      if (!row) throw notFound('Notification');
      return toDto(row, await readerLocale(actor));
    },

    async readAll(actor: Actor) {
      await repos.for(actor).notifications.markAllRead(clock.now());
      return { unread: 0 };
    },

    /** Sends a notification's e-mail once, in the recipient's language now; nothing to do if it went already or e-mail is off. */
    async email(notificationId: string) {
      if (!mailer.available) return;
      const found = await repos.system.notifications.forMail(notificationId);
      if (!found || found.notification.emailedAt || !found.notification.channels.includes('email')) return;
      const n = found.notification;
      const locale = localeOf(found.locale);
      const { title, body } = wordsOf(n, locale);
      const words = mailWords(locale);
      const base = config.publicUrl.origin;
      const link = `${base}${n.link ?? '/'}`;
      const unsubscribe = `${base}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(n.id))}`;
      await mailer.send({
        to: found.email,
        subject: title,
        text: `${title}\n\n${body}\n\n${words.open}: ${link}\n\n--\n${words.why}\n${words.unsubscribe}: ${unsubscribe}\n`,
        html: `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<h1 style="font-size:1.2em">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(words.open)}</a></p>
<hr><p style="color:#666;font-size:.9em">${escapeHtml(words.why)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(words.unsubscribe)}</a></p>
</body></html>`,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await repos.for({ userId: n.userId }).notifications.markEmailed(n.id, clock.now());
    },

    /**
     * Turns off e-mail for the kind of notification the link came with. Each link works once; a
     * forged or reused one is refused.
     */
    async unsubscribe(token: string): Promise<{ kind: string }> {
      const [id, signature] = token.split('.');
      if (!id || !signature || !safeEqual(signature, sign(id)))
        throw new HttpProblem('invalid-link', { detail: 'This unsubscribe link is not valid.' });
      const used = await repos.system.notifications.useUnsubscribe(id, clock.now());
      if (!used) throw new HttpProblem('link-already-used', { detail: 'This unsubscribe link was used already.' });
      const setting = SETTING_OF_KIND[used.kind as keyof typeof SETTING_OF_KIND];
      // The signed link acts for the person it was sent to.
      const recipient = jobActor(used.userId);
      const current = (await settings.get(recipient)).reminders[setting].channels;
      await settings.update(recipient, { reminders: { [setting]: { channels: current.filter((c) => c !== 'email') } } });
      return { kind: used.kind };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
