import { partialDatePrecision } from '@career-anchor/contracts';
import type { CareerSection } from '@career-anchor/contracts';
import { writeDate, type DateLocale } from '../../lib/dates.ts';

export type ResumeLocale = DateLocale;

/** Every word a résumé prints of its own, in both languages, in one table. */
const WORDS = {
  summary: { en: 'Summary', 'zh-CN': '个人简介' },
  contact: { en: 'Contact', 'zh-CN': '联系方式' },
  positions: { en: 'Work experience', 'zh-CN': '工作经历' },
  education: { en: 'Education', 'zh-CN': '教育经历' },
  projects: { en: 'Projects', 'zh-CN': '项目经历' },
  skills: { en: 'Skills', 'zh-CN': '技能' },
  certificates: { en: 'Certificates', 'zh-CN': '证书' },
  awards: { en: 'Awards', 'zh-CN': '荣誉奖项' },
  publications: { en: 'Publications', 'zh-CN': '出版物' },
  languages: { en: 'Languages', 'zh-CN': '语言能力' },
  volunteering: { en: 'Volunteering', 'zh-CN': '志愿服务' },
  interests: { en: 'Interests', 'zh-CN': '兴趣爱好' },
  references: { en: 'References', 'zh-CN': '推荐人' },
  present: { en: 'Present', 'zh-CN': '至今' },
  courses: { en: 'Courses', 'zh-CN': '课程' },
  score: { en: 'Score', 'zh-CN': '成绩' },
  keywords: { en: 'Keywords', 'zh-CN': '关键词' },
  partOf: { en: 'At', 'zh-CN': '所属' },
  page: { en: 'Page {n} of {total}', 'zh-CN': '第 {n} 页，共 {total} 页' },
  resume: { en: 'Résumé', 'zh-CN': '简历' },
} as const satisfies Record<CareerSection | string, Record<ResumeLocale, string>>;

export type Word = keyof typeof WORDS;

export function word(key: Word, locale: ResumeLocale): string {
  return WORDS[key][locale];
}

/** “Label: ” / “标签：” — Chinese takes the full-width colon and no space. */
export function labelled(key: Word, locale: ResumeLocale): string {
  return locale === 'zh-CN' ? `${word(key, locale)}：` : `${word(key, locale)}: `;
}

export function pageNumber(n: number, total: number, locale: ResumeLocale): string {
  return word('page', locale).replace('{n}', String(n)).replace('{total}', String(total));
}

/** A partial date at the precision it was kept: “2024”, “Jun 2024” / “2024年6月”, “3 Jun 2024” / “2024年6月3日”. */
export function writePartialDate(value: string, locale: ResumeLocale): string {
  const precision = partialDatePrecision(value.trim());
  if (precision === 'year') return value.trim();
  if (precision === 'month') return writeDate(`${value.trim()}-01`, locale, 'month');
  if (precision === 'day') return writeDate(value.trim(), locale, 'day');
  return value;
}

/** A span of time: “Jun 2020 – Present”, “2018 – 2020”, or whichever end is known. */
export function writeDateRange(start: string | null, end: string | null, current: boolean, locale: ResumeLocale): string {
  const from = start ? writePartialDate(start, locale) : '';
  const to = current ? word('present', locale) : end ? writePartialDate(end, locale) : '';
  if (from && to) return `${from} – ${to}`;
  return from || to;
}
