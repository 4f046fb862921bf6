import {
  utcFriday,
  utcMonday,
  utcSaturday,
  utcSunday,
  utcThursday,
  utcTuesday,
  utcWednesday,
  type CountableTimeInterval,
} from 'd3-time';
import { getLocale } from '#lib/i18n.js';

/** Charts work on calendar days (YYYY-MM-DD) as UTC midnights, so no time zone shifts a day. */
export const parseDay = (day: string) => new Date(`${day}T00:00:00Z`);
export const dayKey = (date: Date) => date.toISOString().slice(0, 10);

type WeekInfo = { firstDay: number };

/** The first day of the week where the reader lives, ISO-numbered (1 = Monday … 7 = Sunday). */
export function firstDayOfWeek(locale = getLocale()): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay;
    if (firstDay && firstDay >= 1 && firstDay <= 7) return firstDay;
  } catch {
    // An engine without week data: the language's custom below.
  }
  return locale.startsWith('zh') ? 1 : 7;
}

/** Weeks that start on the given ISO weekday. */
export function weeksFrom(firstDay: number): CountableTimeInterval {
  return [utcMonday, utcTuesday, utcWednesday, utcThursday, utcFriday, utcSaturday, utcSunday][firstDay - 1] ?? utcMonday;
}

const formatter = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: 'UTC' });

/** “Wednesday, March 5, 2025”, “2025年3月5日星期三”. */
export const fullDay = (date: Date) => formatter({ dateStyle: 'full' }).format(date);
/** “Mar 5”, “3月5日”. */
export const shortDay = (date: Date) => formatter({ month: 'short', day: 'numeric' }).format(date);
/** “Mar 5, 2025”. */
export const mediumDay = (date: Date) => formatter({ dateStyle: 'medium' }).format(date);
/** “Mar”, “3月”. */
export const shortMonth = (date: Date) => formatter({ month: 'short' }).format(date);
/** “March 2025”, “2025年3月”. */
export const longMonth = (date: Date) => formatter({ month: 'long', year: 'numeric' }).format(date);
/** “Mon”, “周一”. */
export const shortWeekday = (date: Date) => formatter({ weekday: 'short' }).format(date);

/** A number with at most one decimal, written the reader’s way. */
export const formatDecimal = (value: number) => new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(value);
