import { INTERNAL_JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Mailer } from '../lib/mailer.ts';
import type { Repositories } from '../repositories/index.ts';
import type { ClaimedReminder, NewNotification } from '../repositories/reminders.repository.ts';
import { localeOf, renderNotification } from './notification-words.ts';
import { withReminderDefaults } from './settings.service.ts';

/**
 * How late a timed reminder may still go out. A worker that was down for a while catches up on
 * the last day; older ones (a restored backup, a long outage) are marked sent without a word.
 */
export const TIMED_REMINDER_GRACE_MINUTES = 24 * 60;

/** The notification for a claimed reminder, or null when the person silenced these (or it is stale). */
function noteFor(claimed: ClaimedReminder, now: Date): NewNotification | null {
  const settings = withReminderDefaults(claimed.reminders);
  if (claimed.stale || settings.paused || !settings.dueTimes.enabled) return null;
  const data = {
    todoId: claimed.todoId,
    todoTitle: claimed.title,
    dueOn: claimed.dueOn,
    dueTime: claimed.dueTime,
    remindBefore: claimed.remindBefore,
  };
  return {
    userId: claimed.userId,
    kind: 'todo_due',
    ...renderNotification('todo_due', data, localeOf(claimed.locale))!,
    link: `/todos#${claimed.todoId}`,
    data,
    // The claim makes it once; the key keeps apart a later reminder of the same to-do, after an edit.
    dedupeKey: `todo_due:${claimed.todoId}:${claimed.dueOn}T${claimed.dueTime}-${claimed.remindBefore}:${now.toISOString()}`,
    channels: settings.dueTimes.channels,
  };
}

/**
 * Reminders at a to-do's due time (or its `remindBefore` minutes before), run every minute. Each
 * batch is one transaction that claims the due reminders (marking them sent), creates their
 * notifications and queues their e-mails: a crash rolls all three back, and two workers never
 * claim the same to-do, so each reminder comes once. A new due date, time or offset clears the
 * mark (todo-rules.ts), and the next occurrence of a recurring to-do is a row of its own.
 */
export function createTimedRemindersService(deps: { repos: Repositories; queue: JobQueue; mailer: Mailer; batchSize?: number }) {
  const { repos, queue, mailer } = deps;
  const batchSize = deps.batchSize ?? 200;

  return {
    async tick(now: Date): Promise<{ claimed: number; created: number; emails: number }> {
      const total = { claimed: 0, created: 0, emails: 0 };
      for (;;) {
        const batch = await repos.system.reminders.inTransaction(async (facts, tx) => {
          const claimed = await facts.claimTimedReminders(now, batchSize, TIMED_REMINDER_GRACE_MINUTES);
          const notes = claimed.map((c) => noteFor(c, now)).filter((n) => n !== null);
          const created = await facts.insert(notes, now);
          let emails = 0;
          if (mailer.available) {
            for (const row of created.filter((r) => r.channels.includes('email'))) {
              await queue.sendInternal(tx, INTERNAL_JOB.mail, { notificationId: row.id }, row.id);
              emails++;
            }
          }
          return { claimed: claimed.length, created: created.length, emails };
        });
        total.claimed += batch.claimed;
        total.created += batch.created;
        total.emails += batch.emails;
        if (batch.claimed < batchSize) return total;
      }
    },
  };
}
export type TimedRemindersService = ReturnType<typeof createTimedRemindersService>;
