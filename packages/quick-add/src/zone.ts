// Calendar arithmetic in a named time zone, with nothing but Intl. Dates are 'YYYY-MM-DD'
// strings and are added to in UTC, where no day is ever 23 or 25 hours long.

export interface WallClock {
  date: string;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The date and time a clock on the wall in `timeZone` shows at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Today's date in `timeZone`. */
export function todayIn(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).date;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** 'YYYY-MM-DD' → midnight UTC of that day (a floating calendar date). */
export function dateToUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function utcToDate(d: Date): string {
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, days: number): string {
  const d = dateToUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return utcToDate(d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return dateToUtc(date).getUTCDay();
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A time that does not
 * exist (skipped by a spring-forward change) moves forward by the gap, as calendars do; a time
 * that occurs twice (fall back) means its first occurrence.
 */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wanted = dateToUtc(date).getTime() + (h * 60 + min) * 60_000;
  const offsetAt = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return dateToUtc(w.date).getTime() + (w.hour * 60 + w.minute) * 60_000 + w.second * 1000 - t;
  };
  // Try the offsets in force a day either side; the earlier instant that reads right wins.
  const candidates = [offsetAt(wanted - 86_400_000), offsetAt(wanted + 86_400_000)].map((o) => wanted - o);
  candidates.sort((a, b) => a - b);
  for (const t of candidates) if (wanted - offsetAt(t) === t) return new Date(t);
  // In a gap: use the offset from before the change, which lands after the gap.
  return new Date(wanted - offsetAt(wanted - 86_400_000));
}
