import { ReflectionOutput, buildReflectionPrompt, builtinReflection } from '../ai/tasks/reflection.ts';
import type { AiClient } from '../ai/types.ts';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../lib/mailer.ts';
import { findProfile } from '../repositories/profiles.repository.ts';
import { findSettings } from '../repositories/settings.repository.ts';
import type { Actor } from '../lib/actor.ts';
import type { InsightsService } from './insights.service.ts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';
import { withReminderDefaults, type SettingsService } from './settings.service.ts';

/** The optional monthly reflection: the month's insights, written up by the user's model or plainly. */
export function createReflectionsService(deps: {
  db: Db;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  insights: InsightsService;
  queue: JobQueue;
  mailer: Mailer;
}) {
  const { db, clock, ai, settings, insights, queue, mailer } = deps;
  return {
    async write(actor: Actor, month: string) {
      const userId = actor.userId;
      const locale = (await findProfile(db, userId))?.profile.locale ?? 'en';
      const input = { locale, month, insights: (await insights.list(actor)).items };
      const decision = await settings.modelFor(userId, 'reflection');
      let output: ReflectionOutput;
      if (decision.choice) {
        const { system, prompt } = buildReflectionPrompt(input);
        output = (
          await ai.generate({
            userId,
            feature: 'monthly_reflection',
            model: decision.choice,
            system,
            prompt,
            schema: ReflectionOutput,
          })
        ).output;
      } else {
        output = builtinReflection(input);
      }
      const channels = withReminderDefaults((await findSettings(db, userId))?.reminders ?? {}).monthlyReflection.channels;
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(notifications)
          .values({
            userId,
            kind: 'monthly_reflection',
            title: output.title,
            body: output.body,
            link: '/insights',
            data: { month, generatedBy: decision.label },
            dedupeKey: `monthly_reflection:${month}`,
            channels,
            createdAt: clock.now(),
          })
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        if (row && mailer.available && channels.includes('email'))
          await queue.sendInternal(tx, INTERNAL_JOB.mail, { notificationId: row.id }, row.id);
      });
    },
  };
}
export type ReflectionsService = ReturnType<typeof createReflectionsService>;
