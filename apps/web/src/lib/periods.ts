import { addDays, todayLocal } from './format.js';
import type { ReportType } from './labels.js';

export type PresetKey = 'this_week' | 'last_week' | 'this_month' | 'last_month' | 'this_quarter' | 'custom';
export interface Period {
  type: ReportType;
  periodStart: string;
  periodEnd: string;
}

export const PRESETS: readonly PresetKey[] = ['this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'custom'];

/** Monday of the week `day` falls in: weeks start on Monday. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The first day of the month `offset` months from `day`'s month. */
function monthStart(day: string, offset = 0): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + offset;
  const date = new Date(Date.UTC(year, month, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-01`;
}

/** The calendar period a preset means, as of `today` (YYYY-MM-DD); null for custom dates. */
export function presetPeriod(preset: PresetKey, today = todayLocal()): Period | null {
  switch (preset) {
    case 'this_week': {
      const start = weekStart(today);
      return { type: 'weekly', periodStart: start, periodEnd: addDays(start, 6) };
    }
    case 'last_week': {
      const start = addDays(weekStart(today), -7);
      return { type: 'weekly', periodStart: start, periodEnd: addDays(start, 6) };
    }
    case 'this_month':
      return { type: 'monthly', periodStart: monthStart(today), periodEnd: addDays(monthStart(today, 1), -1) };
    case 'last_month':
      return { type: 'monthly', periodStart: monthStart(today, -1), periodEnd: addDays(monthStart(today), -1) };
    case 'this_quarter': {
      const back = (Number(today.slice(5, 7)) - 1) % 3;
      const start = monthStart(today, -back);
      return { type: 'quarterly', periodStart: start, periodEnd: addDays(monthStart(start, 3), -1) };
    }
    case 'custom':
      return null;
  }
}

/** The period the picker's choice means; null while custom dates are missing or reversed. A chosen Monday-to-Sunday is a week. */
export function resolvePeriod(preset: PresetKey, from: string, to: string, today = todayLocal()): Period | null {
  if (preset !== 'custom') return presetPeriod(preset, today);
  if (!from || !to || from > to) return null;
  const week = weekStart(from) === from && to === addDays(from, 6);
  return { type: week ? 'weekly' : 'custom', periodStart: from, periodEnd: to };
}

/** The picker's first choice for the week that holds `day`: “this week” or “last week” when it is one, else its dates. */
export function weekChoice(day: string, today = todayLocal()): { preset: PresetKey; from: string; to: string } {
  const from = weekStart(day);
  const to = addDays(from, 6);
  if (from === weekStart(today)) return { preset: 'this_week', from, to };
  if (from === addDays(weekStart(today), -7)) return { preset: 'last_week', from, to };
  return { preset: 'custom', from, to };
}
