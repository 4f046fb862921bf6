import { ResourceTemplate, type McpServer, ResourceNotFoundError } from '@modelcontextprotocol/server';
import type { Actor } from '../../lib/actor.ts';
import { addDays, todayIn } from '../../lib/dates.ts';
import { HttpProblem } from '../../lib/problem.ts';
import { reportMarkdown } from '../reports.service.ts';
import { logged, type McpDeps } from './server.ts';
import { forAssistant } from './views.ts';

const REPORTS_LISTED = 50;

/** Monday to Sunday of the person's current week, in their time zone. */
export async function currentWeek(deps: McpDeps, actor: Actor) {
  const profile = await deps.profile.get(actor);
  const today = todayIn(profile.timezone || 'UTC', deps.clock.now());
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const periodStart = addDays(today, -weekday);
  return { profile, periodStart, periodEnd: addDays(periodStart, 6) };
}

const json = (uri: string, value: unknown) => ({
  contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }],
});

/** The profile, this week's work and each report, as resources an assistant can attach. */
export function registerResources(server: McpServer, deps: McpDeps, actor: Actor) {
  const read = <T>(name: string, uri: string, work: () => Promise<T>) =>
    logged(deps, actor, { method: 'resources/read', name, summary: uri }, work);

  server.registerResource(
    'profile',
    'anchor://profile',
    {
      title: 'Profile',
      description: 'Who the person is: name, headline, summary, location, links (no contact details).',
      mimeType: 'application/json',
    },
    (uri) => read('profile', uri.href, async () => json(uri.href, forAssistant.profile(await deps.profile.get(actor)))),
  );

  server.registerResource(
    'current-week',
    'anchor://week/current',
    {
      title: 'This week’s work',
      description: 'The current week (Monday to Sunday): to-dos completed, missed and coming, and active plans.',
      mimeType: 'application/json',
    },
    (uri) =>
      read('current-week', uri.href, async () => {
        const { periodStart, periodEnd } = await currentWeek(deps, actor);
        const { locale: _locale, ...week } = await deps.reportDrafts.gather(actor, { type: 'weekly', periodStart, periodEnd });
        return json(uri.href, week);
      }),
  );

  server.registerResource(
    'report',
    new ResourceTemplate('anchor://reports/{id}', {
      list: async () => {
        const page = await deps.reports.list(actor, { limit: REPORTS_LISTED });
        return {
          resources: page.items.map((r) => ({ uri: `anchor://reports/${r.id}`, name: r.title, mimeType: 'text/markdown' })),
        };
      },
    }),
    { title: 'Report', description: 'One of the person’s reports, as Markdown.', mimeType: 'text/markdown' },
    (uri, variables) =>
      read('report', uri.href, async () => {
        try {
          const report = await deps.reports.get(actor, String(variables.id));
          const { locale } = await deps.profile.get(actor);
          return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: reportMarkdown(report, locale) }] };
        } catch (err) {
          // Another person's report, a deleted one or no id at all: the same "not found".
          if (err instanceof HttpProblem) throw new ResourceNotFoundError(uri.href);
          throw err;
        }
      }),
  );
}
