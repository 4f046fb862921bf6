import { z } from 'zod';
import { clip } from '../tokens.ts';
import { phrasesFor } from './phrases.ts';
import { skillsIn } from './skills.ts';

/** What prompted a suggestion, as the drafter sees it: the item's own words, nothing else. */
export interface SuggestionInput {
  kind: 'todo_completed' | 'report_finalized' | 'achievement_added';
  locale: string;
  title: string;
  text: string;
  /** The item's own skills (an achievement's); tags are never skills. */
  skills: string[];
  /** Skills the person already lists on their achievements, to recognise in the item's words. */
  knownSkills: string[];
  /** For a finalised report: how many to-dos it rests on, and its type. */
  report?: { type: string; todoCount: number; nextFocus: string } | undefined;
  existing: {
    achievements: string[];
    focus: string[];
    /** The skills section's names, and the projects'. */
    skills: string[];
    projects: string[];
    /** The first current position in the person's order, if any: a highlight may be suggested for it. */
    currentPosition: { title: string; highlights: string[] } | null;
  };
}

export const SuggestionOutput = z.object({
  targetSection: z.enum(['achievements', 'current_focus', 'skills', 'projects', 'position_highlights']),
  suggestedTitle: z.string().min(1).max(200),
  suggestedDescription: z.string().max(2000),
  quantifiableResults: z.string().max(500),
  coreSkills: z.array(z.string().min(1).max(60)).max(8),
});
export type SuggestionOutput = z.infer<typeof SuggestionOutput>;

const SYSTEM = `You keep a person's career page current. From one activity, propose ONE concise update to one of: "achievements", "current_focus", "skills" (a skill their page does not list yet, which the activity shows), "projects" (a project the activity is part of, not on the page yet) or "position_highlights" (one line for their current position, only when they have one).
Answer with JSON only: {"targetSection":"achievements"|"current_focus"|"skills"|"projects"|"position_highlights","suggestedTitle":"…","suggestedDescription":"…","quantifiableResults":"…","coreSkills":["…"]}.
Rules: use only facts in the activity; the title names the work itself (for a skill, the skill's name; for a highlight, the whole line), without due dates, priorities or tags; put measurable outcomes it states (numbers, percentages) in quantifiableResults, or "" if none; at most 5 core skills, only skills the activity's words show; do not repeat an item already on the page; write in the language given by "language".`;

export function buildSuggestionPrompt(input: SuggestionInput): { system: string; prompt: string } {
  const lines = [
    `language: ${input.locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}`,
    `activity: ${input.kind.replace('_', ' ')}`,
    `title: ${clip(plainTitle(input.title), 200)}`,
    ...(input.text ? [`details: ${clip(input.text, 1200)}`] : []),
    ...(input.skills.length ? [`skills: ${input.skills.slice(0, 10).join(', ')}`] : []),
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
    `already on the page — skills: ${input.existing.skills.slice(0, 30).join(', ') || 'none'}`,
    `already on the page — projects: ${
      input.existing.projects
        .slice(0, 15)
        .map((t) => clip(t, 80))
        .join(' | ') || 'none'
    }`,
    `current position: ${input.existing.currentPosition ? clip(input.existing.currentPosition.title, 120) : 'none'}`,
  ];
  return { system: SYSTEM, prompt: lines.join('\n') };
}

const NUMBER_PHRASE =
  /[^.;。；\n]*\d[\d.,]*\s*(%|％|x|×|倍|k|K|m|M|h|hours?|days?|minutes?|users?|customers?|ms|s\b|元|万|人|天|小时)[^.;。；\n]*/g;

const OPEN = '[(\\[（【]';
const CLOSE = '[)\\]）】]';
const DAY = '\\d{4}-\\d{2}-\\d{2}';
const PRIORITY = '(?:(?:high|low|normal|medium)(?: priority)?|priority:? ?\\w+|p[0-4]|important|urgent|重要|紧急|[高中低]优先级)';
/** What to-do lists write around a title (dates, priorities, tags, list marks): none of it is the work. */
const TITLE_NOISE: [RegExp, string][] = [
  [/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, ''], // a list item's mark and checkbox
  [/\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`/g, '$1$2$3'],
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // a link's text
  [/^Plan “(.+)”: \d+% done(?:, target .+)?$/, '$1'], // the built-in drafter's own lines
  [/^计划“(.+)”：已完成 \d+%(?:，目标日期 .+)?$/, '$1'],
  [new RegExp(`\\s*${OPEN}[^)\\]）】]*${DAY}[^)\\]）】]*${CLOSE}`, 'g'), ''], // (due 2026-12-08), （截止 2026-12-08）
  [new RegExp(`\\s*${OPEN}\\s*${PRIORITY}\\s*${CLOSE}`, 'gi'), ''], // (high), [P1], （重要）
  [new RegExp(`\\s*(?:\\b(?:due|deadline|by|before)\\b|截止|到期)\\s*(?:on\\s*)?[:：]?\\s*${DAY}`, 'gi'), ''],
  [/(^|\s)!{1,3}(?:high|low|medium|normal|p[0-4])?(?=\s|$)/gi, '$1'], // !high, !!
  [/(^|\s)priority:?\s*(?:high|low|medium|normal)\b/gi, '$1'],
  [/(^|\s)#\p{L}[\p{L}\p{N}_/-]*/gu, '$1'], // #tags (not C# or #123)
];

/** A to-do's title as an achievement or focus title: the work, without its metadata. */
export function plainTitle(title: string): string {
  let text = title;
  for (const [pattern, replacement] of TITLE_NOISE) text = text.replace(pattern, replacement);
  text = text
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:：，；—–-]+$/u, '')
    .trim();
  return text || title.trim();
}

/**
 * The built-in rules: a finished important to-do becomes an achievement; a new achievement
 * suggests a skill the skills section lacks, else a highlight of the current position when it
 * states a measured result, else continuing with its skills; a finalised report suggests its
 * next focus. Skills come from the item's own words (or an achievement's own skills), never from tags.
 */
export function builtinSuggestion(input: SuggestionInput): SuggestionOutput | null {
  const say = phrasesFor(input.locale);
  const results = (input.text.match(NUMBER_PHRASE) ?? [])
    .map((s) => s.trim())
    .slice(0, 3)
    .join('; ');
  switch (input.kind) {
    case 'todo_completed': {
      const title = plainTitle(input.title);
      return {
        targetSection: 'achievements',
        suggestedTitle: clip(title, 200),
        suggestedDescription: clip(input.text, 2000),
        quantifiableResults: clip(results, 500),
        coreSkills: skillsIn(`${title}\n${input.text}`, input.knownSkills),
      };
    }
    case 'achievement_added': {
      if (input.skills.length === 0 && !input.existing.currentPosition) return null;
      // A skill the achievement shows that the skills section does not list yet, with it as the
      // evidence; only for someone who keeps a skills section (no one else is asked to start one).
      const listed = new Set(input.existing.skills.map((name) => name.trim().toLowerCase()));
      const missing = input.skills.find((name) => !listed.has(name.trim().toLowerCase()));
      if (missing && listed.size > 0) {
        return {
          targetSection: 'skills',
          suggestedTitle: clip(missing, 200),
          suggestedDescription: clip(say.shownBy(input.title), 2000),
          quantifiableResults: '',
          coreSkills: [missing],
        };
      }
      // A measured result is worth a line under the position held now.
      const position = input.existing.currentPosition;
      if (position && results) {
        return {
          targetSection: 'position_highlights',
          suggestedTitle: clip(`${plainTitle(input.title)}: ${results}`, 2000),
          suggestedDescription: clip(input.title, 2000),
          quantifiableResults: clip(results, 500),
          coreSkills: input.skills.slice(0, 5),
        };
      }
      if (input.skills.length === 0) return null;
      const skill = input.skills[0]!;
      return {
        targetSection: 'current_focus',
        suggestedTitle: clip(input.locale === 'zh-CN' ? `深化${skill}` : `Deepen ${skill}`, 200),
        suggestedDescription: clip(input.title, 2000),
        quantifiableResults: '',
        coreSkills: input.skills.slice(0, 5),
      };
    }
    case 'report_finalized': {
      const next = input.report?.nextFocus
        .split('\n')
        .filter((line) => line.trim() && !line.trim().startsWith('#') && !line.trim().startsWith('_'))
        .map(plainTitle)
        .find(Boolean);
      if (next) {
        return {
          targetSection: 'current_focus',
          suggestedTitle: clip(next, 200),
          suggestedDescription: clip(input.title, 2000),
          quantifiableResults: '',
          coreSkills: skillsIn(next, input.knownSkills),
        };
      }
      if (!input.report?.todoCount) return null;
      return {
        targetSection: 'achievements',
        suggestedTitle: clip(say.completedReport(input.report.type, input.report.todoCount), 200),
        suggestedDescription: clip(input.title, 2000),
        quantifiableResults: String(input.report.todoCount),
        coreSkills: skillsIn(input.text, input.knownSkills),
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
