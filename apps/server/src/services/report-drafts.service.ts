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
import type { JobContext } from '../jobs/definitions.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays, todayIn } from '../lib/dates.ts';
import type { Repositories } from '../repositories/index.ts';
import type { DraftDays } from '../repositories/report-drafts.repository.ts';
import { previewOf } from './ai-preview.ts';
import type { ReportsService } from './reports.service.ts';
import { reportTitle, sectionsMarkdown } from './reports.service.ts';
import type { SettingsService } from './settings.service.ts';

export interface DraftRequest {
  type: Report['type'];
  periodStart: string;
  periodEnd: string;
}

const UPCOMING_DAYS = 14;

/**
 * The days a draft is written about, from the user's today: what was due before today in the
 * period is missed; what is due from today (or after the period, once it is over) is upcoming.
 */
export function draftDays(request: DraftRequest, timezone: string, now: Date): DraftDays {
  const today = todayIn(timezone, now);
  const yesterday = addDays(today, -1);
  const upcomingAfter = request.periodEnd < yesterday ? request.periodEnd : yesterday;
  return {
    periodStart: request.periodStart,
    periodEnd: request.periodEnd,
    timezone,
    today,
    upcomingAfter,
    upcomingUntil: addDays(upcomingAfter > request.periodEnd ? upcomingAfter : request.periodEnd, UPCOMING_DAYS),
  };
}

/** Drafts a report from a period's completed to-dos: with the user's model, or the built-in drafter. */
export function createReportDraftsService(deps: {
  repos: Repositories;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  reports: ReportsService;
}) {
  const { repos, clock, ai, settings, reports } = deps;

  /** The period's data, in the user's time zone; only titles, notes, tags and plans. */
  async function gather(actor: Actor, request: DraftRequest): Promise<DraftInput> {
    const { profiles, reportDrafts } = repos.for(actor);
    const profile = (await profiles.find())?.profile;
    const days = draftDays(request, profile?.timezone ?? 'UTC', clock.now());
    const [completed, missed, upcoming, plans] = await Promise.all([
      reportDrafts.completed(days),
      reportDrafts.missed(days),
      reportDrafts.upcoming(days),
      reportDrafts.activePlans(),
    ]);
    return {
      type: request.type,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      today: days.today,
      locale: profile?.locale ?? 'en',
      completed,
      missed,
      upcoming,
      plans: plans.map((p) => ({ title: p.title, targetDate: p.targetDate, progress: p.progress ?? 0 })),
    };
  }

  return {
    gather,

    /** Exactly what a draft would send, sending nothing. */
    async preview(actor: Actor, request: DraftRequest) {
      const decision = await settings.modelFor(actor.userId, 'reportDraft');
      const { system, prompt } = buildReportPrompt(await gather(actor, request));
      return previewOf('report_draft', decision, system, prompt, ReportDraftOutput);
    },

    /**
     * Writes the draft as job `job`. Progress and the text as it arrives go to `job.progress`; the
     * report is saved only once the whole answer is in and checked, so a failure leaves nothing
     * half-written, and in one transaction with the job's outcome, so an attempt that was given up
     * on (and retried elsewhere) saves no second report.
     */
    async draft(actor: Actor, request: DraftRequest, job: Pick<JobContext, 'progress' | 'complete' | 'signal'>) {
      const { signal } = job;
      const onProgress = (percent: number, text?: string) => job.progress(percent, text);
      const userId = actor.userId;
      const input = await gather(actor, request);
      await onProgress(10);
      const decision = await settings.modelFor(userId, 'reportDraft');
      let sections: DraftSections;
      let sourceTodoIds: string[];
      let droppedClaims = 0;
      if (!decision.choice) {
        ({ sections, sourceTodoIds } = builtinDraft(input));
        await onProgress(80, sectionsMarkdown(sections, input.locale));
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
      const outcome = (reportId: string) => ({ reportId, generatedBy: decision.label, droppedClaims });
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
        (tx, row) => job.complete(tx, outcome(row.id)),
      );
      return outcome(report.id);
    },
  };
}
export type ReportDraftsService = ReturnType<typeof createReportDraftsService>;
