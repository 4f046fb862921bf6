import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Suggestion } from '@career-anchor/contracts';
import {
  SuggestionOutput,
  buildSuggestionPrompt,
  builtinSuggestion,
  normalizeTitle,
  repeatsExisting,
  type SuggestionInput,
} from '../ai/tasks/suggestion.ts';
import type { AiClient } from '../ai/types.ts';
import type { Db } from '../db/client.ts';
import { achievements, focusItems, reports, suggestions, todos } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import { idEq } from '../repositories/conditions.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from '../repositories/paging.ts';
import { findProfile } from '../repositories/profiles.repository.ts';
import { tagsOf } from '../repositories/tags.repository.ts';
import type { AchievementsService } from './achievements.service.ts';
import type { Actor } from '../lib/actor.ts';
import { previewOf } from './ai-preview.ts';
import type { FocusItemsService } from './focus-items.service.ts';
import type { SettingsService } from './settings.service.ts';

type Row = typeof suggestions.$inferSelect;
export type SuggestionTrigger = { kind: Suggestion['trigger']['kind']; id: string };

const toDto = (row: Row): Suggestion => ({
  id: row.id,
  targetSection: row.targetSection as Suggestion['targetSection'],
  suggestedTitle: row.suggestedTitle,
  suggestedDescription: row.suggestedDescription,
  quantifiableResults: row.quantifiableResults,
  coreSkills: row.coreSkills,
  status: row.status as Suggestion['status'],
  trigger: { kind: row.triggerKind as Suggestion['trigger']['kind'], id: row.triggerId },
  generatedBy: row.generatedBy,
  resultId: row.resultId,
  createdAt: iso(row.createdAt),
  decidedAt: isoOrNull(row.decidedAt),
});

const newestFirst: Keyset<Row> = {
  key: sql`${suggestions.createdAt}`,
  type: 'timestamptz',
  direction: 'desc',
  id: suggestions.id,
  valueOf: (row) => row.createdAt.toISOString(),
  idOf: (row) => row.id,
};

const FREQUENCY_MS = { immediate: 0, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

type Edits = Partial<
  Pick<Suggestion, 'targetSection' | 'suggestedTitle' | 'suggestedDescription' | 'quantifiableResults' | 'coreSkills'>
>;

/** The suggestion centre: proposals to keep the anchor page current, made after an activity. */
export function createSuggestionsService(deps: {
  db: Db;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  achievements: AchievementsService;
  focusItems: FocusItemsService;
}) {
  const { db, clock, ai, settings } = deps;
  const own = (userId: string, id: string) => and(idEq(suggestions.id, id), eq(suggestions.userId, userId));

  async function pageTitles(userId: string) {
    const [a, f] = await Promise.all([
      db
        .select({ title: achievements.title })
        .from(achievements)
        .where(and(eq(achievements.userId, userId), isNull(achievements.deletedAt))),
      db
        .select({ title: focusItems.title })
        .from(focusItems)
        .where(and(eq(focusItems.userId, userId), isNull(focusItems.deletedAt))),
    ]);
    return { achievements: a.map((r) => r.title), focus: f.map((r) => r.title) };
  }

  /** The trigger's own words; null when it is gone or does not qualify (a to-do that is not important). */
  async function input(userId: string, trigger: SuggestionTrigger): Promise<SuggestionInput | null> {
    const locale = (await findProfile(db, userId))?.profile.locale ?? 'en';
    const existing = await pageTitles(userId);
    if (trigger.kind === 'todo_completed') {
      const [todo] = await db
        .select()
        .from(todos)
        .where(and(idEq(todos.id, trigger.id), eq(todos.userId, userId), isNull(todos.deletedAt)));
      if (!todo || todo.status !== 'done' || !todo.important) return null;
      const tags = (await tagsOf(db, userId, 'todo', [todo.id])).get(todo.id) ?? [];
      return {
        kind: trigger.kind,
        locale,
        title: todo.title,
        text: [todo.summary, todo.notes].filter(Boolean).join('\n'),
        tags,
        existing,
      };
    }
    if (trigger.kind === 'achievement_added') {
      const [item] = await db
        .select()
        .from(achievements)
        .where(and(idEq(achievements.id, trigger.id), eq(achievements.userId, userId), isNull(achievements.deletedAt)));
      if (!item) return null;
      return {
        kind: trigger.kind,
        locale,
        title: item.title,
        text: [item.description, item.quantifiableResults].filter(Boolean).join('\n'),
        tags: item.skills,
        existing,
      };
    }
    const [report] = await db
      .select()
      .from(reports)
      .where(and(idEq(reports.id, trigger.id), eq(reports.userId, userId), isNull(reports.deletedAt)));
    if (!report || report.status !== 'final') return null;
    return {
      kind: trigger.kind,
      locale,
      title: report.title,
      text: report.accomplishments,
      tags: (await tagsOf(db, userId, 'report', [report.id])).get(report.id) ?? [],
      report: { type: report.type, todoCount: report.sourceTodoIds.length, nextFocus: report.nextFocus },
      existing,
    };
  }

  return {
    async list(actor: Actor, query: { status?: Suggestion['status'] | undefined; limit: number; cursor?: string | undefined }) {
      const rows = await db
        .select()
        .from(suggestions)
        .where(
          and(
            eq(suggestions.userId, actor.userId),
            query.status ? eq(suggestions.status, query.status) : undefined,
            afterCursor(newestFirst, query.cursor),
          ),
        )
        .orderBy(...orderByKeyset(newestFirst))
        .limit(query.limit + 1);
      const page = toPage(rows, query.limit, newestFirst);
      return { items: page.rows.map(toDto), nextCursor: page.nextCursor };
    },

    /** Creates the achievement or focus item, with the user's edits, and marks the suggestion accepted. */
    async accept(actor: Actor, id: string, edits: Edits = {}) {
      const [claimed] = await db
        .update(suggestions)
        .set({ status: 'accepted', decidedAt: clock.now() })
        .where(and(own(actor.userId, id), eq(suggestions.status, 'pending')))
        .returning();
      if (!claimed) {
        const [exists] = await db.select({ id: suggestions.id }).from(suggestions).where(own(actor.userId, id));
        throw exists ? conflict('This suggestion was already decided.') : notFound('Suggestion');
      }
      const s = { ...toDto(claimed), ...edits };
      const achievement = {
        title: s.suggestedTitle,
        description: s.suggestedDescription,
        quantifiableResults: s.quantifiableResults,
        skills: s.coreSkills,
        tags: [],
      };
      const focusItem = {
        title: s.suggestedTitle,
        description: [s.suggestedDescription, s.quantifiableResults].filter(Boolean).join('\n'),
        tags: s.coreSkills.slice(0, 20),
      };
      try {
        const created =
          s.targetSection === 'achievements'
            ? {
                achievement: await deps.achievements.create(actor, achievement, {
                  source: 'suggestion',
                  achievedOn: clock.now().toISOString().slice(0, 10),
                }),
              }
            : {
                focusItem: await deps.focusItems.create(actor, focusItem),
              };
        const resultId = (created.achievement ?? created.focusItem)!.id;
        const [row] = await db
          .update(suggestions)
          .set({
            resultId,
            targetSection: s.targetSection,
            suggestedTitle: s.suggestedTitle,
            suggestedDescription: s.suggestedDescription,
            quantifiableResults: s.quantifiableResults,
            coreSkills: s.coreSkills,
          })
          .where(own(actor.userId, id))
          .returning();
        return { suggestion: toDto(row!), ...created };
      } catch (err) {
        // Nothing was created: put the suggestion back so it can be accepted again.
        await db.update(suggestions).set({ status: 'pending', decidedAt: null }).where(own(actor.userId, id));
        throw err;
      }
    },

    async reject(actor: Actor, id: string) {
      const [row] = await db
        .update(suggestions)
        .set({ status: 'rejected', decidedAt: clock.now() })
        .where(and(own(actor.userId, id), eq(suggestions.status, 'pending')))
        .returning();
      if (row) return toDto(row);
      const [exists] = await db.select({ id: suggestions.id }).from(suggestions).where(own(actor.userId, id));
      throw exists ? conflict('This suggestion was already decided.') : notFound('Suggestion');
    },

    async preview(actor: Actor, trigger: SuggestionTrigger) {
      const found = await input(actor.userId, trigger);
      if (!found) throw notFound('Item');
      const decision = await settings.modelFor(actor.userId, 'suggestion');
      const { system, prompt } = buildSuggestionPrompt(found);
      return previewOf('suggestion', decision, system, prompt, SuggestionOutput);
    },

    /**
     * Proposes one update after an activity, unless the user turned suggestions off, had one
     * recently under their chosen frequency, or the page already says it.
     */
    async generate(
      actor: Actor,
      trigger: SuggestionTrigger,
      signal?: AbortSignal,
    ): Promise<{ suggestionId: string | null; skipped?: string }> {
      const userId = actor.userId;
      const policy = await settings.suggestionPolicy(userId);
      if (!policy.enabled) return { suggestionId: null, skipped: 'suggestions are off' };
      const window = FREQUENCY_MS[policy.frequency];
      if (window) {
        const [recent] = await db
          .select({ id: suggestions.id })
          .from(suggestions)
          .where(and(eq(suggestions.userId, userId), gte(suggestions.createdAt, new Date(clock.now().getTime() - window))))
          .limit(1);
        if (recent) return { suggestionId: null, skipped: `one suggestion per ${policy.frequency === 'daily' ? 'day' : 'week'}` };
      }
      const found = await input(userId, trigger);
      if (!found) return { suggestionId: null, skipped: 'nothing to suggest from' };
      const decision = await settings.modelFor(userId, 'suggestion');
      let proposal: SuggestionOutput | null;
      if (decision.choice) {
        const { system, prompt } = buildSuggestionPrompt(found);
        proposal = (
          await ai.generate({
            userId,
            feature: 'suggestion',
            model: decision.choice,
            system,
            prompt,
            schema: SuggestionOutput,
            signal,
          })
        ).output;
      } else {
        proposal = builtinSuggestion(found);
      }
      if (!proposal) return { suggestionId: null, skipped: 'nothing to suggest from' };
      const onPage = proposal.targetSection === 'achievements' ? found.existing.achievements : found.existing.focus;
      if (repeatsExisting(proposal.suggestedTitle, onPage)) return { suggestionId: null, skipped: 'already on the page' };
      const [row] = await db
        .insert(suggestions)
        .values({
          userId,
          targetSection: proposal.targetSection,
          suggestedTitle: proposal.suggestedTitle,
          suggestedDescription: proposal.suggestedDescription,
          quantifiableResults: proposal.quantifiableResults,
          coreSkills: proposal.coreSkills,
          triggerKind: trigger.kind,
          triggerId: trigger.id,
          generatedBy: decision.label,
          dedupeKey: `${proposal.targetSection}:${normalizeTitle(proposal.suggestedTitle)}`,
          createdAt: clock.now(),
        })
        .onConflictDoNothing()
        .returning({ id: suggestions.id });
      return row ? { suggestionId: row.id } : { suggestionId: null, skipped: 'already suggested' };
    },
  };
}
export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
