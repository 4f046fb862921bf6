// Occurrences of a recurring to-do, on calendar dates. Every date is a floating 'YYYY-MM-DD' in
// the person's time zone, computed at midnight UTC, so a daylight-saving change cannot move an
// occurrence to another day; turn a date and a due time into an instant with
// zonedDateTimeToInstant.
import * as rruleModule from 'rrule';
import { dateToUtc, utcToDate } from './zone.ts';

// rrule gives Node its UMD build (everything under `default`) and bundlers its ES modules.
const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function build(rrule: string, dtstart: string): InstanceType<typeof RRule> | null {
  if (!DATE.test(dtstart)) return null;
  const body = rrule.replace(/^RRULE:/i, '').trim();
  if (!body || /[\r\n]/.test(body) || /(^|;)DTSTART/i.test(body)) return null;
  try {
    const options = RRule.parseString(body);
    if (options.freq === undefined) return null;
    return new RRule({ ...options, dtstart: dateToUtc(dtstart), tzid: null });
  } catch {
    return null;
  }
}

/** Whether `rrule` is an RRULE body this module can step through. */
export function isValidRecurrence(rrule: string): boolean {
  return build(rrule, '2000-01-01') !== null;
}

/**
 * The first occurrence strictly after `after` (or on it, with `inclusive`) of `rrule` started on
 * `dtstart`; null when the rule has ended (COUNT/UNTIL) or cannot be read. RFC 5545 month rules
 * hold: BYMONTHDAY=31 skips months without a 31st, and a monthly rule started on the 31st without
 * BYMONTHDAY does the same; BYMONTHDAY=-1 is the last day of every month.
 */
export function nextOccurrence(rrule: string, after: string, dtstart: string, inclusive = false): string | null {
  const rule = build(rrule, dtstart);
  if (!rule || !DATE.test(after)) return null;
  const next = rule.after(dateToUtc(after), inclusive);
  return next ? utcToDate(next) : null;
}
