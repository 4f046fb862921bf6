import { nextOccurrence } from '@career-anchor/quick-add/occurrence';
import { escapeText, icsDate, icsDocument, icsLocalDateTime, untilFor, vtimezone } from '../lib/ical.ts';
import { addDays, type DateLocale } from '../lib/dates.ts';
import type { FeedPlan, FeedTodo } from '../repositories/calendar-feeds.repository.ts';

const WORDS = {
  en: { name: (who: string) => `Career Anchor · ${who}`, target: (plan: string) => `Plan target: ${plan}`, done: '✓ ' },
  'zh-CN': { name: (who: string) => `职业锚点 · ${who}`, target: (plan: string) => `计划目标：${plan}`, done: '✓ ' },
} satisfies Record<DateLocale, unknown>;

export interface FeedInput {
  owner: { timezone: string; locale: DateLocale; displayName: string };
  todos: FeedTodo[];
  plans: FeedPlan[];
  /** Where the app is reached: links in the events, and the domain of their UIDs. */
  origin: URL;
  now: Date;
}

/**
 * A recurring to-do's rule as its open occurrence starts it: COUNT counts what is left of the
 * series (the occurrences before this one are rows of their own), UNTIL in the form its start asks.
 */
function ruleFrom(todo: FeedTodo, timeZone: string): string {
  let rule = untilFor(todo.recurrence!, timeZone, todo.dueTime !== null);
  const count = /(?:^|;)COUNT=(\d+)/.exec(rule);
  if (count && todo.seriesStart) {
    let before = 0;
    for (
      let day = nextOccurrence(todo.recurrence!, todo.seriesStart, todo.seriesStart, true);
      day && day < todo.dueOn;
      day = nextOccurrence(todo.recurrence!, day, todo.seriesStart)
    )
      before++;
    rule = rule.replace(/COUNT=\d+/, `COUNT=${Math.max(1, Number(count[1]) - before)}`);
  }
  return rule;
}

/** The start (and, all day, the end) of an event on `date`, at `time` in the zone or all day. */
const when = (date: string, time: string | null, timeZone: string) =>
  time
    ? [`DTSTART;TZID=${timeZone}:${icsLocalDateTime(date, time)}`]
    : [`DTSTART;VALUE=DATE:${icsDate(date)}`, `DTEND;VALUE=DATE:${icsDate(addDays(date, 1))}`];

/**
 * The calendar: each to-do with a due date as an event (VEVENT, not VTODO: Google Calendar and
 * Outlook show no VTODO from a subscription), at its time in the user's zone or all day; a
 * recurring one as its open occurrence with the rule; each plan's target date all day. Events
 * are transparent (they do not make the person busy). DTSTAMP is the item's last change, so an
 * unchanged feed is byte for byte the same.
 */
export function writeFeed({ owner, todos, plans, origin, now }: FeedInput): string {
  const say = WORDS[owner.locale];
  const tz = owner.timezone;
  const host = origin.hostname;
  const timed = todos.some((todo) => todo.dueTime !== null);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Career Anchor//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(say.name(owner.displayName))}`,
    `NAME:${escapeText(say.name(owner.displayName))}`,
    `X-WR-TIMEZONE:${tz}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...(timed ? vtimezone(tz, now.getUTCFullYear()) : []),
  ];
  for (const todo of todos) {
    const done = todo.status === 'done';
    const link = `${origin.origin}/todos#${todo.id}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:todo-${todo.id}@${host}`,
      `DTSTAMP:${todo.updatedAt}`,
      `LAST-MODIFIED:${todo.updatedAt}`,
      ...when(todo.dueOn, todo.dueTime, tz),
      ...(todo.recurrence && !done ? [`RRULE:${ruleFrom(todo, tz)}`] : []),
      `SUMMARY:${escapeText((done ? say.done : '') + todo.title)}`,
      ...(todo.notes ? [`DESCRIPTION:${escapeText(todo.notes)}`] : []),
      `URL:${link}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  for (const plan of plans) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:plan-${plan.id}@${host}`,
      `DTSTAMP:${plan.updatedAt}`,
      `LAST-MODIFIED:${plan.updatedAt}`,
      ...when(plan.targetDate, null, tz),
      `SUMMARY:${escapeText(say.target(plan.title))}`,
      ...(plan.description ? [`DESCRIPTION:${escapeText(plan.description)}`] : []),
      `URL:${origin.origin}/plans#${plan.id}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsDocument(lines);
}
