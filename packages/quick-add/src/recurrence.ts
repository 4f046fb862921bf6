// Recurrence phrases in English and Chinese → an RFC 5545 RRULE body (no DTSTART: the first due
// date is the start). chrono-node reads dates, not repetition, so these patterns are our own.
import { ZH_NUMBER, zhNumber } from './zh-number.ts';

export interface RecurrenceMatch {
  start: number;
  end: number;
  rrule: string;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const WORKDAYS = 'MO,TU,WE,TH,FR';

// --- English ---------------------------------------------------------------------------------

const EN_DAY = '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const EN_DAY_LIST = `${EN_DAY}s?(?:\\s*(?:,|&|and|,\\s*and)\\s*${EN_DAY}s?)*`;
const EN_COUNT = '(?:\\d{1,3}|other|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const EN_WORDS: Record<string, number> = {
  other: 2,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const EN_ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)';

const EN_PATTERN = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    [
      '(?<weekday>every\\s+(?:week\\s*day|work\\s*day|business\\s+day)|weekdays)',
      '(?<weekend>every\\s+weekend)',
      `(?<daylist>every\\s+(?<days>${EN_DAY_LIST}))`,
      // every [N|other] day(s)|week(s)|month(s)|year(s) [on Mon, Wed | on the 15th | on the last day]
      `(?<unit>every\\s+(?:(?<count>${EN_COUNT})\\s+)?(?<u>day|week|month|year)s?` +
        `(?:\\s+on\\s+(?:(?<udays>${EN_DAY_LIST})|the\\s+(?:${EN_ORDINAL.replace('(', '(?<uord>')}|(?<ulast>last\\s+day))))?)`,
      `(?<adverb>daily|weekly|monthly|yearly|annually)(?:\\s+on\\s+(?:(?<adays>${EN_DAY_LIST})|the\\s+(?:${EN_ORDINAL.replace('(', '(?<aord>')}|(?<alast>last\\s+day))))?`,
      `(?<ord>every\\s+${EN_ORDINAL.replace('(', '(?<oday>')}(?:\\s+of\\s+(?:the|each|every)\\s+month)?)`,
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);

function enDays(list: string): string {
  const days = new Set<string>();
  for (const m of list.toLowerCase().matchAll(new RegExp(EN_DAY, 'g'))) {
    const i = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(m[0].slice(0, 3));
    days.add(WEEKDAYS[i]!);
  }
  return order(days);
}

function order(days: Set<string>): string {
  // Monday first, as people read a week.
  return ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].filter((d) => days.has(d)).join(',');
}

function monthDay(ord: string | undefined, last: string | undefined): string | null {
  if (last) return 'BYMONTHDAY=-1';
  if (ord) {
    const n = Number(ord);
    return n >= 1 && n <= 31 ? `BYMONTHDAY=${n}` : null;
  }
  return '';
}

function rule(freq: string, interval: number, extra: string | null): string | null {
  if (extra === null || !(interval >= 1 && interval <= 999)) return null;
  return [`FREQ=${freq}`, interval > 1 ? `INTERVAL=${interval}` : '', extra].filter(Boolean).join(';');
}

function byDay(days: string | undefined): string {
  return days ? `BYDAY=${enDays(days)}` : '';
}

const UNIT_FREQ: Record<string, string> = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' };
const ADVERB_FREQ: Record<string, string> = {
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  yearly: 'YEARLY',
  annually: 'YEARLY',
};

function fromEnglish(g: Record<string, string | undefined>): string | null {
  if (g.weekday) return `FREQ=WEEKLY;BYDAY=${WORKDAYS}`;
  if (g.weekend) return 'FREQ=WEEKLY;BYDAY=SA,SU';
  if (g.daylist) return `FREQ=WEEKLY;BYDAY=${enDays(g.days!)}`;
  if (g.unit) {
    const c = g.count?.toLowerCase();
    const interval = c ? (EN_WORDS[c] ?? Number(c)) : 1;
    const freq = UNIT_FREQ[g.u!.toLowerCase()]!;
    if (g.udays) return freq === 'WEEKLY' ? rule(freq, interval, byDay(g.udays)) : null;
    if (g.uord || g.ulast) return freq === 'MONTHLY' ? rule(freq, interval, monthDay(g.uord, g.ulast)) : null;
    return rule(freq, interval, '');
  }
  if (g.adverb) {
    const freq = ADVERB_FREQ[g.adverb.toLowerCase()]!;
    if (g.adays) return freq === 'WEEKLY' ? rule(freq, 1, byDay(g.adays)) : null;
    if (g.aord || g.alast) return freq === 'MONTHLY' ? rule(freq, 1, monthDay(g.aord, g.alast)) : null;
    return rule(freq, 1, '');
  }
  if (g.ord) return rule('MONTHLY', 1, monthDay(g.oday, undefined));
  return null;
}

// --- Chinese ---------------------------------------------------------------------------------

const ZH_WEEK = '(?:周|星期|礼拜|週|禮拜)';
const ZH_DAY = '[一二三四五六日天]';
const ZH_DAY_LIST = `${ZH_DAY}(?:[、,，和及与跟]?${ZH_WEEK}?${ZH_DAY})*`;
const ZH_DAY_INDEX: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

const ZH_PATTERN = new RegExp(
  '(?:' +
    [
      '(?<workday>每个?工作日|工作日每天)',
      `(?<weekend>每个?${ZH_WEEK}?末)`,
      '(?<daily>每天|每日|天天)',
      `(?<days>每(?<dn>${ZH_NUMBER})?个?(?:天|日))`,
      `(?<week>每(?<wn>${ZH_NUMBER})?个?${ZH_WEEK}(?:的)?(?:${ZH_WEEK}?(?<wdays>${ZH_DAY_LIST}))?)`,
      `(?<month>每(?<mn>${ZH_NUMBER})?个?月(?:的)?(?:(?<mday>${ZH_NUMBER})[号日號]|(?<mlast>最后一天|底|末))?)`,
      `(?<year>每(?<yn>${ZH_NUMBER})?年(?:的)?(?:(?<ymonth>${ZH_NUMBER})月(?<yday>${ZH_NUMBER})[号日號])?)`,
    ].join('|') +
    ')',
  'u',
);

function zhDays(list: string): string {
  const days = new Set<string>();
  for (const ch of list) if (ch in ZH_DAY_INDEX) days.add(WEEKDAYS[ZH_DAY_INDEX[ch]!]!);
  return order(days);
}

function zhInterval(n: string | undefined): number | null {
  return n === undefined ? 1 : zhNumber(n);
}

function fromChinese(g: Record<string, string | undefined>): string | null {
  if (g.workday) return `FREQ=WEEKLY;BYDAY=${WORKDAYS}`;
  if (g.weekend) return 'FREQ=WEEKLY;BYDAY=SA,SU';
  if (g.daily) return 'FREQ=DAILY';
  if (g.days) return rule('DAILY', zhInterval(g.dn) ?? 0, '');
  if (g.week) return rule('WEEKLY', zhInterval(g.wn) ?? 0, g.wdays ? `BYDAY=${zhDays(g.wdays)}` : '');
  if (g.month) {
    const day = g.mday === undefined ? undefined : String(zhNumber(g.mday) ?? 0);
    return rule('MONTHLY', zhInterval(g.mn) ?? 0, monthDay(day, g.mlast));
  }
  if (g.year) {
    const interval = zhInterval(g.yn) ?? 0;
    if (g.ymonth === undefined) return rule('YEARLY', interval, '');
    const month = zhNumber(g.ymonth) ?? 0;
    const day = zhNumber(g.yday!) ?? 0;
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return rule('YEARLY', interval, `BYMONTH=${month};BYMONTHDAY=${day}`);
  }
  return null;
}

// "每周三次" is three times a week, not every Wednesday.
const ZH_FREQUENCY_AFTER = new RegExp(`^(?:${ZH_NUMBER}|[几多])?[次遍回趟]`, 'u');

/**
 * The longest recurrence phrase in `text` whose characters are all `free` (not claimed by another
 * token or kept literal by the person).
 */
export function findRecurrence(text: string, free: (start: number, end: number) => boolean): RecurrenceMatch | null {
  const found: RecurrenceMatch[] = [];
  for (const [pattern, read] of [
    [EN_PATTERN, fromEnglish],
    [ZH_PATTERN, fromChinese],
  ] as const) {
    const global = new RegExp(pattern.source, pattern.flags + 'g');
    for (const m of text.matchAll(global)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0 || !free(start, end)) continue;
      if (
        pattern === ZH_PATTERN &&
        ZH_FREQUENCY_AFTER.test(text.slice(m.index + m[0].length - (m.groups?.wdays ? m.groups.wdays.length : 0)))
      )
        continue;
      const rrule = read(m.groups ?? {});
      if (rrule) found.push({ start, end, rrule });
    }
  }
  // The fullest phrase wins: in "Weekly report every Friday" it is "every Friday".
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  return found[0] ?? null;
}
