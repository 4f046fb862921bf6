import * as library from 'rrule';
import { z } from 'zod';

// Node loads the package's CommonJS build (everything under `default`); bundlers load its ES module build.
const rrule: typeof library = (library as unknown as { default?: typeof library }).default ?? library;
export const { RRule } = rrule;

export const RECURRENCE_MAX = 200;

/** The frequencies a to-do may recur at: nothing finer than a day. */
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DAY = '(?:[+-]?(?:[1-9]|[1-4]\\d|5[0-3]))?(?:MO|TU|WE|TH|FR|SA|SU)';
const MONTH_DAY = '[+-]?(?:[1-9]|[12]\\d|3[01])';
const MONTH = '(?:[1-9]|1[0-2])';
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);

/** The parts a to-do's rule may have, each with the form its value must take. */
const PARTS: Record<string, RegExp> = {
  FREQ: new RegExp(`^(?:${FREQUENCIES.join('|')})$`),
  INTERVAL: /^(?:[1-9]\d{0,2})$/,
  BYDAY: list(DAY),
  BYMONTHDAY: list(MONTH_DAY),
  BYMONTH: list(MONTH),
  COUNT: /^(?:[1-9]\d{0,2})$/,
  UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
};

/** The most days each month can have (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why a rule can never give a day, or null: such a rule would have the calendar searched to the
 * year 9999 for a next occurrence, so it is refused up front. The combinations refused: a month
 * day no chosen month has (30 February), a numbered weekday outside its period (6MO in a month)
 * or with a daily or weekly rule (RFC 5545 allows them only in monthly and yearly ones), and a
 * numbered weekday together with month days (the 5th Monday that is also the 1st).
 */
function neverMatches(parts: Record<string, string>): string | null {
  const months = parts.BYMONTH ? parts.BYMONTH.split(',').map(Number) : [1, 3];
  if (parts.BYMONTHDAY) {
    const longest = Math.max(...months.map((month) => MONTH_DAYS[month - 1]!));
    if (parts.BYMONTHDAY.split(',').every((day) => Math.abs(Number(day)) > longest))
      return 'BYMONTHDAY names no day of the months given';
  }
  const numbered = (parts.BYDAY ?? '').split(',').filter((day) => /\d/.test(day));
  if (numbered.length === 0) return null;
  if (parts.FREQ === 'DAILY' || parts.FREQ === 'WEEKLY') return 'A numbered weekday (such as 2MO) needs FREQ=MONTHLY or YEARLY';
  if (parts.BYMONTHDAY) return 'A numbered weekday cannot be combined with BYMONTHDAY';
  const most = parts.FREQ === 'YEARLY' && !parts.BYMONTH ? 53 : 5;
  if (numbered.some((day) => Math.abs(parseInt(day, 10)) > most)) return `A numbered weekday goes up to ${most} here`;
  return null;
}

/**
 * Why `body` is not a rule a to-do may recur by, or null when it is one. A rule is the body of an
 * RFC 5545 RRULE (no `RRULE:` prefix, no DTSTART: a to-do's due date starts it): FREQ (daily,
 * weekly, monthly or yearly) with at most INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT and UNTIL,
 * each once, and never both COUNT and UNTIL. With `start`, the first occurrence's date, also
 * whether the rule can ever give a day from it (yearly in February from the 30th cannot).
 */
export function recurrenceProblem(body: string, start?: string): string | null {
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const [name = '', value, ...rest] = part.split('=');
    const form = PARTS[name];
    if (!form) return `Unsupported part “${name}”; allowed: ${Object.keys(PARTS).join(', ')}`;
    if (value === undefined || rest.length || !form.test(value)) return `${name} has an invalid value`;
    if (seen.has(name)) return `${name} appears twice`;
    seen.add(name);
  }
  if (!seen.has('FREQ')) return 'FREQ is required';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be given';
  const parts: Record<string, string> = Object.fromEntries(body.split(';').map((part) => part.split('=')));
  // A monthly or yearly rule with no day of its own repeats its start's day of the month.
  if (start && (parts.FREQ === 'MONTHLY' || parts.FREQ === 'YEARLY') && !parts.BYDAY && !parts.BYMONTHDAY) {
    parts.BYMONTHDAY = String(Number(start.slice(8, 10)));
  }
  const impossible = neverMatches(parts);
  if (impossible) return impossible;
  try {
    RRule.parseString(body);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

/** A to-do's recurrence: an RRULE body such as `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`, written in capitals. */
export const Recurrence = z
  .string()
  .trim()
  .max(RECURRENCE_MAX)
  .overwrite((value) => value.replace(/^RRULE:/i, '').toUpperCase())
  .check((ctx) => {
    const problem = recurrenceProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  })
  .describe(
    'RFC 5545 RRULE body (FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL), e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR; the due date starts it',
  );
