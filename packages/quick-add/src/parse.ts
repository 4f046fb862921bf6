import { findDates, MASK } from './dates.ts';
import { firstOccurrence } from './first-occurrence.ts';
import { findRecurrence } from './recurrence.ts';
import { findTokens, type Plan, type Priority } from './tokens.ts';
import { addDays, wallClock } from './zone.ts';

export type SpanKind = 'date' | 'time' | 'tag' | 'priority' | 'important' | 'plan' | 'recurrence';

/** A parsed part of the text: `text.slice(start, end)` is what was typed (UTF-16 offsets). */
export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
}

export interface QuickAddOptions {
  /** The moment of typing; dates are relative to it as seen in `timeZone`. */
  now: Date;
  /** IANA zone of the person, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** The person's language; only breaks ties. Mixed English and Chinese text is always read. */
  locale?: 'en' | 'zh';
  plans?: readonly Plan[];
  /** Ranges to leave as literal text (chips the person removed). */
  keep?: readonly { start: number; end: number }[];
}

export interface QuickAddResult {
  title: string;
  dueOn: string | null;
  dueTime: string | null;
  tags: string[];
  priority: Priority | null;
  important: boolean;
  planId: string | null;
  recurrence: string | null;
  spans: Span[];
}

const SEPARATORS = /^[\s,，、;；:：\-–—]+|[\s,，、;；:：\-–—]+$/gu;

export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  const { now, timeZone, plans = [], keep = [] } = options;
  const wall = wallClock(now, timeZone);
  const spans: Span[] = [];
  const free = (start: number, end: number) => ![...keep, ...spans].some((r) => start < r.end && r.start < end);

  const result: QuickAddResult = {
    title: '',
    dueOn: null,
    dueTime: null,
    tags: [],
    priority: null,
    important: false,
    planId: null,
    recurrence: null,
    spans,
  };

  for (const token of findTokens(text, plans, free)) {
    // A second priority, star or plan stays text: the first one counts.
    if (token.kind === 'tag') {
      if (!result.tags.some((t) => t.toLocaleLowerCase() === token.value.toLocaleLowerCase())) result.tags.push(token.value);
    } else if (token.kind === 'priority') {
      if (result.priority) continue;
      result.priority = token.value as Priority;
    } else if (token.kind === 'important') {
      if (result.important) continue;
      result.important = true;
    } else {
      if (result.planId) continue;
      result.planId = token.value;
    }
    spans.push({ start: token.start, end: token.end, kind: token.kind });
  }

  const recurrence = findRecurrence(text, free);
  if (recurrence) {
    result.recurrence = recurrence.rrule;
    spans.push({ start: recurrence.start, end: recurrence.end, kind: 'recurrence' });
  }

  // chrono sees the text with every claimed or kept range blanked out, offsets unchanged.
  let masked = text;
  for (const r of [...keep, ...spans]) {
    const start = Math.max(0, r.start);
    const end = Math.min(text.length, r.end);
    if (start < end) masked = masked.slice(0, start) + MASK.repeat(end - start) + masked.slice(end);
  }
  const preferChinese = options.locale ? options.locale === 'zh' : /\p{Script=Han}/u.test(text);
  const dates = findDates(masked, wall, preferChinese);
  // The last phrase naming a day is the due date; its time, or else the last time alone, the due time.
  const day = dates.findLast((d) => d.date !== null);
  const time = day?.time ? day : dates.findLast((d) => d.date === null && d.time !== null);
  if (day) {
    result.dueOn = day.date;
    result.dueTime = day.time;
    spans.push({ start: day.start, end: day.end, kind: 'date' });
  }
  if (time && time !== day) {
    result.dueTime = time.time;
    if (!day) result.dueOn = time.impliedDate;
    spans.push({ start: time.start, end: time.end, kind: 'time' });
  }

  if (result.recurrence && !day) {
    // The first occurrence from today, or from tomorrow when today's due time has passed.
    const today = wall.date;
    const nowTime = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
    const from = result.dueTime !== null && result.dueTime <= nowTime ? addDays(today, 1) : today;
    result.dueOn = firstOccurrence(result.recurrence, from);
  }

  spans.sort((a, b) => a.start - b.start);
  result.title = titleWithout(text, spans);
  return result;
}

function titleWithout(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans, { start: text.length, end: text.length }]) {
    const piece = text.slice(at, s.start);
    if (piece.trim()) {
      const left = out.trimEnd();
      const right = piece.trimStart();
      // Where a token sat between two Chinese characters no space is left ("明天开会" stays joined).
      const joined = !left || (HAN.test(left.at(-1)!) && HAN.test(right[0]!));
      out = left + (joined ? '' : ' ') + right;
    }
    at = Math.max(at, s.end);
  }
  const title = out.replace(/\s+/g, ' ').replace(SEPARATORS, '');
  return title || text.replace(/\s+/g, ' ').trim();
}

const HAN = /\p{Script=Han}/u;
