import { z } from 'zod';
import { clip, estimateTokens } from '../tokens.ts';
import { phrasesFor } from './phrases.ts';

/** What the drafter knows about a period: only the user's own work items, no account data. */
export interface DraftInput {
  type: 'weekly' | 'monthly' | 'quarterly' | 'custom';
  periodStart: string;
  periodEnd: string;
  /** The user's today: a period may still be running, so what is due from today on is not missed. */
  today: string;
  locale: string;
  completed: {
    id: string;
    title: string;
    summary: string;
    plan: string | null;
    tags: string[];
    important: boolean;
    completedOn: string;
  }[];
  /** Open to-dos that were due within the period and before today. */
  missed: { title: string; dueOn: string }[];
  /** Open to-dos due soon (from today, or after the period once it is over), or marked important. */
  upcoming: { title: string; dueOn: string | null; important: boolean }[];
  plans: { title: string; progress: number; targetDate: string | null }[];
}

export interface DraftSections {
  accomplishments: string;
  challenges: string;
  learnings: string;
  nextFocus: string;
}

/** The model's answer: every accomplishment cites the to-dos it rests on by their reference. */
export const ReportDraftOutput = z.object({
  accomplishments: z.array(z.object({ text: z.string().min(1).max(600), refs: z.array(z.string().max(12)).max(30) })).max(40),
  challenges: z.array(z.string().max(600)).max(20),
  learnings: z.array(z.string().max(600)).max(20),
  nextFocus: z.array(z.string().max(600)).max(20),
});
export type ReportDraftOutput = z.infer<typeof ReportDraftOutput>;

/** Tokens the period's data may take in a prompt; a year of work is condensed to fit. */
export const DRAFT_DATA_BUDGET = 6000;
const SUMMARY_MAX = 240;
const SUMMARY_MIN = 80;

const SYSTEM = `You draft a person's periodic work report from their own completed to-dos.
Answer with JSON only: {"accomplishments":[{"text":"…","refs":["T1"]}],"challenges":["…"],"learnings":["…"],"nextFocus":["…"]}.
Rules:
- Every accomplishment must cite, in "refs", the references (T1, T2…) of the completed to-dos it is based on. Never state an accomplishment that no listed to-do supports; never invent numbers.
- Merge related to-dos into one accomplishment; keep each item to one or two sentences; keep measurable results the notes mention.
- Challenges: what was missed or hard, from the notes and the missed to-dos (a to-do due later, even within the period, is not missed). Learnings: what the notes say was learned. Next focus: from the upcoming to-dos and plans; a plan's progress is given, do not recompute it.
- Write in the language given by "language". Tone: reflective and professional.`;

export interface DraftPrompt {
  system: string;
  prompt: string;
  /** Prompt reference (T1…) → to-do id, for checking the answer's citations. */
  refs: Map<string, string>;
  /** How many completed to-dos are listed one by one (the rest are counted per plan). */
  listed: number;
}

/** Builds the prompt, condensing the period's data to fit the budget. Pure: tested by snapshot. */
export function buildReportPrompt(input: DraftInput, budget = DRAFT_DATA_BUDGET): DraftPrompt {
  const header = [
    `language: ${input.locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}`,
    `report: ${input.type}, ${input.periodStart} to ${input.periodEnd}${input.today <= input.periodEnd ? ` (still running; today is ${input.today})` : ''}`,
  ];
  const tail = [
    ...(input.missed.length
      ? [
          'missed (was due in the period before today, still open):',
          ...input.missed.slice(0, 20).map((t) => `- ${clip(t.title, 120)} (due ${t.dueOn})`),
        ]
      : []),
    ...(input.upcoming.length
      ? [
          'upcoming:',
          ...input.upcoming
            .slice(0, 20)
            .map((t) => `- ${clip(t.title, 120)}${t.dueOn ? ` (due ${t.dueOn})` : ''}${t.important ? ' [important]' : ''}`),
        ]
      : []),
    ...(input.plans.length
      ? [
          'plans:',
          ...input.plans
            .slice(0, 20)
            .map((p) => `- ${clip(p.title, 120)}: ${p.progress}%${p.targetDate ? `, target ${p.targetDate}` : ''}`),
        ]
      : []),
  ];
  const fixed = estimateTokens([SYSTEM, ...header, ...tail].join('\n'));

  // Important to-dos and those with notes say the most: list them first.
  const ranked = [...input.completed].sort(
    (a, b) =>
      Number(b.important) - Number(a.important) ||
      Number(Boolean(b.summary)) - Number(Boolean(a.summary)) ||
      b.completedOn.localeCompare(a.completedOn),
  );
  const line = (t: DraftInput['completed'][number], ref: string, summaryMax: number) =>
    `${ref} | ${t.completedOn} | ${clip(t.title, 160)}${t.plan ? ` | plan: ${clip(t.plan, 60)}` : ''}${t.tags.length ? ` | tags: ${t.tags.slice(0, 5).join(', ')}` : ''}${t.summary ? ` | note: ${clip(t.summary, summaryMax)}` : ''}`;

  let summaryMax = SUMMARY_MAX;
  let lines: string[] = [];
  let listed = 0;
  for (;;) {
    lines = [];
    let used = fixed;
    listed = 0;
    for (const todo of ranked) {
      const text = line(todo, `T${listed + 1}`, summaryMax);
      const cost = estimateTokens(text) + 1;
      if (used + cost > budget * 0.9) break;
      lines.push(text);
      used += cost;
      listed++;
    }
    // Shorter notes first, then fewer to-dos listed one by one.
    if (listed === ranked.length || summaryMax <= SUMMARY_MIN) break;
    summaryMax = Math.max(SUMMARY_MIN, Math.floor(summaryMax / 2));
  }

  const refs = new Map<string, string>();
  ranked.slice(0, listed).forEach((todo, i) => refs.set(`T${i + 1}`, todo.id));
  const rest = ranked.slice(listed);
  const restByPlan = new Map<string, number>();
  for (const todo of rest) restByPlan.set(todo.plan ?? '', (restByPlan.get(todo.plan ?? '') ?? 0) + 1);
  const restLines = [...restByPlan].map(
    ([plan, count]) => `- ${count} more completed to-dos${plan ? ` in plan “${clip(plan, 60)}”` : ''} (not listed, no reference)`,
  );

  const prompt = [...header, `completed to-dos (${input.completed.length}):`, ...lines, ...restLines, ...tail].join('\n');
  return { system: SYSTEM, prompt, refs, listed };
}

/**
 * Keeps only what the to-dos support: an accomplishment that cites no real reference is dropped,
 * and the report's sources are exactly the to-dos cited.
 */
export function groundDraft(output: ReportDraftOutput, refs: Map<string, string>) {
  const sources = new Set<string>();
  const kept: string[] = [];
  let dropped = 0;
  for (const item of output.accomplishments) {
    const ids = item.refs.map((ref) => refs.get(ref.trim().toUpperCase())).filter((id): id is string => Boolean(id));
    if (ids.length === 0) {
      dropped++;
      continue;
    }
    ids.forEach((id) => sources.add(id));
    kept.push(item.text);
  }
  const bullets = (items: string[]) => items.map((text) => `- ${inline(text)}`).join('\n');
  return {
    sections: {
      accomplishments: bullets(kept),
      challenges: bullets(output.challenges),
      learnings: bullets(output.learnings),
      nextFocus: bullets(output.nextFocus),
    } satisfies DraftSections,
    sourceTodoIds: [...sources],
    dropped,
  };
}

/** A partial answer as Markdown, for showing the draft while it streams in. Grows only at its end. */
export function renderPartialDraft(partial: unknown): string {
  const p = (partial ?? {}) as Partial<Record<keyof ReportDraftOutput, unknown[]>>;
  const out: string[] = [];
  const section = (title: string, items: unknown[] | undefined, text: (item: any) => unknown) => {
    if (!items?.length) return;
    out.push(`## ${title}`);
    for (const item of items) {
      const value = text(item);
      if (typeof value === 'string' && value) out.push(`- ${inline(value)}`);
    }
  };
  section('Accomplishments', p.accomplishments, (item) => item?.text);
  section('Challenges', p.challenges, (item) => item);
  section('Learnings', p.learnings, (item) => item);
  section('Next period focus', p.nextFocus, (item) => item);
  return out.join('\n');
}

/**
 * Text as one line of Markdown inline content: line breaks folded, and a start that would open a
 * block (a heading, quote, list, fence, rule) escaped, so a to-do titled "# Launch" stays text.
 */
export function inline(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const block = /^(#{1,6}(?: |$)|>|[-+*] |[-*_](?: *[-*_]){2,} *$|`{3}|~{3}|=+ *$|\d{1,9}[.)](?: |$))/.exec(line);
  if (!block) return line;
  const digits = /^\d+/.exec(line);
  return digits ? `${digits[0]}\\${line.slice(digits[0].length)}` : `\\${line}`;
}

/** A heading's text: inline, without a trailing run of # (which would close the heading). */
const headingText = (text: string) => inline(text).replace(/(\s)(#+)$/, '$1\\$2');

/**
 * The built-in drafter: the same four sections assembled by rules from the user's own data,
 * used when AI is off or no model is configured. Deterministic; the report's `generatedBy`
 * (“builtin”) says who wrote it, so the text carries no label of its own.
 */
export function builtinDraft(input: DraftInput, maxListed = 60): { sections: DraftSections; sourceTodoIds: string[] } {
  const say = phrasesFor(input.locale);
  const byPlan = new Map<string, DraftInput['completed']>();
  for (const todo of input.completed) byPlan.set(todo.plan ?? '', [...(byPlan.get(todo.plan ?? '') ?? []), todo]);
  // Plans first, in the order their work was finished; work outside any plan last, under its own heading.
  const groups = [...byPlan].sort(([a], [b]) => Number(a === '') - Number(b === ''));
  const headed = groups.some(([plan]) => plan !== '');

  const blocks: string[] = [];
  let listed = 0;
  for (const [plan, todos] of groups) {
    const ordered = [...todos].sort(
      (a, b) => Number(b.important) - Number(a.important) || a.completedOn.localeCompare(b.completedOn),
    );
    const lines: string[] = [];
    for (const todo of ordered) {
      if (listed >= maxListed) break;
      lines.push(`- ${inline(todo.title)}${todo.summary ? ` — ${inline(clip(todo.summary, 300))}` : ''}`);
      listed++;
    }
    if (lines.length < ordered.length) lines.push(`- ${inline(say.more(ordered.length - lines.length, plan))}`);
    blocks.push([...(headed ? [`### ${headingText(plan || say.otherWork)}`, ''] : []), ...lines].join('\n'));
  }
  if (input.completed.length === 0) blocks.push(say.nothingDone);

  // Missed means due before today: a to-do due later in a running period is still ahead.
  const challenges = input.missed.slice(0, 15).map((t) => `- ${inline(say.notFinished(t.title, t.dueOn))}`);
  for (const plan of input.plans) {
    if (plan.targetDate && plan.targetDate < input.today && plan.targetDate <= input.periodEnd && plan.progress < 100)
      challenges.push(`- ${inline(say.overduePlans(plan.title, plan.targetDate))}`);
  }

  const tagCounts = new Map<string, number>();
  for (const todo of input.completed) for (const tag of todo.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const learnings: string[] = [];
  if (tagCounts.size) {
    const top = [...tagCounts].sort((a, b) => b[1] - a[1]).slice(0, 8);
    learnings.push(`- ${inline(say.workedAcross(top.map(([tag, n]) => `${tag} (${n})`).join(', ')))}`);
  }
  const notes = input.completed.filter((t) => t.summary).length;
  if (notes) learnings.push(`- ${say.notes(notes)}`);

  const nextFocus = input.upcoming
    .slice(0, 10)
    .map((t) => `- ${inline(t.dueOn ? say.due(t.title, t.dueOn) : t.important ? say.important(t.title) : t.title)}`);
  for (const plan of input.plans.filter((p) => p.progress < 100).slice(0, 5))
    nextFocus.push(`- ${inline(say.planProgress(plan.title, plan.progress, plan.targetDate))}`);

  return {
    sections: {
      accomplishments: blocks.join('\n\n'),
      challenges: challenges.join('\n'),
      learnings: learnings.join('\n'),
      nextFocus: nextFocus.join('\n'),
    },
    sourceTodoIds: input.completed.map((t) => t.id),
  };
}
