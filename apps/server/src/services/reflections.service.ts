import { ReflectionOutput, buildReflectionPrompt, builtinReflection } from '../ai/tasks/reflection.ts';
import type { AiClient } from '../ai/types.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../lib/mailer.ts';
import type { Actor } from '../lib/actor.ts';
import type { Repositories } from '../repositories/index.ts';
import { renderInsight } from './insight-words.ts';
import type { InsightsService } from './insights.service.ts';
import { localeOf } from './notification-words.ts';
import { INTERNAL_JOB } from '../jobs/kinds.ts';
import type { SettingsService } from './settings.service.ts';

/** The optional monthly reflection: the month's insights, written up by the user's model or plainly. */
export function createReflectionsService(deps: {
  repos: Repositories;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  insights: InsightsService;
  queue: JobQueue;
  mailer: Mailer;
}) {
  const { repos, clock, ai, settings, insights, queue, mailer } = deps;
  return {
    async write(actor: Actor, month: string) {
      const userId = actor.userId;
      const locale = localeOf((await repos.for(actor).profiles.find())?.profile.locale);
      const facts = await insights.facts(actor);
      const input = { locale, month, insights: facts.map((insight) => renderInsight(insight, locale)) };
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
      const { channels } = (await settings.get(actor)).reminders.monthlyReflection;
      // A model's words are written once, in the profile's language; the built-in one keeps the
      // insights as facts, to be worded in the reader's language whenever it is read.
      await repos.transaction(actor, async ({ notifications }, tx) => {
        const id = await notifications.add({
          kind: 'monthly_reflection',
          title: output.title,
          body: output.body,
          link: '/insights',
          data: { month, generatedBy: decision.label, ...(decision.choice ? {} : { insights: facts }) },
          dedupeKey: `monthly_reflection:${month}`,
          channels,
          createdAt: clock.now(),
        });
        if (id && mailer.available && channels.includes('email'))
          await queue.sendInternal(tx, INTERNAL_JOB.mail, { notificationId: id }, id);
      });
    },
  };
}
export type ReflectionsService = ReturnType<typeof createReflectionsService>;
