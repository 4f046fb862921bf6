import type { PublicCareer, PublicCareerEntry } from '@career-anchor/contracts';
import { CAREER_SECTION_TITLES, RESUME_SECTION_ORDER } from '../lib/career-words.ts';
import { writeDateSpan, writePartialDate, type DateLocale } from '../lib/dates.ts';
import { escapeHtml as e } from '../lib/mailer.ts';

/** Only web addresses become links: an imported `javascript:` or `data:` URL stays plain text. */
export const isWebAddress = (url: string) => /^https?:\/\/[^\s]+$/i.test(url.trim());
const link = (text: string, url: string) =>
  url && isWebAddress(url) ? `<a href="${e(url.trim())}" rel="noopener nofollow">${e(text || url)}</a>` : e(text);

const when = (start: string | null, end: string | null, current: boolean, locale: DateLocale) => {
  const span = writeDateSpan(start, end, current, locale);
  if (!span) return '';
  // The dates as given, for machines (a year or a month is a valid HTML date string too).
  const machine = [start, current ? null : end]
    .filter(Boolean)
    .map((d) => `<time datetime="${e(d!)}"></time>`)
    .join('');
  return `<div class="when">${e(span)}${machine}</div>`;
};
const onDate = (date: string | null, locale: DateLocale) =>
  date ? `<div class="when"><time datetime="${e(date)}">${e(writePartialDate(date, locale))}</time></div>` : '';
const para = (text: string) => (text ? `<p class="desc">${e(text)}</p>` : '');
const bullets = (items: string[]) =>
  items.length ? `<ul class="highlights">${items.map((h) => `<li>${e(h)}</li>`).join('')}</ul>` : '';
const chips = (items: string[]) =>
  items.length ? `<ul class="chips">${items.map((k) => `<li>${e(k)}</li>`).join('')}</ul>` : '';
const joined = (...parts: string[]) => parts.filter(Boolean).map(e).join(' · ');
const heading = (title: string, sub = '') => `<h3>${title}</h3>${sub ? `<div class="meta">${sub}</div>` : ''}`;

type Renderers = { [S in keyof PublicCareer]-?: (entry: PublicCareerEntry<S>, locale: DateLocale) => string };

/** Each section's entry as HTML; every piece of the person's text escaped. */
const RENDER: Renderers = {
  positions: (p, l) =>
    heading(e(p.position || p.name), p.position ? link(p.name, p.url) : '') +
    when(p.startDate, p.endDate, p.current, l) +
    (p.location ? `<div class="meta">${e(p.location)}</div>` : '') +
    para(p.summary) +
    bullets(p.highlights),
  projects: (p, l) =>
    heading(link(p.name, p.url), joined(p.roles.join(', '), p.entity, p.type)) +
    when(p.startDate, p.endDate, false, l) +
    para(p.description) +
    bullets(p.highlights) +
    chips(p.keywords),
  education: (d, l) =>
    heading(link(d.institution, d.url), joined(d.studyType, d.area, d.score)) +
    when(d.startDate, d.endDate, false, l) +
    chips(d.courses),
  skills: (s) => heading(e(s.name), e(s.level ?? '')) + chips(s.keywords),
  certificates: (c, l) => heading(link(c.name, c.url), e(c.issuer)) + onDate(c.date, l),
  awards: (a, l) => heading(e(a.title), e(a.awarder)) + onDate(a.date, l) + para(a.summary),
  publications: (p, l) => heading(link(p.name, p.url), e(p.publisher)) + onDate(p.releaseDate, l) + para(p.summary),
  languages: (g) => heading(e(g.language), e(g.fluency)),
  volunteering: (v, l) =>
    heading(e(v.position || v.organization), v.position ? link(v.organization, v.url) : '') +
    when(v.startDate, v.endDate, false, l) +
    para(v.summary) +
    bullets(v.highlights),
  interests: (i) => heading(e(i.name)) + chips(i.keywords),
  references: (r) => heading(e(r.name)) + para(r.reference),
};

/** The public career sections as HTML sections, in a résumé's order, each entry in the person's. */
export function renderCareerSections(career: PublicCareer, locale: DateLocale): string[] {
  const titles = CAREER_SECTION_TITLES[locale];
  return RESUME_SECTION_ORDER.flatMap((section) => {
    const entries = career[section] as PublicCareerEntry<typeof section>[] | undefined;
    if (!entries?.length) return [];
    const render = RENDER[section] as (entry: unknown, locale: DateLocale) => string;
    return [
      `<section class="career ${section}"><h2>${titles[section]}</h2><ul class="items">${entries.map((entry) => `<li>${render(entry, locale)}</li>`).join('')}</ul></section>`,
    ];
  });
}

/**
 * What the career adds to the page's schema.org `Person`: where they work now, where they
 * studied, what they know, their credentials and languages.
 */
export function careerPersonFacts(career: PublicCareer): Record<string, unknown> {
  const organization = (name: string, url: string, type = 'Organization') => ({
    '@type': type,
    name,
    ...(isWebAddress(url) ? { url: url.trim() } : {}),
  });
  const current = (career.positions ?? []).filter((p) => p.current && p.name);
  const schools = (career.education ?? []).filter((d) => d.institution);
  const skills = (career.skills ?? []).map((s) => s.name).filter(Boolean);
  const credentials = (career.certificates ?? []).filter((c) => c.name);
  const languages = (career.languages ?? []).map((g) => g.language).filter(Boolean);
  return {
    ...(current.length ? { worksFor: current.map((p) => organization(p.name, p.url)) } : {}),
    ...(schools.length ? { alumniOf: schools.map((d) => organization(d.institution, d.url, 'EducationalOrganization')) } : {}),
    ...(skills.length ? { knowsAbout: skills } : {}),
    ...(credentials.length
      ? {
          hasCredential: credentials.map((c) => ({
            '@type': 'EducationalOccupationalCredential',
            name: c.name,
            ...(c.issuer ? { recognizedBy: { '@type': 'Organization', name: c.issuer } } : {}),
            ...(c.date ? { dateCreated: c.date } : {}),
            ...(isWebAddress(c.url) ? { url: c.url.trim() } : {}),
          })),
        }
      : {}),
    ...(languages.length ? { knowsLanguage: languages.map((name) => ({ '@type': 'Language', name })) } : {}),
  };
}

/** Styles the career sections add to the public page. */
export const CAREER_STYLE = `ul.highlights{margin:.35rem 0 0;padding-left:1.2rem}ul.highlights li{margin:.1rem 0}.career .meta a{color:inherit}`;
