import type { Db } from '../db/client.ts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Mailer } from '../lib/mailer.ts';
import * as reminders from '../repositories/reminders.repository.ts';

const KINDS = [reminders.weeklyReport, reminders.dueDigest, reminders.stalePlans, reminders.plansAtRisk, reminders.idleFocus];

/**
 * One pass of the reminder schedule over every user, in batches: each batch is one transaction
 * that creates the due notifications (each at most once, by its unique key) and queues their
 * e-mails with them, so a crash mid-pass loses nothing and a rerun doubles nothing.
 */
export function createRemindersService(deps: { db: Db; queue: JobQueue; mailer: Mailer; batchSize?: number }) {
  const { db, queue, mailer } = deps;
  const batchSize = deps.batchSize ?? 500;

  /** Creates the due notifications of these users, and queues their e-mails, in one transaction. */
  async function pass(batch: string[], now: Date) {
    let created = 0;
    let emails = 0;
    await db.transaction(async (tx) => {
      for (const kind of KINDS) {
        const rows = await kind(tx, batch, now);
        created += rows.length;
        if (!mailer.available) continue;
        for (const row of rows.filter((r) => r.channels.includes('email'))) {
          await queue.sendInternal(tx, INTERNAL_JOB.mail, { notificationId: row.id }, row.id);
          emails++;
        }
      }
      for (const due of await reminders.reflectionsDue(tx, batch, now)) {
        await queue.sendInternal(
          tx,
          INTERNAL_JOB.reflection,
          { userId: due.user_id, month: due.month },
          `${due.user_id}:${due.month}`,
        );
      }
    });
    return { created, emails };
  }

  return {
    forUser: (userId: string, now: Date) => pass([userId], now),

    async tick(now: Date): Promise<{ users: number; created: number; emails: number }> {
      let after: string | null = null;
      let users = 0;
      let created = 0;
      let emails = 0;
      for (;;) {
        const batch = await reminders.nextUserBatch(db, after, batchSize);
        if (batch.length === 0) break;
        after = batch[batch.length - 1]!;
        users += batch.length;
        const result = await pass(batch, now);
        created += result.created;
        emails += result.emails;
      }
      return { users, created, emails };
    },
  };
}
export type RemindersService = ReturnType<typeof createRemindersService>;
