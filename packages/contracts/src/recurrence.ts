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

/**
 * Why `body` is not a rule a to-do may recur by, or null when it is one. A rule is the body of an
 * RFC 5545 RRULE (no `RRULE:` prefix, no DTSTART: a to-do's due date starts it): FREQ (daily,
 * weekly, monthly or yearly) with at most INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT and UNTIL,
 * each once, and never both COUNT and UNTIL.
 */
export function recurrenceProblem(body: string): string | null {
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
