import { getLocale } from './i18n.js';

/**
 * Dates on a résumé are often only a month or a year: “2024-06” is June 2024, not its first day.
 * They are kept as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read from however the person writes them,
 * and shown at the precision they were given.
 */
export type Precision = 'year' | 'month' | 'day';

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const pad = (n: number) => String(n).padStart(2, '0');

export function precisionOf(value: string): Precision | null {
  if (/^\d{4}$/.test(value)) return 'year';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
  return null;
}

/** Month names in English and the reader's language, long and short, each to its number (1–12). */
function monthNames(): Map<string, number> {
  const names = new Map<string, number>();
  for (const locale of new Set(['en', getLocale()])) {
    for (const month of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
      for (let n = 1; n <= 12; n++) {
        names.set(
          format
            .format(new Date(Date.UTC(2024, n - 1, 1)))
            .toLowerCase()
            .replace(/\.$/, ''),
          n,
        );
      }
    }
  }
  names.set('sept', 9);
  return names;
}

function build(year: number, month?: number, day?: number): string | undefined {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  if (month === undefined) return String(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads a date as people write it: “2024”, “2024-06”, “2024/6”, “2024.6”, “2024年6月”, “6/2024”,
 * “Jun 2024”, “June 2024”, “2024-06-15”, “2024年6月15日”. Returns the stored form (`YYYY`,
 * `YYYY-MM` or `YYYY-MM-DD`), null for an empty field, or undefined when it cannot be read.
 */
export function parsePartialDate(input: string): string | null | undefined {
  const text = input
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ');
  if (!text) return null;
  let match: RegExpExecArray | null;
  // Year first: 2024 · 2024-06 · 2024/6/15 · 2024.06 · 2024年6月15日
  if ((match = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:月\s*)?(?:[-/.]?\s*(\d{1,2})\s*日?)?)?\s*年?$/.exec(text))) {
    const [, year, month, day] = match;
    return build(Number(year), month ? Number(month) : undefined, day ? Number(day) : undefined);
  }
  // Month first: 6/2024 · 06-2024 · 6.2024 · 6月 2024
  if ((match = /^(\d{1,2})\s*(?:[-/.]|月,?)\s*(\d{4})\s*年?$/.exec(text))) return build(Number(match[2]), Number(match[1]));
  // A month's name, before or after the year: Jun 2024 · June, 2024 · 2024 June
  const words = /^([^\d\s,]+)\.?,?\s*(\d{4})$/.exec(text) ?? /^(\d{4}),?\s*([^\d\s,]+)\.?$/.exec(text);
  if (words) {
    const [name, year] = /^\d/.test(words[1]!) ? [words[2]!, words[1]!] : [words[1]!, words[2]!];
    const month = monthNames().get(name.toLowerCase().replace(/\.$/, ''));
    return month ? build(Number(year), month) : undefined;
  }
  return undefined;
}

/** A stored partial date as the reader writes it, at its own precision: “2024”, “Jun 2024”, “2024年6月”. */
export function formatPartialDate(value: string): string {
  const precision = precisionOf(value);
  if (!precision) return value;
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month - 1, day));
  const options: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric' }
      : precision === 'month'
        ? { year: 'numeric', month: 'short' }
        : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: 'UTC' }).format(date);
}

/** “Jun 2024 – present”, “2019 – 2021”, “2020年3月 – 至今”; empty when neither end is known. */
export function formatDateRange(start: string | null, end: string | null, ongoing: boolean, presentWord: string): string {
  const from = start ? formatPartialDate(start) : '';
  const to = ongoing ? presentWord : end ? formatPartialDate(end) : '';
  if (from && to) return from === to ? from : `${from} – ${to}`;
  return from || to;
}
