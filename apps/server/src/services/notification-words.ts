import { builtinReflection } from '../ai/tasks/reflection.ts';
import { writeDate, type DateLocale } from '../lib/dates.ts';
import { renderInsight, riskBody, riskTitle, type InsightFacts } from './insight-words.ts';

/**
 * The words of each notification kind, from its kind and numbers (`data`), in the reader's
 * language: a notification made while the profile was in English reads in Chinese once the
 * person switches. E-mails use the same words in the recipient's language at sending time.
 */

export interface Words {
  title: string;
  body: string;
}
type Data = Record<string, unknown>;

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** A reminder offset in words: 90 → “1 h 30 min”, 1440 → “1 day”. */
function minutesIn(minutes: number, units: { day: string; hour: string; minute: string }) {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days}${units.day}`, hours && `${hours}${units.hour}`, rest && `${rest}${units.minute}`]
    .filter(Boolean)
    .join(' ');
}
const minutesEn = (minutes: number) => minutesIn(minutes, { day: ' d', hour: ' h', minute: ' min' });
const minutesZh = (minutes: number) => minutesIn(minutes, { day: ' 天', hour: ' 小时', minute: ' 分钟' });

const WORDS = {
  en: {
    weeklyTitle: 'Time to write last week’s report',
    weeklyBody: (start: string, end: string) => `The week of ${start} to ${end} has no report yet. A draft takes a minute.`,
    digestTitle: (today: number, overdue: number) => `${today} due today, ${overdue} overdue`,
    digestBody: 'A look at what needs doing today.',
    staleTitle: (plan: string, days: number) => `“${plan}” has had no activity for ${days} days`,
    staleBody: 'Add a next step, or update its status.',
    focusTitle: (focus: string) => `Is “${focus}” still a focus?`,
    focusBody: (days: number) => `It has not changed in ${days} days: update its progress, or pause it.`,
    dueTitle: (todo: string, time: string) => `Due at ${time}: ${todo}`,
    dueBody: (date: string, time: string, before: number) =>
      `Due ${date} at ${time}${before > 0 ? ` (you asked to be reminded ${minutesEn(before)} before)` : ''}.`,
    mail: {
      open: 'Open in Career Anchor',
      why: 'You get this because of your reminder settings.',
      unsubscribe: 'Stop these e-mails',
    },
  },
  'zh-CN': {
    weeklyTitle: '该写上周的周报了',
    weeklyBody: (start: string, end: string) => `${start} 至 ${end} 这一周还没有报告，起草一份只需一分钟。`,
    digestTitle: (today: number, overdue: number) => `今天到期 ${today} 项，已逾期 ${overdue} 项`,
    digestBody: '看看今天要完成的待办。',
    staleTitle: (plan: string, days: number) => `计划“${plan}”已有 ${days} 天没有进展`,
    staleBody: '添加一个下一步，或者更新它的状态。',
    focusTitle: (focus: string) => `“${focus}”还是你当前的重点吗？`,
    focusBody: (days: number) => `它已经 ${days} 天没有更新了：更新进度，或者暂停它。`,
    dueTitle: (todo: string, time: string) => `${time} 到期：${todo}`,
    dueBody: (date: string, time: string, before: number) =>
      `截止时间 ${date} ${time}${before > 0 ? `（按你的设置提前 ${minutesZh(before)}提醒）` : ''}。`,
    mail: { open: '在职业锚点中打开', why: '你收到这封邮件是因为你的提醒设置。', unsubscribe: '不再接收此类邮件' },
  },
} satisfies Record<DateLocale, unknown>;

/** The interface language a stored locale means; anything else reads in English. */
export const localeOf = (locale: string | null | undefined): DateLocale => (locale === 'zh-CN' ? 'zh-CN' : 'en');

export const mailWords = (locale: DateLocale) => WORDS[locale].mail;

/**
 * A notification's title and body in `locale`, from its kind and data; null for words written
 * once (a reflection a model wrote) or data without the numbers, whose stored text stands.
 */
export function renderNotification(kind: string, data: Data, locale: DateLocale): Words | null {
  const say = WORDS[locale];
  switch (kind) {
    case 'weekly_report': {
      const start = str(data.periodStart);
      const end = str(data.periodEnd);
      if (!start || !end) return null;
      return { title: say.weeklyTitle, body: say.weeklyBody(writeDate(start, locale), writeDate(end, locale)) };
    }
    case 'due_digest': {
      const today = num(data.dueToday);
      const overdue = num(data.overdue);
      if (today === null || overdue === null) return null;
      return { title: say.digestTitle(today, overdue), body: say.digestBody };
    }
    case 'stale_plan': {
      const plan = str(data.planTitle);
      const days = num(data.idleDays);
      if (!plan || days === null) return null;
      return { title: say.staleTitle(plan, days), body: say.staleBody };
    }
    case 'plan_at_risk': {
      const plan = str(data.planTitle);
      const targetDate = str(data.targetDate);
      const remaining = num(data.remaining);
      const recent = num(data.recent);
      if (!plan || !targetDate || remaining === null || recent === null) return null;
      return {
        title: riskTitle(plan, locale),
        body: riskBody({ targetDate, remaining, recent, projected: str(data.projected) }, locale),
      };
    }
    case 'idle_focus': {
      const focus = str(data.focusTitle);
      const days = num(data.idleDays);
      if (!focus || days === null) return null;
      return { title: say.focusTitle(focus), body: say.focusBody(days) };
    }
    case 'monthly_reflection': {
      // The built-in reflection is the month's insights, kept as facts: they read in any language.
      const month = str(data.month);
      if (data.generatedBy !== 'builtin' || !month || !Array.isArray(data.insights)) return null;
      const insights = (data.insights as InsightFacts[]).map((facts) => renderInsight(facts, locale));
      return builtinReflection({ locale, month, insights });
    }
    case 'todo_due': {
      const todo = str(data.todoTitle);
      const dueOn = str(data.dueOn);
      const time = str(data.dueTime);
      const before = num(data.remindBefore);
      if (!todo || !dueOn || !time || before === null) return null;
      return { title: say.dueTitle(todo, time), body: say.dueBody(writeDate(dueOn, locale), time, before) };
    }
    default:
      return null;
  }
}
