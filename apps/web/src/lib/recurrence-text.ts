import { RRule } from 'rrule';
import { getLocale } from './i18n.js';

const ZH_DAYS: Record<string, string> = { MO: '一', TU: '二', WE: '三', TH: '四', FR: '五', SA: '六', SU: '日' };
const ZH_UNITS: Record<string, [one: string, many: string]> = {
  DAILY: ['每天', '天'],
  WEEKLY: ['每周', '周'],
  MONTHLY: ['每月', '个月'],
  YEARLY: ['每年', '年'],
};

function zhDay(entry: string): string {
  const match = /^([+-]?\d+)?([A-Z]{2})$/.exec(entry);
  if (!match) return entry;
  const day = `周${ZH_DAYS[match[2] ?? ''] ?? ''}`;
  const nth = Number(match[1] ?? 0);
  if (!nth) return day;
  return nth === -1 ? `最后一个${day}` : nth < 0 ? `倒数第${-nth}个${day}` : `第${nth}个${day}`;
}

const zhMonthDay = (value: string) =>
  value === '-1' ? '最后一天' : Number(value) < 0 ? `倒数第${-Number(value)}天` : `${value}号`;

/**
 * A rule in Chinese, for every part a to-do's rule may have (FREQ, INTERVAL, BYDAY, BYMONTHDAY,
 * BYMONTH, COUNT, UNTIL): “每个工作日”, “每2周的周一”, “每月15号”, “每年3月的最后一天，共5次”.
 */
export function describeZh(rule: string): string {
  const parts = new Map(rule.split(';').map((part) => part.split('=') as [string, string]));
  const freq = parts.get('FREQ') ?? 'DAILY';
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const days = parts.get('BYDAY')?.split(',') ?? [];
  const [every, unit] = ZH_UNITS[freq] ?? ZH_UNITS.DAILY!;
  let text = interval > 1 ? `每${interval}${unit}` : every;
  const plainDays = days.join(',');
  if (freq === 'WEEKLY' && interval === 1 && plainDays === 'MO,TU,WE,TH,FR') text = '每个工作日';
  else if (freq === 'WEEKLY' && interval === 1 && plainDays === 'SA,SU') text = '每个周末';
  else {
    const months = parts.get('BYMONTH')?.split(',');
    if (months) text += `${months.map((month) => `${month}月`).join('、')}的`;
    const monthDays = parts.get('BYMONTHDAY')?.split(',');
    if (monthDays) text += monthDays.map(zhMonthDay).join('、');
    if (days.length) text += `${months || monthDays || freq === 'DAILY' ? '' : '的'}${days.map(zhDay).join('、')}`;
  }
  const count = parts.get('COUNT');
  if (count) text += `，共${count}次`;
  const until = /^(\d{4})(\d{2})(\d{2})/.exec(parts.get('UNTIL') ?? '');
  if (until) text += `，直到${until[1]}年${Number(until[2])}月${Number(until[3])}日`;
  return text;
}

/** How a to-do recurs, in the interface's language (rrule's own words in English). */
export function describeRecurrence(rule: string, locale = getLocale()): string {
  if (locale.startsWith('zh')) return describeZh(rule);
  try {
    return RRule.fromString(rule).toText();
  } catch {
    return rule;
  }
}
