import { z } from 'zod';
import { CalendarDate, Id, PageQuery, Timestamp, pageOf } from './common.ts';
import { Todo, TodoCreateFields, checkDueOn, text } from './items.ts';
import { Profile } from './profile.ts';
import { Overview } from './overview.ts';
import { Report, ReportDraftRequest, ReportType, checkPeriod } from './reports.ts';
import { JobStatus } from './jobs.ts';
import { Suggestion } from './suggestions.ts';

// --- trust settings and activity (GET/PATCH /assistants/settings, GET /assistants/activity) -----

export const AssistantSettings = z
  .object({
    requireApproval: z
      .boolean()
      .describe('On (the default): an assistant’s to-do changes wait in the suggestion queue for you instead of being written'),
    perClientRatePerMin: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe('Calls a minute each connected assistant (or token) may make'),
  })
  .meta({ id: 'AssistantSettings' });
export type AssistantSettings = z.infer<typeof AssistantSettings>;

export const AssistantSettingsUpdate = AssistantSettings.partial().meta({
  id: 'AssistantSettingsUpdate',
  description: 'Fields to change; those left out keep their value.',
});

export const AssistantCall = z
  .object({
    id: Id,
    clientId: z.string().nullable().describe('The connected assistant (OAuth client), when it used an access token'),
    tokenId: Id.nullable().describe('The personal token, when it used one'),
    method: z.string().describe('tools/call, resources/read or prompts/get'),
    name: z.string().describe('The tool, resource or prompt'),
    outcome: z.enum(['ok', 'error']),
    summary: z.string().describe('A short account of the call, without addresses or tokens'),
    durationMs: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'AssistantCall' });
export type AssistantCall = z.infer<typeof AssistantCall>;

export const AssistantActivityPage = pageOf(AssistantCall).meta({ id: 'AssistantActivityPage' });
export const AssistantActivityQuery = PageQuery;

// --- what assistants see and send (MCP tools, resources) ------------------------------------

/** The profile as an assistant sees it: no contact address, phone or street address. */
export const AssistantProfile = Profile.omit({ email: true, phone: true, address: true, resumeExtra: true });
export const AssistantOverview = Overview.extend({ profile: AssistantProfile });

const Cursor = z.string().max(200).optional().describe('From the previous page’s nextCursor');
const Limit = z.number().int().min(1).max(100).default(20);
export const McpPage = z.object({ limit: Limit, cursor: Cursor });

export const AddTodoArgs = TodoCreateFields.partial({ title: true })
  .extend({
    text: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'The to-do as a person would type it, e.g. "Send the draft to Ana tomorrow 3pm #writing !high": dates, times, tags and priority are read from it. Give this or title.',
      ),
  })
  .check(checkDueOn)
  .refine((args) => Boolean(args.text) || Boolean(args.title), { message: 'Give text or title', path: ['title'] });

export const CompleteTodoArgs = z.object({
  id: Id.describe('The to-do to mark done'),
  summary: text(5000).optional().describe('What was done and how well'),
});

export const LogWorkArgs = z.object({
  text: z.string().trim().min(1).max(5000).describe('What was done, in plain words'),
  links: z
    .array(z.url({ protocol: /^https?$/ }).max(500))
    .max(10)
    .default([])
    .describe('Pull requests, documents, tickets'),
  date: CalendarDate.optional().describe('When it was done; today by default'),
});

export const SuggestUpdateArgs = z.object({
  target: z.enum(['achievements', 'current_focus']).describe('An achievement to add, or a current-focus item'),
  title: z.string().trim().min(1).max(200),
  description: text(5000).default(''),
  results: text(2000).default('').describe('For an achievement: what it measurably changed'),
  skills: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});

export const WorkMatch = z.object({
  kind: z.enum(['todo', 'plan']),
  id: Id,
  title: z.string(),
  matchedWords: z.number().int(),
});

export const LogWorkResult = z.object({
  outcome: z
    .enum(['suggested', 'completed', 'recorded'])
    .describe('suggested: waits for approval; completed: a matching to-do was marked done; recorded: a new done to-do'),
  suggestion: Suggestion.optional(),
  todo: Todo.optional(),
  matches: z.array(WorkMatch).describe('Open to-dos and plans whose words the text shares, best first'),
});

export const TodoChangeResult = z.object({
  outcome: z.enum(['suggested', 'written']),
  suggestion: Suggestion.optional(),
  todo: Todo.optional(),
});

export const SuggestUpdateResult = z.object({ suggestion: Suggestion.nullable(), note: z.string() });

export const ReportIdArgs = z.object({ id: Id });
export const DraftReportArgs = ReportDraftRequest;
export const DraftReportResult = z.object({
  jobId: Id,
  status: JobStatus.describe('Still queued or running when the wait ran out: follow the job in the app'),
  reportId: Id.nullable(),
  report: Report.optional().describe('The draft, when it was ready in time'),
});

export const PeriodEvidenceArgs = z
  .object({ type: ReportType.default('custom'), periodStart: CalendarDate, periodEnd: CalendarDate })
  .superRefine(checkPeriod);
export const PeriodEvidence = z.object({
  type: ReportType,
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  today: CalendarDate,
  completed: z.array(
    z.object({
      id: Id,
      title: z.string(),
      summary: z.string(),
      plan: z.string().nullable(),
      tags: z.array(z.string()),
      important: z.boolean(),
      completedOn: z.string(),
    }),
  ),
  missed: z.array(z.object({ title: z.string(), dueOn: z.string() })).describe('Open to-dos due in the period before today'),
  upcoming: z.array(z.object({ title: z.string(), dueOn: z.string().nullable(), important: z.boolean() })),
  plans: z.array(z.object({ title: z.string(), targetDate: z.string().nullable(), progress: z.number() })),
});

// --- connecting assistants (OAuth consent, connected clients) ------------------------------

/**
 * What an assistant may do for the person: `read` the anchor, `suggest` changes that wait in the
 * suggestion queue, or `write` directly (which includes suggesting). `read` is always granted.
 */
export const ASSISTANT_SCOPES = ['read', 'suggest', 'write'] as const;
export const AssistantScope = z.enum(ASSISTANT_SCOPES);
export type AssistantScope = z.infer<typeof AssistantScope>;

/** An assistant the person connected (an OAuth grant), with what it may do and when it last acted. */
export const ConnectedClient = z
  .object({
    id: Id.describe('The connection (grant); DELETE it to disconnect the assistant and end every token it holds'),
    clientId: Id,
    clientName: z.string().describe('The name the assistant gave itself when it registered: not verified'),
    redirectHost: z.string().describe('Where the assistant receives its sign-in answer (scheme and host)'),
    scopes: z.array(AssistantScope),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ConnectedClient' });
export type ConnectedClient = z.infer<typeof ConnectedClient>;

/** An assistant asking to connect, as the consent page shows it. */
export const AuthorizationRequest = z
  .object({
    id: Id,
    clientName: z.string().describe('Self-declared by the assistant when it registered: not verified'),
    redirectHost: z.string().describe('Where the answer goes (scheme and host)'),
    requestedScopes: z.array(AssistantScope),
    grantedScopes: z
      .array(AssistantScope)
      .nullable()
      .describe('What this assistant was already allowed, when the person connected it before'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'AuthorizationRequest' });
export type AuthorizationRequest = z.infer<typeof AuthorizationRequest>;

export const AuthorizationAllowBody = z
  .object({
    scopes: z
      .array(AssistantScope)
      .max(3)
      .optional()
      .describe('What to allow (`read` is always included); the scopes asked for when absent'),
  })
  .meta({ id: 'AuthorizationAllowBody' });

export const AuthorizationDecision = z
  .object({
    redirectTo: z
      .string()
      .describe('Where to send the browser: the assistant’s redirect address with a one-time code, or with error=access_denied'),
  })
  .meta({ id: 'AuthorizationDecision' });
