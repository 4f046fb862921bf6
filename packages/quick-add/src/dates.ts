// Dates and times through chrono-node (English and simplified Chinese), held to a conservative
// reading: a bare number is never a time, a month alone is not a date, "now" is not a due date.
import * as en from 'chrono-node/en';
import * as zh from 'chrono-node/zh/hans';
import type { ParsedResult } from 'chrono-node/en';
import { zhParsers } from './zh-dates.ts';
import { addDays, formatDate, type WallClock } from './zone.ts';

export interface DateFind {
  start: number;
  end: number;
  /** 'YYYY-MM-DD' when the phrase names a day; null for a time alone. */
  date: string | null;
  time: string | null;
  /** The day a time alone falls on: today if the time is still ahead, else tomorrow. */
  impliedDate: string;
}

const chinese = zh.casual.clone();
chinese.parsers.push(...zhParsers);

export const MASK = '\uE000';
const HAN = /\p{Script=Han}/u;

// "at 5", "@ 5": a number with nothing saying it is a clock time stays text.
const BARE_AT = /(?<![\p{L}\p{N}])(?:at|@)\s*\d{1,2}(?![\d:.：]|\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|h\b))/giu;
const TIME_MARK =
  /[:：]\d|\.\d\d|\d\s*(?:am|pm|a\.m|p\.m|h\b)|noon|midnight|o'?clock|hours?|minutes?|mins?|hrs?|[点點时時分半]/iu;
const MORNING = /am\b|a\.m|morning|上午|早上|早晨|清晨|凌晨|早|(?<!\d)0\d[:：.]/iu;
const RELATIVE_EN = /\b(?:in|within|next|last|this|from now|later|ago|after)\b/i;
const CONNECTOR = /(?:^|\s)(?:on|by|due|due on|due by|before|until|till)\s+$/i;

function reference(wall: WallClock): Date {
  const [y, m, d] = wall.date.split('-').map(Number) as [number, number, number];
  // chrono reads the reference's local fields; they carry the wall clock of the person's zone.
  // (Should this process's own zone skip that hour, the time moves by the gap; the day stays.)
  return new Date(y, m - 1, d, wall.hour, wall.minute, wall.second);
}

function prepare(text: string): string {
  return (
    text
      .replace(BARE_AT, (s) => MASK.repeat(s.length))
      // chrono knows "这周五" but not "本周五"; both mean this week's Friday.
      .replace(/本(?=周|星期|礼拜)/gu, '这')
  );
}

function accept(r: ParsedResult, text: string, wall: WallClock): DateFind | null {
  const s = r.start;
  const tags = s.tags();
  // "每周三次" (three times a week) holds no date.
  if (text[r.index - 1] === '每' || /^[次遍]/u.test(text.slice(r.index + r.text.length))) return null;
  if (tags.has('casualReference/now') || /^(?:now|现在|立刻|马上)$/i.test(r.text)) return null;
  // "3/4 of the book" is not a date; ISO dates and month names are.
  if (/\d\s*\/\s*\d/.test(r.text) && !s.isCertain('year')) return null;
  const relative = tags.has('result/relativeDate');
  if (relative && !HAN.test(r.text) && !RELATIVE_EN.test(r.text)) return null;
  // "in 2 hours", "10分钟后": a time counted from now, read as it is.
  const fromNow = relative || /[后後]$|later|from now/i.test(r.text);
  const hasDay = s.isCertain('day') || s.isCertain('weekday') || relative;
  let hasTime = s.isCertain('hour') && TIME_MARK.test(r.text);
  if (!hasDay && !hasTime) return null;

  let time: string | null = null;
  if (hasTime) {
    let hour = s.get('hour')!;
    const minute = s.get('minute') ?? 0;
    // A clock time of 1–6 with nothing saying morning is read as afternoon ("3点", "3:30").
    if (!s.isCertain('meridiem') && hour >= 1 && hour <= 6 && !fromNow && !MORNING.test(r.text)) hour += 12;
    time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  }
  const now = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  const date = hasDay || relative ? formatDate(s.get('year')!, s.get('month')!, s.get('day')!) : null;
  // Chips cover the words, not the spaces around them.
  let start = r.index + (r.text.length - r.text.trimStart().length);
  const end = r.index + r.text.trimEnd().length;
  const before = text.slice(0, start);
  const connector = CONNECTOR.exec(before);
  if (connector && date) start -= connector[0].trimStart().length;
  return {
    start,
    end,
    date,
    time: hasTime ? time : null,
    impliedDate: date ?? (time !== null && time > now ? wall.date : addDays(wall.date, 1)),
  };
}

/** Accepted date/time phrases in `text` (masked where other tokens are), left to right, not overlapping. */
export function findDates(text: string, wall: WallClock, preferChinese: boolean): DateFind[] {
  const input = prepare(text);
  const ref = reference(wall);
  const runs: { results: ParsedResult[]; zh: boolean }[] = [
    { results: en.casual.parse(input, ref, { forwardDate: true }), zh: false },
  ];
  if (HAN.test(input)) runs.push({ results: chinese.parse(input, ref, { forwardDate: true }), zh: true });
  const candidates: (DateFind & { zh: boolean })[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      const found = accept(r, input, wall);
      if (found) candidates.push({ ...found, zh: run.zh });
    }
  }
  // Longer readings win; on a tie, the person's language.
  candidates.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || Number(b.zh === preferChinese) - Number(a.zh === preferChinese),
  );
  const chosen: DateFind[] = [];
  for (const c of candidates) {
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
    const { zh: _zh, ...find } = c;
    chosen.push(find);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
