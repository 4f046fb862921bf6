// Where a new recurring to-do starts, worked out without the rrule library so the browser bundle
// stays small. It reads only the rule parts quick add writes; the tests hold it to rrule's answer.
import { addDays, weekdayOf } from './zone.ts';

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * The first date on or after `from` that `rrule`'s pattern allows, ignoring INTERVAL (so "every
 * 2 weeks on Monday" typed on a Wednesday starts next Monday, and the fortnights count from
 * there). Null for a rule it does not read.
 */
export function firstOccurrence(rrule: string, from: string): string | null {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value !== undefined) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  const byDay = parts.get('BYDAY')?.split(',');
  const byMonthDay = parts.has('BYMONTHDAY') ? Number(parts.get('BYMONTHDAY')) : null;
  const byMonth = parts.has('BYMONTH') ? Number(parts.get('BYMONTH')) : null;
  if (byDay?.some((d) => !DAY_CODES.includes(d))) return null;
  // Eight years covers a 29 February.
  for (let i = 0, date = from; i < 366 * 8; i++, date = addDays(date, 1)) {
    const [, month, day] = date.split('-').map(Number) as [number, number, number];
    if (byDay && !byDay.includes(DAY_CODES[weekdayOf(date)]!)) continue;
    if (byMonth !== null && month !== byMonth) continue;
    if (byMonthDay !== null) {
      const last = lastDay(date);
      if (byMonthDay > 0 ? day !== byMonthDay : day !== last + 1 + byMonthDay) continue;
    }
    return date;
  }
  return null;
}

function lastDay(date: string): number {
  // The day before the 1st of the next month.
  const nextMonth = addDays(date.slice(0, 8) + '28', 4).slice(0, 8) + '01';
  return Number(addDays(nextMonth, -1).slice(8));
}
