import {
  AddTodoArgs,
  CompleteTodoArgs,
  DraftReportArgs,
  DraftReportResult,
  LogWorkArgs,
  LogWorkResult,
  SuggestUpdateArgs,
  SuggestUpdateResult,
  TodoChangeResult,
  TodoCreate,
  type AssistantSettings,
} from '@career-anchor/contracts';
import { parseQuickAdd } from '@career-anchor/quick-add';
import type { Actor } from '../../lib/actor.ts';
import { matchWork } from './log-work.ts';
import type { McpDeps, ToolRegistrar } from './server.ts';

const DRAFT_WAIT_MS = 25_000;
const POLL_MS = 250;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const firstLine = (text: string) => clip(text.split('\n')[0]!.trim(), 200);
const withLinks = (text: string, links: readonly string[]) => [text, ...links].join('\n');

/**
 * Tools that change things. With approval on, to-do changes become pending suggestions (so the
 * `suggest` scope is enough); log_work and suggest_update always are, unless approval is off and
 * the work clearly matches an open to-do.
 */
export function registerWriteTools(tool: ToolRegistrar, deps: McpDeps, actor: Actor, settings: AssistantSettings) {
  const approval = settings.requireApproval;
  const generatedBy = `assistant:${actor.clientId ?? 'token'}`;
  const todoScope = approval ? 'suggest' : 'write';
  const pendingNote = approval ? ' The person asked to approve every change: this lands in their suggestion queue.' : '';

  async function timezone() {
    return (await deps.profile.get(actor)).timezone || 'UTC';
  }

  tool('add_todo', {
    title: 'Add a to-do',
    description: `Adds a to-do. Give text as a person would type it (dates, times, #tags and !priority are read from it), or the fields.${pendingNote}`,
    scope: todoScope,
    input: AddTodoArgs,
    output: TodoChangeResult,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    summary: (args) => clip(args.title ?? args.text ?? '', 80),
    run: async (args) => {
      const { text, ...fields } = args;
      const quick = text ? parseQuickAdd(text, { now: deps.clock.now(), timeZone: await timezone() }) : null;
      const input = TodoCreate.parse({
        ...fields,
        title: fields.title ?? (quick?.title || text),
        dueOn: fields.dueOn ?? quick?.dueOn ?? null,
        priority: fields.priority ?? quick?.priority ?? undefined,
        important: fields.important ?? quick?.important ?? undefined,
        tags: fields.tags?.length ? fields.tags : (quick?.tags ?? []),
      });
      if (!approval) return { outcome: 'written' as const, todo: await deps.todos.create(actor, input) };
      const suggestion = await deps.suggestions.propose(actor, {
        targetSection: 'todos',
        title: input.title,
        description: input.notes,
        results: input.dueOn ?? '',
        skills: input.tags,
        generatedBy,
      });
      return { outcome: 'suggested' as const, ...(suggestion ? { suggestion } : {}) };
    },
  });

  tool('complete_todo', {
    title: 'Complete a to-do',
    description: `Marks one of the person’s open to-dos done, with a summary of what was done and how well.${pendingNote}`,
    scope: todoScope,
    input: CompleteTodoArgs,
    output: TodoChangeResult,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    run: async (args) => {
      if (!approval) return { outcome: 'written' as const, todo: await deps.todos.complete(actor, args.id, args.summary) };
      const todo = await deps.todos.get(actor, args.id);
      const suggestion = await deps.suggestions.propose(actor, {
        targetSection: 'todos',
        title: todo.title,
        description: args.summary ?? '',
        todoId: todo.id,
        generatedBy,
      });
      return { outcome: 'suggested' as const, todo, ...(suggestion ? { suggestion } : {}) };
    },
  });

  tool('log_work', {
    title: 'Log work',
    description:
      'Records something the person did, in plain words (with links and a date if known). It is matched to their open to-dos and plans; it becomes a suggestion they approve, or, when they allow direct writes and one open to-do clearly matches, that to-do is marked done.',
    scope: 'suggest',
    input: LogWorkArgs,
    output: LogWorkResult,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    summary: (args) => clip(args.text, 80),
    run: async (args) => {
      const { matches, clear } = await matchWork(deps, actor, args.text);
      const description = withLinks(args.date ? `${args.date}: ${args.text}` : args.text, args.links);
      if (clear && !approval) {
        const todo = await deps.todos.complete(actor, clear.id, clip(description, 5000));
        return { outcome: 'completed' as const, todo, matches };
      }
      const suggestion = await deps.suggestions.propose(
        actor,
        clear
          ? { targetSection: 'todos', title: clear.title, description: clip(description, 5000), todoId: clear.id, generatedBy }
          : { targetSection: 'achievements', title: firstLine(args.text), description: clip(description, 5000), generatedBy },
      );
      return { outcome: 'suggested' as const, ...(suggestion ? { suggestion } : {}), matches };
    },
  });

  tool('suggest_update', {
    title: 'Suggest an anchor update',
    description:
      'Proposes an achievement or a current-focus item. It always waits in the person’s suggestion queue; nothing is written until they accept it.',
    scope: 'suggest',
    input: SuggestUpdateArgs,
    output: SuggestUpdateResult,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    summary: (args) => `${args.target}: ${clip(args.title, 80)}`,
    run: async (args) => {
      const suggestion = await deps.suggestions.propose(actor, {
        targetSection: args.target,
        title: args.title,
        description: args.description,
        results: args.results,
        skills: args.skills,
        generatedBy,
      });
      return suggestion
        ? { suggestion, note: 'Waiting for the person’s approval.' }
        : { suggestion: null, note: 'The same suggestion is already waiting.' };
    },
  });

  tool('draft_report', {
    title: 'Draft a report',
    description:
      'Drafts a report for a period from the completed to-dos in it. Reports progress while it works and returns the draft, or the job to follow when it takes longer.',
    scope: 'write',
    input: DraftReportArgs,
    output: DraftReportResult,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    summary: (args) => `${args.type} ${args.periodStart}..${args.periodEnd}`,
    run: async (args, ctx) => {
      const { jobId } = await deps.jobs.requestReportDraft(actor, args);
      const progressToken = ctx.mcpReq._meta?.progressToken;
      const deadline = Date.now() + DRAFT_WAIT_MS;
      let last = -1;
      for (;;) {
        const job = await deps.jobs.get(actor, jobId);
        if (progressToken !== undefined && job.progress !== last) {
          last = job.progress;
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken, progress: job.progress, total: 100, message: job.status },
          });
        }
        const reportId = job.result && 'reportId' in job.result ? String(job.result.reportId) : null;
        if (job.status === 'succeeded' && reportId)
          return { jobId, status: job.status, reportId, report: await deps.reports.get(actor, reportId) };
        if (job.status === 'failed' || job.status === 'succeeded' || Date.now() > deadline || ctx.mcpReq.signal.aborted)
          return { jobId, status: job.status, reportId };
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
  });
}
