import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Overview } from '@career-anchor/contracts';
import type { Actor } from '../../lib/actor.ts';
import { addDays } from '../../lib/dates.ts';
import { currentWeek } from './resources.ts';
import { logged, type McpDeps } from './server.ts';
import { forAssistant } from './views.ts';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });
const data = (value: unknown) => `\n\n${JSON.stringify(value, null, 2)}`;

/** Prompts filled with the person's own data: weekly report, performance review, what next. */
export function registerPrompts(server: McpServer, deps: McpDeps, actor: Actor) {
  const get = <T>(name: string, work: () => Promise<T>) =>
    logged(deps, actor, { method: 'prompts/get', name, summary: '' }, work);

  server.registerPrompt(
    'weekly_report',
    { title: 'Weekly report', description: 'Write this week’s report from what was done, missed and coming.' },
    () =>
      get('weekly_report', async () => {
        const { periodStart, periodEnd } = await currentWeek(deps, actor);
        const { locale, ...week } = await deps.reportDrafts.gather(actor, { type: 'weekly', periodStart, periodEnd });
        return user(
          `Write my weekly report for ${periodStart} to ${periodEnd} in ${locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}: accomplishments (only what the data shows), challenges, and next week’s focus. Keep it short and concrete. My week:${data(week)}`,
        );
      }),
  );

  server.registerPrompt(
    'performance_review',
    {
      title: 'Prepare my performance review',
      description: 'Gather the period’s achievements, completed work and plans into notes for a review.',
      argsSchema: z.object({
        months: z
          .string()
          .regex(/^\d{1,2}$/)
          .optional()
          .describe('How many months back (default 6)'),
      }),
    },
    (args) =>
      get('performance_review', async () => {
        const months = Math.min(24, Math.max(1, Number(args.months ?? 6)));
        const { periodEnd } = await currentWeek(deps, actor);
        const periodStart = addDays(periodEnd, -months * 30);
        const [evidence, achievements] = await Promise.all([
          deps.reportDrafts.gather(actor, { type: 'custom', periodStart, periodEnd }),
          deps.achievements.list(actor, { limit: 50 }),
        ]);
        const { locale: _locale, ...period } = evidence;
        return user(
          `Help me prepare my performance review for ${periodStart} to ${periodEnd}. Group the evidence into themes, name measurable results, and list what I should still gather. Achievements:${data(JSON.parse(achievements))}\n\nCompleted work and plans:${data(period)}`,
        );
      }),
  );

  server.registerPrompt(
    'focus_next',
    { title: 'What should I focus on next', description: 'Suggest what to work on next from focus, plans and open to-dos.' },
    () =>
      get('focus_next', async () => {
        const overview = forAssistant.overview(JSON.parse(await deps.overview.get(actor)) as Overview);
        const { achievements: _recent, ...rest } = overview;
        return user(
          `Given my current focus, plans and open to-dos below, what should I focus on next? Name at most three things and why, and anything overdue I should drop or reschedule.${data(rest)}`,
        );
      }),
  );
}
