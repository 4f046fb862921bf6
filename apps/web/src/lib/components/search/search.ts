import type { Schemas } from '#lib/api/client.js';
import { m } from '#lib/i18n.js';

/**
 * A search result; each mark is [start, end) of a term in the snippet (`marks`) or the title
 * (`titleMarks`); the client reads the pairs as plain arrays.
 */
export type SearchHit = Omit<Schemas['SearchHit'], 'marks' | 'titleMarks'> & { marks: number[][]; titleMarks: number[][] };
export type SearchKind = SearchHit['kind'];

/** Something that can be opened: a search hit, or one remembered from before. */
export interface Openable {
  kind: SearchKind;
  id: string;
  title: string;
}

/** The heading of a group of results. */
export function kindLabel(kind: SearchKind): string {
  return {
    todo: m.search_kind_todo,
    plan: m.search_kind_plan,
    achievement: m.search_kind_achievement,
    focus_item: m.search_kind_focus_item,
    report: m.search_kind_report,
    career_entry: m.search_kind_career_entry,
    tag: m.search_kind_tag,
  }[kind]();
}

/** What one item is, as a short badge (“To-do”, “计划”). */
export function kindName(kind: SearchKind): string {
  return {
    todo: m.search_one_todo,
    plan: m.search_one_plan,
    achievement: m.search_one_achievement,
    focus_item: m.search_one_focus_item,
    report: m.search_one_report,
    career_entry: m.search_one_career_entry,
    tag: m.search_one_tag,
  }[kind]();
}

/** Where an item lives in the app. */
export function hrefOf(item: Openable): string {
  switch (item.kind) {
    case 'todo':
      return `/todos?focus=${encodeURIComponent(item.id)}`;
    case 'plan':
      return `/plans#${encodeURIComponent(item.id)}`;
    case 'achievement':
      return '/achievements';
    case 'focus_item':
      return '/';
    case 'report':
      return `/reports/${encodeURIComponent(item.id)}`;
    case 'career_entry':
      return `/career?focus=${encodeURIComponent(item.id)}`;
    case 'tag':
      return tagHref(item.title);
  }
}

export const tagHref = (name: string) => `/tags/${encodeURIComponent(name)}`;

export interface Part {
  text: string;
  marked: boolean;
}

/**
 * The text cut at its marks ([start, end) in UTF-16 code units), for rendering marked parts as
 * elements: never as HTML. Marks out of range, empty, overlapping or out of order are tolerated.
 */
export function markParts(text: string, marks: readonly (readonly number[])[]): Part[] {
  const clamp = (at: number | undefined) => Math.max(0, Math.min(at ?? 0, text.length));
  const spans = marks
    .map(([start, end]) => [clamp(start), clamp(end)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: Part[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/** Whether the snippet is the title itself (the match was in the title), so it need not be shown twice. */
export const snippetIsTitle = (hit: SearchHit) => hit.snippet === hit.title.replace(/\s+/g, ' ').trim();

/** Results in groups by kind, the group with the best result first; each keeps its place in the flat order. */
export function groupHits(hits: readonly SearchHit[]): { kind: SearchKind; items: { hit: SearchHit; index: number }[] }[] {
  const groups = new Map<SearchKind, { hit: SearchHit; index: number }[]>();
  for (const hit of hits) {
    const group = groups.get(hit.kind) ?? [];
    group.push({ hit, index: 0 });
    groups.set(hit.kind, group);
  }
  let index = 0;
  return [...groups].map(([kind, items]) => ({ kind, items: items.map((item) => ({ ...item, index: index++ })) }));
}

// Recently opened items stay on this device, per account.
const RECENT_MAX = 8;
const recentKey = (userId: string) => `career-anchor:recent:${userId}`;
const KINDS = new Set<string>(['todo', 'plan', 'achievement', 'focus_item', 'report', 'tag']);

function isOpenable(value: unknown): value is Openable {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.kind === 'string' && KINDS.has(item.kind) && typeof item.id === 'string' && typeof item.title === 'string';
}

export function readRecent(userId: string | undefined): Openable[] {
  if (!userId) return [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(recentKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isOpenable).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function rememberRecent(userId: string | undefined, item: Openable) {
  if (!userId) return;
  const entry = { kind: item.kind, id: item.id, title: item.title };
  const rest = readRecent(userId).filter((other) => !(other.kind === item.kind && other.id === item.id));
  try {
    localStorage.setItem(recentKey(userId), JSON.stringify([entry, ...rest].slice(0, RECENT_MAX)));
  } catch {
    // Storage full or switched off: nothing to remember then.
  }
}
