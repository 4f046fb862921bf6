// The Chinese date phrases chrono-node's zh locale does not read: "两周后", "周末"/"下周末",
// "月底", "下周" alone and a bare day of the month ("15号"). Each is a chrono parser, so chrono
// still joins it with a following time ("15号下午3点").
import type { Parser } from 'chrono-node/zh/hans';
import { ZH_NUMBER, zhNumber } from './zh-number.ts';

type Components = { year: number; month: number; day: number };
type ParsingContext = Parameters<Parser['extract']>[0];

function ymd(d: Date): Components {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function shifted(ref: Date, days: number): Date {
  return new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() + days, 12);
}

/** Monday of the week `ref` is in (weeks start on Monday in Chinese usage). */
function mondayOf(ref: Date): Date {
  return shifted(ref, -((ref.getDay() + 6) % 7));
}

const WEEK = '(?:周|星期|礼拜|週|禮拜)';

const weeksLater: Parser = {
  pattern: () => new RegExp(`(${ZH_NUMBER})\\s*个?${WEEK.replace('星期|礼拜|', '')}(?:之|过)?后`, 'u'),
  extract(context: ParsingContext, match: RegExpMatchArray) {
    const n = zhNumber(match[1]!);
    if (n === null || n < 1) return null;
    return ymd(shifted(context.refDate, 7 * n));
  },
};

const weekend: Parser = {
  pattern: () => new RegExp(`(这个?|本|下个?)?${WEEK}末`, 'u'),
  extract(context: ParsingContext, match: RegExpMatchArray) {
    const next = match[1]?.startsWith('下') ? 7 : 0;
    return ymd(shifted(mondayOf(context.refDate), 5 + next));
  },
};

const monthEnd: Parser = {
  pattern: () => /(本月|这个?月|下个?月)?月?底/u,
  extract(context: ParsingContext, match: RegExpMatchArray) {
    // "底" alone is not a date; "月底", "本月底", "下个月底" are.
    if (!match[0].includes('月')) return null;
    const ref = context.refDate;
    const next = match[1]?.startsWith('下') ? 1 : 0;
    return ymd(new Date(ref.getFullYear(), ref.getMonth() + next + 1, 0, 12));
  },
};

const nextWeek: Parser = {
  pattern: () => new RegExp(`下个?${WEEK}(?![一二三四五六日天末])`, 'u'),
  extract(context: ParsingContext) {
    return ymd(shifted(context.refDate, 7));
  },
};

// A day number is not a date before these: 3号楼, 5号线, 1号位, 2号文件…
const NOT_AFTER_DAY =
  /^(?:楼|线|房|室|门|车|机|院|馆|床|柜|窗|口|店|厅|站|台|位|码|字|元|球|桌|箱|文件|选手|种子|病人|包厢|仓|库|件|货)/u;

const dayOfMonth: Parser = {
  pattern: () => new RegExp(`(${ZH_NUMBER})(号|號|日)`, 'u'),
  extract(context: ParsingContext, match: RegExpMatchArray) {
    const index = match.index ?? 0;
    const before = context.text[index - 1] ?? '';
    // Inside a longer number or a full date ("12月15日"), or an ordinal ("第3号"): not ours.
    if (/[\d月第年〇零一二两三四五六七八九十廿.:]/u.test(before)) return null;
    // "一日" reads as "one day"; only digits go with 日.
    if (match[2] === '日' && !/^\d+$/.test(match[1]!)) return null;
    if (NOT_AFTER_DAY.test(context.text.slice(index + match[0].length))) return null;
    const day = zhNumber(match[1]!);
    if (day === null || day < 1 || day > 31) return null;
    const ref = context.refDate;
    // The next such day on or after today, skipping months too short for it.
    for (let m = 0; m < 13; m++) {
      const d: Date = new Date(ref.getFullYear(), ref.getMonth() + m, day, 12);
      if (d.getDate() !== day) continue;
      if (m === 0 && day < ref.getDate()) continue;
      return ymd(d);
    }
    return null;
  },
};

export const zhParsers: Parser[] = [weeksLater, weekend, monthEnd, nextWeek, dayOfMonth];
