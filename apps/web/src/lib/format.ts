import { clock } from './clock.svelte.js';
import { getLocale } from './i18n.js';

/** Calendar dates (YYYY-MM-DD) are days, not instants: they are shown as written, in any time zone. */
const asUtcDay = (day: string) => new Date(`${day}T00:00:00Z`);

export function formatDay(day: string, style: 'medium' | 'long' = 'medium'): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: style, timeZone: 'UTC' }).format(asUtcDay(day));
}

/** A short day: no year when it is this year. */
export function formatShortDay(day: string): string {
  const sameYear = day.slice(0, 4) === todayLocal().slice(0, 4);
  return new Intl.DateTimeFormat(getLocale(), {
    month: 'short',
    day: 'numeric',
    year: sameYear ? undefined : 'numeric',
    timeZone: 'UTC',
  }).format(asUtcDay(day));
}

/** A span of days, written the reader's way: “3–9 Mar 2025”, “2025年3月3日至9日”. */
export function formatPeriod(start: string, end: string): string {
  const format = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
  return start === end ? format.format(asUtcDay(start)) : format.formatRange(asUtcDay(start), asUtcDay(end));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getLocale()).format(value);
}

/** An estimated cost in US dollars; small amounts keep their cents' fractions. */
export function formatUsd(value: number): string {
  return new Intl.NumberFormat(getLocale(), {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: value > 0 && value < 1 ? 4 : 2,
  }).format(value);
}

/** 0–100 as a percentage in the reader's locale. */
export function formatPercent(value: number): string {
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** Today as YYYY-MM-DD, in the profile's time zone once known, else the device's. */
export function todayLocal(now = new Date()): string {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: clock.timeZone }).format(now);
  } catch {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
}

/** The calendar day `days` after `day` (both YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export type DueState = 'overdue' | 'today' | 'upcoming';

export function dueState(dueOn: string | null, today = todayLocal()): DueState | null {
  if (!dueOn) return null;
  if (dueOn < today) return 'overdue';
  return dueOn === today ? 'today' : 'upcoming';
}

/** Splits “a, b，c、d” into distinct trimmed entries (ASCII and Chinese commas alike). */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]/)) {
    const value = part.trim();
    const key = value.toLowerCase();
    if (value && !seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

export const joinList = (items: readonly string[]) => items.join(', ');

/** '' from a date input means no date. */
export const dayOrNull = (value: string) => (value ? value : null);

/** How long ago, in the reader's words (“5 minutes ago”, “昨天”); a date once it is more than a week back. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  const ago = -seconds;
  if (ago < 45) return rtf.format(0, 'second');
  if (ago < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (ago < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (ago < 7 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(new Date(iso));
}

/** A number of days with its unit, singular or plural as the language wants (“1 day”, “74 days”, “74天”). */
export function formatDays(days: number): string {
  return new Intl.NumberFormat(getLocale(), { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isDay(value: string | null): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = asUtcDay(value);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An hour of the day (0–23) as a time the reader knows: “9:00 AM”, “09:00”. */
export function formatHour(hour: number): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, hour)),
  );
}

/** The weekdays in the reader's language, Monday first, numbered as ISO does (1 = Monday). */
export function weekdays(): { day: number; name: string }[] {
  const format = new Intl.DateTimeFormat(getLocale(), { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, name: format.format(new Date(Date.UTC(2024, 0, day))) }));
}
