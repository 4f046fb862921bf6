import { wallClock, zonedDateTimeToInstant } from '@career-anchor/quick-add';

/**
 * Writing iCalendar (RFC 5545): property values escaped, lines folded at 75 octets without
 * splitting a character, CRLF line ends, and a VTIMEZONE for a named zone built from the
 * runtime's time-zone data.
 */

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * One content line folded to at most 75 octets a line (the CRLF not counted), each continuation
 * starting with a space: split between characters, never inside one's UTF-8 bytes.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; the others 74 after their leading space.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `YYYY-MM-DD` as a DATE value. */
export const icsDate = (date: string) => date.replaceAll('-', '');

/** `YYYY-MM-DD` and `HH:MM` as a local DATE-TIME value. */
export const icsLocalDateTime = (date: string, time: string) => `${icsDate(date)}T${time.replace(':', '')}00`;

/** An instant as a UTC DATE-TIME value. */
export const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The lines of a calendar object, folded and joined with CRLF, ending with one. */
export const icsDocument = (lines: string[]) => `${lines.map(foldLine).join('\r\n')}\r\n`;

/** The offset of `timeZone` from UTC at `t`, in minutes. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(new Date(t), timeZone);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) - t) / 60_000);
}

interface Transition {
  /** The instant of the change. */
  at: number;
  from: number;
  to: number;
}

/** The changes of offset in one year, to the minute: probed a day apart, then narrowed down. */
function transitionsIn(year: number, timeZone: string): Transition[] {
  const found: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let offset = offsetAt(t, timeZone);
  for (; t < end; t += 86_400_000) {
    const next = offsetAt(t + 86_400_000, timeZone);
    if (next === offset) continue;
    let lo = t;
    let hi = t + 86_400_000;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from: offset, to: next });
    offset = next;
  }
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');
const utcOffset = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A change's wall-clock time before it happened, as `Date` fields in UTC. */
const localBefore = (change: Transition) => new Date(change.at + change.from * 60_000);

/** The yearly rule a change follows, taken from one year's date: "the 2nd Sunday of March", "the last Sunday of October". */
function yearlyRule(change: Transition) {
  const local = localBefore(change);
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), month, 0)).getUTCDate();
  const nth = day + 7 > daysInMonth ? -1 : Math.ceil(day / 7);
  return { month, nth, weekday: local.getUTCDay(), time: `${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}00` };
}

type Rule = ReturnType<typeof yearlyRule>;
const sameRule = (a: Rule, b: Rule) => a.month === b.month && a.nth === b.nth && a.weekday === b.weekday && a.time === b.time;

/** The day in `year` a yearly rule falls on. */
function ruleDay(rule: Rule, year: number): string {
  const first = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
  const daysInMonth = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
  const firstMatch = 1 + ((rule.weekday - first + 7) % 7);
  const day = rule.nth > 0 ? firstMatch + (rule.nth - 1) * 7 : firstMatch + Math.floor((daysInMonth - firstMatch) / 7) * 7;
  return `${year}${pad(rule.month)}${pad(day)}`;
}

const observance = (change: Transition, dtstart: string, rrule?: string) => [
  `BEGIN:${change.to > change.from ? 'DAYLIGHT' : 'STANDARD'}`,
  `DTSTART:${dtstart}`,
  ...(rrule ? [`RRULE:${rrule}`] : []),
  `TZOFFSETFROM:${utcOffset(change.from)}`,
  `TZOFFSETTO:${utcOffset(change.to)}`,
  `END:${change.to > change.from ? 'DAYLIGHT' : 'STANDARD'}`,
];

/**
 * A VTIMEZONE for an IANA zone, as its rules stand around `year`: a zone that changes its clocks
 * twice a year by fixed weekday rules gets those rules (from 1970 on, so every date reads by
 * them); one with other changes gets each change from the year before to five years on; one
 * without changes, its fixed offset. Calendars that know the zone by name use their own data.
 */
export function vtimezone(timeZone: string, year: number): string[] {
  const changes = transitionsIn(year, timeZone);
  const header = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  if (changes.length === 0) {
    const offset = offsetAt(Date.UTC(year, 0, 1), timeZone);
    return [...header, ...observance({ at: 0, from: offset, to: offset }, '19700101T000000'), 'END:VTIMEZONE'];
  }
  const rules = changes.map(yearlyRule);
  const nextYear = transitionsIn(year + 1, timeZone).map(yearlyRule);
  if (changes.length === 2 && nextYear.length === 2 && rules.every((rule, i) => sameRule(rule, nextYear[i]!))) {
    const lines = changes.flatMap((change, i) => {
      const rule = rules[i]!;
      return observance(
        change,
        `${ruleDay(rule, 1970)}T${rule.time}`,
        `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${rule.nth}${WEEKDAYS[rule.weekday]}`,
      );
    });
    return [...header, ...lines, 'END:VTIMEZONE'];
  }
  const window: Transition[] = [];
  for (let y = year - 1; y <= year + 5; y++) window.push(...transitionsIn(y, timeZone));
  const lines = window.flatMap((change) => observance(change, icsUtc(localBefore(change)).slice(0, 15)));
  return [...header, ...lines, 'END:VTIMEZONE'];
}

/**
 * A rule's UNTIL in the form RFC 5545 asks for beside the event's start: a DATE beside an all-day
 * start, the end of that day in the user's zone as UTC beside a timed one.
 */
export function untilFor(rrule: string, timeZone: string, timed: boolean): string {
  return rrule.replace(/(^|;)UNTIL=(\d{8})[^;]*/, (_all, lead: string, day: string) => {
    if (!timed) return `${lead}UNTIL=${day}`;
    const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    return `${lead}UNTIL=${icsUtc(new Date(zonedDateTimeToInstant(date, '23:59', timeZone).getTime() + 59_000))}`;
  });
}
