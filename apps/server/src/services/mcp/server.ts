import {
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Actor, Scope } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import { HttpProblem } from '../../lib/problem.ts';
import type { Repositories } from '../../repositories/index.ts';
import type { AchievementsService } from '../achievements.service.ts';
import type { AssistantsService } from '../assistants.service.ts';
import type { JobsService } from '../jobs.service.ts';
import type { OverviewService } from '../overview.service.ts';
import type { PlansService } from '../plans.service.ts';
import type { ProfileService } from '../profile.service.ts';
import type { ReportDraftsService } from '../report-drafts.service.ts';
import type { ReportsService } from '../reports.service.ts';
import type { SearchService } from '../search.service.ts';
import type { SuggestionsService } from '../suggestions.service.ts';
import type { TodosService } from '../todos.service.ts';
import { holds } from './bearer.ts';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import { withCachedJsonSchema } from './schema-cache.ts';
import { registerReadTools } from './tools-read.ts';
import { registerWriteTools } from './tools-write.ts';

export interface McpDeps {
  config: Pick<Config, 'publicUrl'>;
  clock: Clock;
  repos: Repositories;
  todos: TodosService;
  plans: PlansService;
  achievements: AchievementsService;
  reports: ReportsService;
  reportDrafts: ReportDraftsService;
  jobs: JobsService;
  search: SearchService;
  overview: OverviewService;
  profile: ProfileService;
  suggestions: SuggestionsService;
  assistants: AssistantsService;
}

type Annotations = { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };

export interface ToolSpec<In extends z.ZodType, Out extends z.ZodType> {
  title: string;
  description: string;
  /** What the actor must hold to see and call the tool. */
  scope: Scope;
  input: In;
  output: Out;
  annotations: Annotations;
  /** A short account of the call for the activity log (no addresses or tokens are kept). */
  summary?: (args: z.output<In>) => string;
  run: (args: z.output<In>, ctx: ServerContext) => Promise<z.output<Out>>;
}

/** What a model is told when a call fails: the problem's own words, never a stack or another user's data. */
function toolError(err: unknown): CallToolResult {
  const text = err instanceof HttpProblem ? `${err.title}: ${err.detail ?? ''}`.trim() : 'The call failed on the server.';
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Runs `work` and writes one line of the activity log, whatever its outcome. */
export async function logged<T>(
  deps: McpDeps,
  actor: Actor,
  call: { method: string; name: string; summary: string },
  work: () => Promise<T>,
) {
  const started = performance.now();
  let ok = false;
  try {
    const result = await work();
    ok = !(result && typeof result === 'object' && 'isError' in result && result.isError);
    return result;
  } finally {
    await deps.assistants.record(actor, { ...call, ok, durationMs: performance.now() - started }).catch(() => {});
  }
}

/** The registrar the tool files use: scope check by leaving out, structured output, the log. */
export function toolRegistrar(server: McpServer, deps: McpDeps, actor: Actor) {
  return <In extends z.ZodType, Out extends z.ZodType>(name: string, spec: ToolSpec<In, Out>) => {
    if (!holds(actor, spec.scope)) return;
    server.registerTool(
      name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: withCachedJsonSchema(spec.input),
        outputSchema: withCachedJsonSchema(spec.output),
        annotations: { title: spec.title, openWorldHint: false, ...spec.annotations },
      },
      // The SDK has validated the arguments against `input` before this runs.
      (async (args: z.output<In>, ctx: ServerContext) =>
        logged(deps, actor, { method: 'tools/call', name, summary: spec.summary?.(args) ?? '' }, async () => {
          try {
            const out = (await spec.run(args, ctx)) as Record<string, unknown>;
            return { content: [{ type: 'text', text: JSON.stringify(out) }], structuredContent: out } satisfies CallToolResult;
          } catch (err) {
            if (err instanceof ProtocolError) throw err;
            return toolError(err);
          }
        })) as never,
    );
  };
}
export type ToolRegistrar = ReturnType<typeof toolRegistrar>;

/** A resource or prompt that is not the actor's: the protocol's own "not found". */
export const notFoundError = (what: string) => new ProtocolError(ProtocolErrorCode.InvalidParams, `${what} not found`);

/** One server for one request, for one person: only the tools their scopes allow are there. */
export async function buildMcpServer(deps: McpDeps, actor: Actor): Promise<McpServer> {
  const settings = await deps.assistants.settings(actor);
  const server = new McpServer(
    { name: 'career-anchor', title: 'Career Anchor', version: '1.0.0' },
    {
      instructions:
        'Career Anchor holds one person’s career record: achievements, focus, plans, to-dos and reports. Read it for context; log work and suggest updates, which wait for the person’s approval.',
    },
  );
  const tool = toolRegistrar(server, deps, actor);
  registerReadTools(tool, deps, actor);
  registerWriteTools(tool, deps, actor, settings);
  registerResources(server, deps, actor);
  registerPrompts(server, deps, actor);
  return server;
}
