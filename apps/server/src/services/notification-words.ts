import { writeDate, type DateLocale } from '../lib/dates.ts';

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
const todos = (n: number) => `${n} ${n === 1 ? 'to-do' : 'to-dos'}`;

/** Where a plan at risk stands: the notification's body and the insight's detail. */
export interface RiskFacts {
  targetDate: string;
  remaining: number;
  recent: number;
  projected: string | null;
}

const WORDS = {
  en: {
    weeklyTitle: 'Time to write last week’s report',
    weeklyBody: (start: string, end: string) => `The week of ${start} to ${end} has no report yet. A draft takes a minute.`,
    digestTitle: (today: number, overdue: number) => `${today} due today, ${overdue} overdue`,
    digestBody: 'A look at what needs doing today.',
    staleTitle: (plan: string, days: number) => `“${plan}” has had no activity for ${days} days`,
    staleBody: 'Add a next step, or update its status.',
    riskTitle: (plan: string) => `“${plan}” may miss its target date`,
    riskBody: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `Target ${target}, ${todos(left)} left; at the last 28 days’ pace (${recent} done) it would finish on ${projected}.`
        : `Target ${target}, ${todos(left)} left and none finished in the last 28 days.`,
    focusTitle: (focus: string) => `Is “${focus}” still a focus?`,
    focusBody: (days: number) => `It has not changed in ${days} days: update its progress, or pause it.`,
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
    riskTitle: (plan: string) => `计划“${plan}”可能无法按期完成`,
    riskBody: (target: string, left: number, recent: number, projected: string | null) =>
      projected
        ? `目标日期 ${target}，还剩 ${left} 项；按近 28 天完成 ${recent} 项的速度，预计 ${projected} 完成。`
        : `目标日期 ${target}，还剩 ${left} 项，近 28 天没有完成任何一项。`,
    focusTitle: (focus: string) => `“${focus}”还是你当前的重点吗？`,
    focusBody: (days: number) => `它已经 ${days} 天没有更新了：更新进度，或者暂停它。`,
    mail: { open: '在职业锚点中打开', why: '你收到这封邮件是因为你的提醒设置。', unsubscribe: '不再接收此类邮件' },
  },
} satisfies Record<DateLocale, unknown>;

/** The interface language a stored locale means; anything else reads in English. */
export const localeOf = (locale: string | null | undefined): DateLocale => (locale === 'zh-CN' ? 'zh-CN' : 'en');

export const mailWords = (locale: DateLocale) => WORDS[locale].mail;

export const riskTitle = (plan: string, locale: DateLocale) => WORDS[locale].riskTitle(plan);

export function riskBody(risk: RiskFacts, locale: DateLocale): string {
  const day = (date: string) => writeDate(date, locale);
  return WORDS[locale].riskBody(day(risk.targetDate), risk.remaining, risk.recent, risk.projected && day(risk.projected));
}

/**
 * A notification's title and body in `locale`, from its kind and data; null for a kind whose
 * words are written once (the monthly reflection) or data without the numbers, whose stored
 * text stands.
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
        title: say.riskTitle(plan),
        body: riskBody({ targetDate, remaining, recent, projected: str(data.projected) }, locale),
      };
    }
    case 'idle_focus': {
      const focus = str(data.focusTitle);
      const days = num(data.idleDays);
      if (!focus || days === null) return null;
      return { title: say.focusTitle(focus), body: say.focusBody(days) };
    }
    default:
      return null;
  }
}
