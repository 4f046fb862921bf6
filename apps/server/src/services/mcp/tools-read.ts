import { z } from 'zod';
import {
  Achievement,
  AssistantOverview,
  ItemQuery,
  McpPage,
  PeriodEvidence,
  PeriodEvidenceArgs,
  Plan,
  PlanQuery,
  Report,
  ReportIdArgs,
  ReportQuery,
  SearchKind,
  SearchPage,
  Todo,
  TodoQuery,
  pageOf,
  type Overview,
} from '@career-anchor/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { JsonText } from '../../lib/json-text.ts';
import type { McpDeps, ToolRegistrar } from './server.ts';
import { forAssistant } from './views.ts';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true } as const;
/** A list the database already wrote as JSON. */
const parsed = <T>(page: JsonText<T>): T => JSON.parse(page) as T;

/** The list filters of the HTTP API, with JSON types where the query string had text. */
const TodoArgs = TodoQuery.omit({ important: true }).extend({ important: z.boolean().optional() }).extend(McpPage.shape);
const SearchArgs = McpPage.extend({
  q: z.string().trim().min(1).max(200).describe('Words to find, in any order, in anything the person wrote'),
  kind: SearchKind.optional(),
});
// Built once here, not per request: the JSON Schema of each is then worked out once too.
const NoArgs = z.object({});
const PlanArgs = PlanQuery.extend(McpPage.shape);
const AchievementArgs = ItemQuery.extend(McpPage.shape);
const ReportArgs = ReportQuery.extend(McpPage.shape);
const TodoPage = pageOf(Todo);
const PlanPage = pageOf(Plan);
const AchievementPage = pageOf(Achievement);
const ReportPage = pageOf(Report);

/** Tools that only read: the anchor overview, search, lists, a report, a period's evidence. */
export function registerReadTools(tool: ToolRegistrar, deps: McpDeps, actor: Actor) {
  tool('get_overview', {
    title: 'Anchor overview',
    description:
      'The person’s anchor page at a glance: profile (without contact details), recent achievements, current focus, plans, and to-do counts with the ones to look at first.',
    scope: 'read',
    input: NoArgs,
    output: AssistantOverview,
    annotations: READ,
    run: async () => forAssistant.overview(JSON.parse(await deps.overview.get(actor)) as Overview),
  });

  tool('search', {
    title: 'Search',
    description: 'Finds to-dos, plans, achievements, focus items, reports and career entries by words, best match first.',
    scope: 'read',
    input: SearchArgs,
    output: SearchPage,
    annotations: READ,
    summary: (args) => `q: ${args.q}`,
    run: (args) => deps.search.search(actor, args),
  });

  tool('list_todos', {
    title: 'List to-dos',
    description: 'The person’s to-dos, filtered by status, plan, tag, words, due date or completion dates; a page at a time.',
    scope: 'read',
    input: TodoArgs,
    output: TodoPage,
    annotations: READ,
    run: async (args) => parsed(await deps.todos.list(actor, args)),
  });

  tool('list_plans', {
    title: 'List plans',
    description: 'The person’s plans, filtered by status, tag or words; a page at a time.',
    scope: 'read',
    input: PlanArgs,
    output: PlanPage,
    annotations: READ,
    run: async (args) => parsed(await deps.plans.list(actor, args)),
  });

  tool('list_achievements', {
    title: 'List achievements',
    description: 'The person’s achievements, newest first, filtered by tag or words; a page at a time.',
    scope: 'read',
    input: AchievementArgs,
    output: AchievementPage,
    annotations: READ,
    run: async (args) => parsed(await deps.achievements.list(actor, args)),
  });

  tool('list_reports', {
    title: 'List reports',
    description:
      'The person’s reports (weekly, monthly, quarterly, custom), filtered by type, status, tag or period; a page at a time.',
    scope: 'read',
    input: ReportArgs,
    output: ReportPage,
    annotations: READ,
    run: (args) => deps.reports.list(actor, args),
  });

  tool('get_report', {
    title: 'Read a report',
    description: 'One report with its sections (accomplishments, challenges, next focus…).',
    scope: 'read',
    input: ReportIdArgs,
    output: Report,
    annotations: READ,
    run: (args) => deps.reports.get(actor, args.id),
  });

  tool('get_period_evidence', {
    title: 'Evidence of a period',
    description:
      'What a report for the period would be written from: to-dos completed in it (with their summaries), what was missed, what is coming, and active plans.',
    scope: 'read',
    input: PeriodEvidenceArgs,
    output: PeriodEvidence,
    annotations: READ,
    summary: (args) => `${args.periodStart}..${args.periodEnd}`,
    run: async (args) => {
      const { locale: _locale, ...evidence } = await deps.reportDrafts.gather(actor, args);
      return evidence;
    },
  });
}
