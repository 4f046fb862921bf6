import { and, asc, between, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Report } from '@career-anchor/contracts';
import type { AiClient } from '../ai/types.ts';
import {
  ReportDraftOutput,
  buildReportPrompt,
  builtinDraft,
  groundDraft,
  renderPartialDraft,
  type DraftInput,
  type DraftSections,
} from '../ai/tasks/report-draft.ts';
import type { Db } from '../db/client.ts';
import { plans, todos } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays } from '../lib/dates.ts';
import { findProfile } from '../repositories/profiles.repository.ts';
import { tagsOf } from '../repositories/tags.repository.ts';
import type { Actor } from '../lib/actor.ts';
import { previewOf } from './ai-preview.ts';
import type { ReportsService } from './reports.service.ts';
import { reportTitle } from './reports.service.ts';
import type { SettingsService } from './settings.service.ts';

export interface DraftRequest {
  type: Report['type'];
  periodStart: string;
  periodEnd: string;
}

const UPCOMING_DAYS = 14;

/** Drafts a report from a period's completed to-dos: with the user's model, or the built-in drafter. */
export function createReportDraftsService(deps: {
  db: Db;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  reports: ReportsService;
}) {
  const { db, ai, settings, reports } = deps;

  /** The period's data, in the user's time zone; only titles, notes, tags and plans. */
  async function gather(userId: string, request: DraftRequest): Promise<DraftInput> {
    const profile = await findProfile(db, userId);
    const timezone = profile?.profile.timezone ?? 'UTC';
    const completedOn = sql<string>`to_char(${todos.completedAt} at time zone ${timezone}, 'YYYY-MM-DD')`;
    const live = and(eq(todos.userId, userId), isNull(todos.deletedAt));
    const completed = await db
      .select({
        id: todos.id,
        title: todos.title,
        summary: todos.summary,
        important: todos.important,
        plan: plans.title,
        completedOn,
      })
      .from(todos)
      .leftJoin(plans, eq(plans.id, todos.planId))
      .where(and(live, eq(todos.status, 'done'), sql`${completedOn} between ${request.periodStart} and ${request.periodEnd}`))
      .orderBy(asc(todos.completedAt));
    const tags = await tagsOf(
      db,
      userId,
      'todo',
      completed.map((t) => t.id),
    );
    const missed = await db
      .select({ title: todos.title, dueOn: todos.dueOn })
      .from(todos)
      .where(and(live, eq(todos.status, 'open'), between(todos.dueOn, request.periodStart, request.periodEnd)))
      .orderBy(asc(todos.dueOn))
      .limit(30);
    const upcoming = await db
      .select({ title: todos.title, dueOn: todos.dueOn, important: todos.important })
      .from(todos)
      .where(
        and(
          live,
          eq(todos.status, 'open'),
          or(
            and(gt(todos.dueOn, request.periodEnd), lte(todos.dueOn, addDays(request.periodEnd, UPCOMING_DAYS))),
            and(eq(todos.important, true), isNull(todos.dueOn)),
          ),
        ),
      )
      .orderBy(sql`${todos.dueOn} nulls last`)
      .limit(20);
    const planRows = await db
      .select({
        title: plans.title,
        targetDate: plans.targetDate,
        progress: plans.progress,
      })
      .from(plans)
      .where(and(eq(plans.userId, userId), isNull(plans.deletedAt), sql`${plans.status} in ('planned', 'in_progress')`))
      .limit(20);
    return {
      type: request.type,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      locale: profile?.profile.locale ?? 'en',
      completed: completed.map((t) => ({ ...t, plan: t.plan ?? null, tags: tags.get(t.id) ?? [] })),
      missed: missed.map((t) => ({ title: t.title, dueOn: t.dueOn! })),
      upcoming,
      plans: planRows.map((p) => ({
        title: p.title,
        targetDate: p.targetDate,
        progress: p.progress!,
      })),
    };
  }

  return {
    gather,

    /** Exactly what a draft would send, sending nothing. */
    async preview(actor: Actor, request: DraftRequest) {
      const decision = await settings.modelFor(actor.userId, 'reportDraft');
      const { system, prompt } = buildReportPrompt(await gather(actor.userId, request));
      return previewOf('report_draft', decision, system, prompt, ReportDraftOutput);
    },

    /**
     * Writes the draft. Progress and the text as it arrives go to `onProgress`; the report is saved
     * only once the whole answer is in and checked, so a failure leaves nothing half-written.
     */
    async draft(
      actor: Actor,
      request: DraftRequest,
      onProgress: (percent: number, text?: string) => Promise<void>,
      signal?: AbortSignal,
    ) {
      const userId = actor.userId;
      const input = await gather(userId, request);
      await onProgress(10);
      const decision = await settings.modelFor(userId, 'reportDraft');
      let sections: DraftSections;
      let sourceTodoIds: string[];
      let droppedClaims = 0;
      if (!decision.choice) {
        ({ sections, sourceTodoIds } = builtinDraft(input));
        await onProgress(80, Object.values(sections).filter(Boolean).join('\n\n'));
      } else {
        const { system, prompt, refs } = buildReportPrompt(input);
        let shown = '';
        let progress = 15;
        const result = await ai.generate({
          userId,
          feature: 'report_draft',
          model: decision.choice,
          system,
          prompt,
          schema: ReportDraftOutput,
          signal,
          onPartial: async (partial) => {
            const text = renderPartialDraft(partial);
            if (text.length > shown.length && text.startsWith(shown)) {
              progress = Math.min(90, progress + 1);
              await onProgress(progress, text.slice(shown.length));
              shown = text;
            }
          },
        });
        const grounded = groundDraft(result.output, refs);
        ({ sections, sourceTodoIds } = grounded);
        droppedClaims = grounded.dropped;
      }
      const report = await reports.create(
        actor,
        {
          type: request.type,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          title: reportTitle(request.type, request.periodStart, request.periodEnd, input.locale),
          sections,
          sourceTodoIds,
          tags: [],
        },
        decision.label,
      );
      return { reportId: report.id, generatedBy: decision.label, droppedClaims };
    },
  };
}
export type ReportDraftsService = ReturnType<typeof createReportDraftsService>;
