import type { CareerEntry, FocusItem, Suggestion, SuggestionEdits } from '@career-anchor/contracts';
import {
  SuggestionOutput,
  buildSuggestionPrompt,
  builtinSuggestion,
  normalizeTitle,
  plainTitle,
  repeatsExisting,
  type SuggestionInput,
} from '../ai/tasks/suggestion.ts';
import type { AiClient } from '../ai/types.ts';
import type { Actor } from '../lib/actor.ts';
import type { Clock } from '../lib/clock.ts';
import { todayIn } from '../lib/dates.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { iso, isoOrNull } from '../lib/text.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SuggestionRow } from '../repositories/suggestions.repository.ts';
import type { AchievementsService } from './achievements.service.ts';
import { previewOf } from './ai-preview.ts';
import type { CareerService } from './career.service.ts';
import type { FocusItemsService } from './focus-items.service.ts';
import type { SettingsService } from './settings.service.ts';
import type { TodosService } from './todos.service.ts';

export type SuggestionTrigger = { kind: Exclude<Suggestion['trigger']['kind'], 'assistant'>; id: string };

const toDto = (row: SuggestionRow): Suggestion => ({
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

const TARGET_NOUN: Record<Suggestion['targetSection'], string> = {
  achievements: 'an achievement',
  current_focus: 'a current-focus item',
  skills: 'a skill',
  projects: 'a project',
  position_highlights: 'a highlight of the current position',
  todos: 'a to-do',
};

const FREQUENCY_MS = { immediate: 0, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/** The fields each section's items have, so edits fit what the suggestion becomes. */
const EDITABLE: Record<Suggestion['targetSection'], readonly string[]> = {
  achievements: ['targetSection', 'suggestedTitle', 'suggestedDescription', 'quantifiableResults', 'coreSkills', 'achievedOn'],
  current_focus: ['targetSection', 'suggestedTitle', 'suggestedDescription', 'status', 'progress'],
  skills: ['targetSection', 'suggestedTitle', 'coreSkills'],
  projects: ['targetSection', 'suggestedTitle', 'suggestedDescription'],
  position_highlights: ['targetSection', 'suggestedTitle'],
  todos: ['targetSection', 'suggestedTitle', 'suggestedDescription'],
};

/** A focus item has no results field: what the suggestion measured joins its description, once. */
export const focusDescription = ({ suggestedDescription: text, quantifiableResults: results }: Suggestion) =>
  results && !text.includes(results) ? [text, results].filter(Boolean).join('\n') : text;

/** The suggestion centre: proposals to keep the anchor page current, made after an activity. */
export function createSuggestionsService(deps: {
  repos: Repositories;
  clock: Clock;
  ai: AiClient;
  settings: SettingsService;
  achievements: AchievementsService;
  focusItems: FocusItemsService;
  career: CareerService;
  todos: TodosService;
}) {
  const { repos, clock, ai, settings } = deps;

  /** The trigger's own words; null when it is gone or does not qualify (a to-do that is not important). */
  async function input(actor: Actor, trigger: SuggestionTrigger): Promise<SuggestionInput | null> {
    const { profiles, suggestions, career } = repos.for(actor);
    const [profile, titles, knownSkills, skills, projects, current] = await Promise.all([
      profiles.find(),
      suggestions.pageTitles(),
      suggestions.knownSkills(),
      career.titles('skills'),
      career.titles('projects'),
      career.currentPosition(),
    ]);
    const currentPosition = current
      ? {
          title: [current.fields.position, current.fields.name].filter(Boolean).join(', '),
          highlights: (current.fields.highlights as string[] | undefined) ?? [],
        }
      : null;
    const existing = { ...titles, skills, projects, currentPosition };
    const base = { kind: trigger.kind, locale: profile?.profile.locale ?? 'en', existing, knownSkills };
    if (trigger.kind === 'todo_completed') {
      const todo = await suggestions.todo(trigger.id);
      if (!todo || todo.status !== 'done' || !todo.important) return null;
      // The to-do's words only: its tags sort it, they are not skills.
      return { ...base, title: todo.title, text: [todo.summary, todo.notes].filter(Boolean).join('\n'), skills: [] };
    }
    if (trigger.kind === 'achievement_added') {
      const item = await suggestions.achievement(trigger.id);
      if (!item) return null;
      const text = [item.description, item.quantifiableResults].filter(Boolean).join('\n');
      return { ...base, title: item.title, text, skills: item.skills };
    }
    const report = await suggestions.report(trigger.id);
    if (!report || report.status !== 'final') return null;
    return {
      ...base,
      title: report.title,
      text: report.accomplishments,
      skills: [],
      report: { type: report.type, todoCount: report.sourceTodoIds.length, nextFocus: report.nextFocus },
    };
  }

  /** A pending suggestion and where it goes; edits must be fields of that section's items. */
  async function acceptable(actor: Actor, id: string, edits: SuggestionEdits) {
    const found = await repos.for(actor).suggestions.find(id);
    if (!found) throw notFound('Suggestion');
    if (found.status !== 'pending') throw conflict('This suggestion was already decided.');
    const target = (edits.targetSection ?? found.targetSection) as Suggestion['targetSection'];
    const misfits = Object.keys(edits).filter((key) => !EDITABLE[target].includes(key));
    if (misfits.length)
      throw badRequest(
        `These edits do not fit ${TARGET_NOUN[target]}.`,
        misfits.map((key) => ({ path: `edits.${key}`, message: `Not a field of ${target}` })),
      );
    return target;
  }

  /**
   * A suggestion accepted into the career: a new skill (its keywords from the suggestion's skills),
   * a new project (part of the current position, when there is one), or a highlight added last
   * to the current position.
   */
  async function intoCareer(actor: Actor, target: 'skills' | 'projects' | 'position_highlights', s: Suggestion) {
    const { career } = deps;
    if (target === 'skills') {
      const keywords = s.coreSkills.filter((k) => k.trim().toLowerCase() !== s.suggestedTitle.trim().toLowerCase());
      return {
        skill: (await career.section('skills').create(actor, { name: s.suggestedTitle, keywords })) as CareerEntry<'skills'>,
      };
    }
    const current = await repos.for(actor).career.currentPosition();
    if (target === 'projects') {
      const project = await career
        .section('projects')
        .create(actor, { name: s.suggestedTitle, description: s.suggestedDescription, positionId: current?.id ?? null });
      return { project: project as CareerEntry<'projects'> };
    }
    if (!current) throw conflict('There is no current position to add this highlight to; mark a position as current first.');
    const highlights = [...((current.fields.highlights as string[] | undefined) ?? []), s.suggestedTitle];
    return {
      position: (await career.section('positions').update(actor, current.id, { highlights })) as CareerEntry<'positions'>,
    };
  }

  /**
   * An assistant's to-do change, approved: the to-do its trigger names marked done (the
   * description as its summary), or a new to-do (the tags in `coreSkills`, the due day in
   * `quantifiableResults`).
   */
  async function intoTodos(actor: Actor, s: Suggestion) {
    if (s.trigger.id) return deps.todos.complete(actor, s.trigger.id, s.suggestedDescription || undefined);
    const dueOn = /^\d{4}-\d{2}-\d{2}$/.test(s.quantifiableResults) ? s.quantifiableResults : null;
    const todo = {
      title: s.suggestedTitle.slice(0, 500),
      notes: s.suggestedDescription,
      dueOn,
      priority: 'normal',
      important: false,
      planId: null,
      tags: s.coreSkills,
    };
    return deps.todos.create(actor, todo);
  }

  return {
    /**
     * A suggestion an assistant makes (log work, suggest an update, a to-do change waiting for
     * approval): always pending, never written to the page. Null when the same one is already there.
     */
    async propose(
      actor: Actor,
      proposal: {
        targetSection: Suggestion['targetSection'];
        title: string;
        description: string;
        results?: string;
        skills?: string[];
        todoId?: string | null;
        generatedBy: string;
      },
    ): Promise<Suggestion | null> {
      const { suggestions } = repos.for(actor);
      const now = clock.now();
      const id = await suggestions.insert({
        targetSection: proposal.targetSection,
        suggestedTitle: proposal.title,
        suggestedDescription: proposal.description,
        quantifiableResults: proposal.results ?? '',
        coreSkills: proposal.skills ?? [],
        triggerKind: 'assistant',
        triggerId: proposal.todoId ?? null,
        generatedBy: proposal.generatedBy,
        // The same proposal on the same day is made once.
        dedupeKey: `assistant:${proposal.targetSection}:${proposal.todoId ?? ''}:${normalizeTitle(proposal.title)}:${now.toISOString().slice(0, 10)}`,
        createdAt: now,
      });
      const row = id ? await suggestions.find(id) : undefined;
      return row ? toDto(row) : null;
    },

    async list(actor: Actor, query: { status?: Suggestion['status'] | undefined; limit: number; cursor?: string | undefined }) {
      const page = await repos.for(actor).suggestions.list(query.status, query);
      return { items: page.rows.map(toDto), nextCursor: page.nextCursor };
    },

    /**
     * Creates the achievement or focus item, with the user's edits (the fields of what it
     * becomes), and marks the suggestion accepted.
     */
    async accept(actor: Actor, id: string, edits: SuggestionEdits = {}) {
      const target = await acceptable(actor, id, edits);
      const { suggestions, profiles } = repos.for(actor);
      const claimed = await suggestions.decide(id, 'accepted', clock.now());
      if (!claimed) throw conflict('This suggestion was already decided.');
      // Checked above: the edits are fields of the target's items.
      const { achievedOn, status, progress, ...fields } = edits as SuggestionEdits & {
        achievedOn?: string | null;
        status?: FocusItem['status'];
        progress?: number;
      };
      const s = { ...toDto(claimed), ...fields, targetSection: target };
      const achievement = {
        title: s.suggestedTitle,
        description: s.suggestedDescription,
        quantifiableResults: s.quantifiableResults,
        skills: s.coreSkills,
        tags: [],
      };
      const focusItem = {
        title: s.suggestedTitle,
        description: ('suggestedDescription' in fields ? fields.suggestedDescription : undefined) ?? focusDescription(s),
        status: status ?? 'active',
        progress: progress ?? 0,
        tags: [],
      };
      try {
        if (target === 'todos') {
          const todo = await intoTodos(actor, s);
          const row = await suggestions.recordResult(id, {
            resultId: todo.id,
            targetSection: s.targetSection,
            suggestedTitle: s.suggestedTitle,
            suggestedDescription: s.suggestedDescription,
          });
          return { suggestion: toDto(row), todo };
        }
        if (target === 'skills' || target === 'projects' || target === 'position_highlights') {
          const created = await intoCareer(actor, target, s);
          const result = created.skill ?? created.project ?? created.position!;
          const row = await suggestions.recordResult(id, {
            resultId: result.id,
            targetSection: s.targetSection,
            suggestedTitle: s.suggestedTitle,
            suggestedDescription: s.suggestedDescription,
            quantifiableResults: s.quantifiableResults,
            coreSkills: s.coreSkills,
          });
          return { suggestion: toDto(row), ...created };
        }
        const created =
          target === 'achievements'
            ? {
                achievement: await deps.achievements.create(actor, achievement, {
                  source: 'suggestion',
                  achievedOn:
                    achievedOn !== undefined
                      ? achievedOn
                      : todayIn((await profiles.find())?.profile.timezone ?? 'UTC', clock.now()),
                }),
              }
            : { focusItem: await deps.focusItems.create(actor, focusItem) };
        const result = (created.achievement ?? created.focusItem)!;
        const row = await suggestions.recordResult(id, {
          resultId: result.id,
          targetSection: s.targetSection,
          suggestedTitle: s.suggestedTitle,
          suggestedDescription: result.description,
          quantifiableResults: s.quantifiableResults,
          coreSkills: s.coreSkills,
        });
        return { suggestion: toDto(row), ...created };
      } catch (err) {
        // Nothing was created: put the suggestion back so it can be accepted again.
        await suggestions.reopen(id);
        throw err;
      }
    },

    async reject(actor: Actor, id: string) {
      const { suggestions } = repos.for(actor);
      const row = await suggestions.decide(id, 'rejected', clock.now());
      if (row) return toDto(row);
      throw (await suggestions.find(id)) ? conflict('This suggestion was already decided.') : notFound('Suggestion');
    },

    async preview(actor: Actor, trigger: SuggestionTrigger) {
      const found = await input(actor, trigger);
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
      const { suggestions } = repos.for(actor);
      const policy = await settings.suggestionPolicy(userId);
      if (!policy.enabled) return { suggestionId: null, skipped: 'suggestions are off' };
      const window = FREQUENCY_MS[policy.frequency];
      if (window && (await suggestions.madeSince(new Date(clock.now().getTime() - window))))
        return { suggestionId: null, skipped: `one suggestion per ${policy.frequency === 'daily' ? 'day' : 'week'}` };
      const found = await input(actor, trigger);
      if (!found) return { suggestionId: null, skipped: 'nothing to suggest from' };
      const decision = await settings.modelFor(userId, 'suggestion');
      let proposal: SuggestionOutput | null;
      if (decision.choice) {
        const { system, prompt } = buildSuggestionPrompt(found);
        const { output } = await ai.generate({
          userId,
          feature: 'suggestion',
          model: decision.choice,
          system,
          prompt,
          schema: SuggestionOutput,
          signal,
        });
        // A title is the work itself, whoever wrote it: no due dates, priorities or tags.
        proposal = { ...output, suggestedTitle: plainTitle(output.suggestedTitle) };
      } else {
        proposal = builtinSuggestion(found);
      }
      if (!proposal) return { suggestionId: null, skipped: 'nothing to suggest from' };
      const onPage = {
        achievements: found.existing.achievements,
        current_focus: found.existing.focus,
        skills: found.existing.skills,
        projects: found.existing.projects,
        position_highlights: found.existing.currentPosition?.highlights ?? [],
      }[proposal.targetSection];
      // A highlight needs a position held now; without one, the model's proposal has nowhere to go.
      if (proposal.targetSection === 'position_highlights' && !found.existing.currentPosition)
        return { suggestionId: null, skipped: 'no current position' };
      if (repeatsExisting(proposal.suggestedTitle, onPage)) return { suggestionId: null, skipped: 'already on the page' };
      const id = await suggestions.insert({
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
      });
      return id ? { suggestionId: id } : { suggestionId: null, skipped: 'already suggested' };
    },
  };
}
export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
