import type { CareerSection } from '@career-anchor/contracts';
import type { DateLocale } from './dates.ts';

/** The career sections' headings in the two languages, for every page and file the server writes. */
export const CAREER_SECTION_TITLES: Record<DateLocale, Record<CareerSection, string>> = {
  en: {
    positions: 'Experience',
    education: 'Education',
    projects: 'Projects',
    skills: 'Skills',
    certificates: 'Certificates',
    awards: 'Awards',
    publications: 'Publications',
    languages: 'Languages',
    volunteering: 'Volunteering',
    interests: 'Interests',
    references: 'References',
  },
  'zh-CN': {
    positions: '工作经历',
    education: '教育背景',
    projects: '项目经历',
    skills: '技能',
    certificates: '证书',
    awards: '荣誉奖项',
    publications: '出版物',
    languages: '语言',
    volunteering: '志愿经历',
    interests: '兴趣',
    references: '推荐人',
  },
};

/** The order a résumé shows its sections in. */
export const RESUME_SECTION_ORDER: CareerSection[] = [
  'positions',
  'projects',
  'education',
  'skills',
  'certificates',
  'awards',
  'publications',
  'languages',
  'volunteering',
  'interests',
  'references',
];
