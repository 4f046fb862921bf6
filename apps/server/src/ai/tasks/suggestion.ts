import { z } from 'zod';
import { clip } from '../tokens.ts';
import { phrasesFor } from './phrases.ts';

/** What prompted a suggestion, as the drafter sees it: the item's own words, nothing else. */
export interface SuggestionInput {
  kind: 'todo_completed' | 'report_finalized' | 'achievement_added';
  locale: string;
  title: string;
  text: string;
  tags: string[];
  /** For a finalised report: how many to-dos it rests on, and its type. */
  report?: { type: string; todoCount: number; nextFocus: string } | undefined;
  existing: { achievements: string[]; focus: string[] };
}

export const SuggestionOutput = z.object({
  targetSection: z.enum(['achievements', 'current_focus']),
  suggestedTitle: z.string().min(1).max(200),
  suggestedDescription: z.string().max(2000),
  quantifiableResults: z.string().max(500),
  coreSkills: z.array(z.string().min(1).max(60)).max(8),
});
export type SuggestionOutput = z.infer<typeof SuggestionOutput>;

const SYSTEM = `You keep a person's career page current. From one activity, propose ONE concise update to either their "achievements" or their "current_focus".
Answer with JSON only: {"targetSection":"achievements"|"current_focus","suggestedTitle":"…","suggestedDescription":"…","quantifiableResults":"…","coreSkills":["…"]}.
Rules: use only facts in the activity; put measurable outcomes it states (numbers, percentages) in quantifiableResults, or "" if none; at most 5 core skills; do not repeat an item already on the page; write in the language given by "language".`;

export function buildSuggestionPrompt(input: SuggestionInput): { system: string; prompt: string } {
  const lines = [
    `language: ${input.locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}`,
    `activity: ${input.kind.replace('_', ' ')}`,
    `title: ${clip(input.title, 200)}`,
    ...(input.text ? [`details: ${clip(input.text, 1200)}`] : []),
    ...(input.tags.length ? [`tags: ${input.tags.slice(0, 10).join(', ')}`] : []),
    ...(input.report
      ? [
          `report: ${input.report.type}, ${input.report.todoCount} completed to-dos; next focus: ${clip(input.report.nextFocus, 400)}`,
        ]
      : []),
    `already on the page — achievements: ${
      input.existing.achievements
        .slice(0, 15)
        .map((t) => clip(t, 80))
        .join(' | ') || 'none'
    }`,
    `already on the page — current focus: ${
      input.existing.focus
        .slice(0, 10)
        .map((t) => clip(t, 80))
        .join(' | ') || 'none'
    }`,
  ];
  return { system: SYSTEM, prompt: lines.join('\n') };
}

const NUMBER_PHRASE =
  /[^.;。；\n]*\d[\d.,]*\s*(%|％|x|×|倍|k|K|m|M|h|hours?|days?|minutes?|users?|customers?|ms|s\b|元|万|人|天|小时)[^.;。；\n]*/g;

/**
 * The built-in rules: a finished important to-do becomes an achievement, a new achievement
 * suggests continuing with its skills, a finalised report suggests its next focus.
 */
export function builtinSuggestion(input: SuggestionInput): SuggestionOutput | null {
  const say = phrasesFor(input.locale);
  const results = (input.text.match(NUMBER_PHRASE) ?? [])
    .map((s) => s.trim())
    .slice(0, 3)
    .join('; ');
  switch (input.kind) {
    case 'todo_completed':
      return {
        targetSection: 'achievements',
        suggestedTitle: clip(input.title, 200),
        suggestedDescription: clip(input.text, 2000),
        quantifiableResults: clip(results, 500),
        coreSkills: input.tags.slice(0, 5),
      };
    case 'achievement_added': {
      if (input.tags.length === 0) return null;
      const skill = input.tags[0]!;
      return {
        targetSection: 'current_focus',
        suggestedTitle: clip(input.locale === 'zh-CN' ? `深化${skill}` : `Deepen ${skill}`, 200),
        suggestedDescription: clip(input.title, 2000),
        quantifiableResults: '',
        coreSkills: input.tags.slice(0, 5),
      };
    }
    case 'report_finalized': {
      const next = input.report?.nextFocus
        .split('\n')
        .map((line) => line.replace(/^[-*]\s*/, '').trim())
        .find((line) => line && !line.startsWith('_'));
      if (next) {
        return {
          targetSection: 'current_focus',
          suggestedTitle: clip(next, 200),
          suggestedDescription: clip(input.title, 2000),
          quantifiableResults: '',
          coreSkills: input.tags.slice(0, 5),
        };
      }
      if (!input.report?.todoCount) return null;
      return {
        targetSection: 'achievements',
        suggestedTitle: clip(say.completedReport(input.report.type, input.report.todoCount), 200),
        suggestedDescription: clip(input.title, 2000),
        quantifiableResults: String(input.report.todoCount),
        coreSkills: input.tags.slice(0, 5),
      };
    }
  }
}

/** Lower case, punctuation and spacing removed: "Ship v2!" and "ship  v2" are the same proposal. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/** True when the page already says this: the same title, or nearly the same words. */
export function repeatsExisting(title: string, existing: string[]): boolean {
  const words = new Set(normalizeTitle(title).split(' ').filter(Boolean));
  const key = normalizeTitle(title);
  return existing.some((other) => {
    const otherKey = normalizeTitle(other);
    if (otherKey === key) return true;
    const otherWords = new Set(otherKey.split(' ').filter(Boolean));
    const shared = [...words].filter((w) => otherWords.has(w)).length;
    const union = new Set([...words, ...otherWords]).size;
    return union > 2 && shared / union >= 0.8;
  });
}
