import type { CareerSection } from '@career-anchor/contracts';
import { CAREER_SECTION_TITLES } from '../../lib/career-words.ts';
import type { DateLocale } from '../../lib/dates.ts';

export type ResumeLocale = DateLocale;

/** The words a résumé prints besides the sections' headings (lib/career-words.ts), in both languages. */
const WORDS = {
  summary: { en: 'Summary', 'zh-CN': '个人简介' },
  contact: { en: 'Contact', 'zh-CN': '联系方式' },
  courses: { en: 'Courses', 'zh-CN': '课程' },
  score: { en: 'Score', 'zh-CN': '成绩' },
  keywords: { en: 'Keywords', 'zh-CN': '关键词' },
  partOf: { en: 'At', 'zh-CN': '所属' },
  page: { en: 'Page {n} of {total}', 'zh-CN': '第 {n} 页，共 {total} 页' },
  resume: { en: 'Résumé', 'zh-CN': '简历' },
} as const satisfies Record<string, Record<ResumeLocale, string>>;

export type Word = keyof typeof WORDS | CareerSection;

export function word(key: Word, locale: ResumeLocale): string {
  return key in WORDS ? WORDS[key as keyof typeof WORDS][locale] : CAREER_SECTION_TITLES[locale][key as CareerSection];
}

/** “Label: ” / “标签：” — Chinese takes the full-width colon and no space. */
export function labelled(key: Word, locale: ResumeLocale): string {
  return locale === 'zh-CN' ? `${word(key, locale)}：` : `${word(key, locale)}: `;
}

export function pageNumber(n: number, total: number, locale: ResumeLocale): string {
  return word('page', locale).replace('{n}', String(n)).replace('{total}', String(total));
}
