import { badRequest } from './problem.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) it is at `now` in a time zone. */
export function todayIn(timeZone: string, now: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Aggregates over a date range (usage, charts) cover at most this many days unless a route says otherwise. */
export const MAX_SPAN_DAYS = 366;

/** Refuses a range that runs backwards or spans more than `maxDays` days (both ends counted). */
export function checkSpan(from: string, to: string, maxDays = MAX_SPAN_DAYS): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (!(days >= 1)) throw badRequest('The end date is before the start date.', [{ path: 'to', message: 'Before from' }]);
  if (days > maxDays) {
    throw badRequest(`A range may span at most ${maxDays} days.`, [{ path: 'from', message: 'Out of range' }]);
  }
}

/** The languages dates are written in: the interface's two. */
export type DateLocale = 'en' | 'zh-CN';

const englishMonth = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const chineseDay = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const chineseMonth = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) in words: “30 Sep 2026” / “2026年9月30日”, or “Sep 2026” / “2026年9月” by month. */
export function writeDate(date: string, locale: DateLocale, precision: 'day' | 'month' = 'day'): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month) return date;
  const at = new Date(Date.UTC(year, month - 1, day || 1));
  if (locale === 'zh-CN') return (precision === 'day' ? chineseDay : chineseMonth).format(at);
  const monthName = englishMonth.format(at);
  return precision === 'day' ? `${at.getUTCDate()} ${monthName} ${year}` : `${monthName} ${year}`;
}

/**
 * A date kept at the precision it was given (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), in words at that
 * precision: “2024”, “Jun 2024” / “2024年6月”, “12 Jun 2024” / “2024年6月12日”. Never padded; a
 * year alone is written as it is in both languages. The public page and the PDF both write dates so.
 */
export function writePartialDate(date: string, locale: DateLocale): string {
  const parts = date.trim().split('-');
  if (parts.length === 1) return date.trim();
  return writeDate(date.trim(), locale, parts.length === 2 ? 'month' : 'day');
}

/** A span of a career entry: “Jun 2024 – Present” / “2024年6月 – 至今”, “2019 – 2021”, or one end alone. */
export function writeDateSpan(start: string | null, end: string | null, current: boolean, locale: DateLocale): string {
  const from = start ? writePartialDate(start, locale) : '';
  const to = current ? (locale === 'zh-CN' ? '至今' : 'Present') : end ? writePartialDate(end, locale) : '';
  return from && to ? `${from} – ${to}` : from || to;
}
