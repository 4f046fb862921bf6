import { recurrenceProblem, RRule } from '@career-anchor/contracts';

/** An occurrence further ahead than this ends the series: a rule that (almost) never matches costs little. */
const HORIZON_YEARS = 10;

/**
 * Days as UTC midnights. A rule steps over calendar days on the user's calendar; the time of day is
 * the to-do's own `dueTime`, in the user's zone, so a daylight-saving change never moves an
 * occurrence to another day or hour.
 */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The first day of the rule after `after`, counting from `start` (the series' DTSTART, which
 * COUNT counts from), or null when the series is over (COUNT or UNTIL reached, or nothing within
 * ten years). RFC 5545 semantics: BYMONTHDAY=31 skips months without a 31st; BYMONTHDAY=-1 is the
 * last day of every month.
 */
export function nextOccurrence(recurrence: string, start: string, after: string): string | null {
  if (recurrenceProblem(recurrence, start)) return null;
  const rule = new RRule({ ...RRule.parseString(recurrence), dtstart: toDate(start) });
  const from = toDate(after);
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + HORIZON_YEARS);
  const [next] = rule.between(from, until, false, (_date, index) => index < 1);
  return next ? toDay(next) : null;
}
