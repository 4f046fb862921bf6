import type { PublicProfile } from '@career-anchor/contracts';
import { writeDate, type DateLocale } from '../lib/dates.ts';
import { escapeHtml as e } from '../lib/mailer.ts';
import { CAREER_STYLE, careerPersonFacts, isWebAddress, renderCareerSections } from './public-career.page.ts';

const WORDS = {
  en: {
    achievements: 'Achievements',
    focus: 'Currently focused on',
    plans: 'Plans and goals',
    skills: 'Skills',
    links: 'Links',
    results: 'Results',
    target: 'Target',
    progress: (n: number) => `${n}% done`,
    footer: 'Published with Career Anchor',
    notFound: 'There is no public profile here.',
    pdf: 'Download PDF',
  },
  'zh-CN': {
    achievements: '成就',
    focus: '当前重点',
    plans: '计划与目标',
    skills: '技能',
    links: '链接',
    results: '成果',
    target: '目标日期',
    progress: (n: number) => `已完成 ${n}%`,
    footer: '由职业锚点发布',
    notFound: '这里没有公开的个人主页。',
    pdf: '下载 PDF',
  },
};

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#dde1e6;--accent:#1d4ed8;--chip:#eef2ff}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6e9ee;--muted:#9aa4b1;--line:#2c333d;--accent:#8ab4ff;--chip:#1f2a44}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:46rem;margin:0 auto;padding:2.5rem 1.25rem 3rem}header{display:flex;gap:1.25rem;align-items:center;margin-bottom:1.5rem}
header img{width:88px;height:88px;border-radius:50%;object-fit:cover}h1{font-size:2rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.35rem}
h3{font-size:1.02rem;margin:0}.headline{font-size:1.15rem;color:var(--muted);margin:.2rem 0 0}.meta{color:var(--muted);margin:.2rem 0 0}
.summary{white-space:pre-line}ul.items{list-style:none;padding:0;margin:0}ul.items>li{padding:.7rem 0;border-bottom:1px solid var(--line)}
ul.items>li:last-child{border-bottom:0}.when{color:var(--muted);font-size:.9rem}.desc{margin:.25rem 0 0;white-space:pre-line}.results{margin:.25rem 0 0;font-weight:600}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;padding:0;margin:.4rem 0 0}.chips li{background:var(--chip);border-radius:999px;padding:.1rem .6rem;font-size:.85rem}
.bar{height:.4rem;background:var(--line);border-radius:999px;margin-top:.35rem;overflow:hidden}.bar span{display:block;height:100%;background:var(--accent)}
a{color:var(--accent)}.pdf{display:inline-block;margin-top:.5rem;font-weight:600}footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
@media print{@page{margin:16mm 14mm}:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--chip:#fff}body{font-size:10.5pt}
main{max-width:none;padding:0}header img{width:64px;height:64px}h1{font-size:20pt}h2{font-size:12pt;margin:1rem 0 .4rem;break-after:avoid}
ul.items>li{padding:.35rem 0;break-inside:avoid}.pdf{display:none}.chips li{border:1px solid #999;padding:0 .4rem}.bar{display:none}
a{color:#000;text-decoration:none}.links a::after{content:" (" attr(href) ")";font-size:.85em;color:#444}footer{display:none}}
`;

/** A date as a résumé shows it (“Jan 2026”), the exact day kept in the markup for machines. */
const when = (date: string, locale: DateLocale) => `<time datetime="${e(date)}">${e(writeDate(date, locale, 'month'))}</time>`;

const skillsList = (skills: string[]) =>
  skills.length ? `<ul class="chips">${skills.map((s) => `<li>${e(s)}</li>`).join('')}</ul>` : '';

/** The contact details the person made public, on one line under their name. */
function contactLine(profile: PublicProfile): string {
  const parts = [
    profile.email ? `<a href="mailto:${e(profile.email)}">${e(profile.email)}</a>` : '',
    profile.phone ? `<a href="tel:${e(profile.phone.replace(/[^+\d]/g, ''))}">${e(profile.phone)}</a>` : '',
    profile.url && isWebAddress(profile.url)
      ? `<a href="${e(profile.url)}" rel="me noopener">${e(profile.url.replace(/^https?:\/\//, ''))}</a>`
      : '',
  ].filter(Boolean);
  return parts.length ? `<p class="meta contact">${parts.join(' · ')}</p>` : '';
}

/** The résumé as a PDF, when the person offers it; not followed by crawlers (each PDF is set anew). */
const pdfLink = (profile: PublicProfile, label: string) =>
  profile.resumePdf
    ? `<a class="pdf" href="/api/v1/public/${e(encodeURIComponent(profile.handle))}/resume.pdf" rel="nofollow" download>${label}</a>`
    : '';

/** JSON inside <script>: “<” escaped so no text can close the element. */
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The public profile as a complete HTML page that needs no JavaScript, with link-preview data. */
export function renderPublicProfile(profile: PublicProfile & { searchIndexable: boolean }, url: string): string {
  const locale = profile.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const w = WORDS[locale];
  const description = profile.headline ?? profile.summary?.slice(0, 200) ?? profile.achievements[0]?.title ?? profile.displayName;
  const person: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: profile.displayName,
    url,
    ...(profile.headline ? { jobTitle: profile.headline } : {}),
    ...(profile.summary ? { description: profile.summary } : {}),
    ...(profile.location ? { address: { '@type': 'PostalAddress', addressLocality: profile.location } } : {}),
    ...(profile.avatarUrl ? { image: profile.avatarUrl } : {}),
    ...(profile.links?.length || profile.url
      ? {
          sameAs: [
            ...(profile.url && isWebAddress(profile.url) ? [profile.url] : []),
            ...(profile.links ?? []).map((l) => l.url),
          ],
        }
      : {}),
    ...(profile.email ? { email: profile.email } : {}),
    ...(profile.phone ? { telephone: profile.phone } : {}),
    ...careerPersonFacts(profile.career),
  };
  // What they know: their skills first, then what their public achievements name, once each.
  const knows = [...new Set([...((person.knowsAbout as string[] | undefined) ?? []), ...profile.skills.map((s) => s.name)])];
  if (knows.length) person.knowsAbout = knows;
  const sections: string[] = [];
  if (profile.summary) sections.push(`<p class="summary">${e(profile.summary)}</p>`);
  sections.push(...renderCareerSections(profile.career, locale));
  if (profile.achievements.length) {
    sections.push(
      `<section><h2>${w.achievements}</h2><ul class="items">${profile.achievements
        .map(
          (a) =>
            `<li><h3>${e(a.title)}</h3>${a.achievedOn ? `<div class="when">${when(a.achievedOn, locale)}</div>` : ''}${a.quantifiableResults ? `<p class="results">${e(a.quantifiableResults)}</p>` : ''}${a.description ? `<p class="desc">${e(a.description)}</p>` : ''}${skillsList(a.skills)}</li>`,
        )
        .join('')}</ul></section>`,
    );
  }
  if (profile.focusItems.length) {
    sections.push(
      `<section><h2>${w.focus}</h2><ul class="items">${profile.focusItems
        .map(
          (f) =>
            `<li><h3>${e(f.title)}</h3>${f.description ? `<p class="desc">${e(f.description)}</p>` : ''}<div class="bar" role="img" aria-label="${e(w.progress(f.progress))}"><span style="width:${f.progress}%"></span></div></li>`,
        )
        .join('')}</ul></section>`,
    );
  }
  if (profile.plans.length) {
    sections.push(
      `<section><h2>${w.plans}</h2><ul class="items">${profile.plans
        .map(
          (p) =>
            `<li><h3>${e(p.title)}</h3><div class="when">${p.targetDate ? `${w.target} ${when(p.targetDate, locale)} · ` : ''}${e(w.progress(p.progress))}</div>${p.description ? `<p class="desc">${e(p.description)}</p>` : ''}<div class="bar"><span style="width:${p.progress}%"></span></div></li>`,
        )
        .join('')}</ul></section>`,
    );
  }
  if (profile.skills.length)
    sections.push(`<section><h2>${w.skills}</h2>${skillsList(profile.skills.map((s) => s.name))}</section>`);
  if (profile.links?.length) {
    sections.push(
      `<section class="links"><h2>${w.links}</h2><ul class="items">${profile.links.map((l) => `<li><a href="${e(l.url)}" rel="me noopener">${e(l.label)}</a></li>`).join('')}</ul></section>`,
    );
  }
  return `<!doctype html>
<html lang="${profile.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(profile.displayName)}${profile.headline ? ` · ${e(profile.headline)}` : ''}</title>
<meta name="description" content="${e(description)}">
<meta name="robots" content="${profile.searchIndexable ? 'index, follow' : 'noindex, nofollow'}">
<link rel="canonical" href="${e(url)}">
<meta property="og:type" content="profile">
<meta property="og:title" content="${e(profile.displayName)}">
<meta property="og:description" content="${e(description)}">
<meta property="og:url" content="${e(url)}">
<meta property="og:locale" content="${profile.locale === 'zh-CN' ? 'zh_CN' : 'en_US'}">
${profile.avatarUrl ? `<meta property="og:image" content="${e(profile.avatarUrl)}">\n` : ''}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${e(profile.displayName)}">
<meta name="twitter:description" content="${e(description)}">
<script type="application/ld+json">${jsonForScript(person)}</script>
<style>${STYLE}${CAREER_STYLE}</style>
</head>
<body>
<main>
<header>${profile.avatarUrl ? `<img src="${e(profile.avatarUrl)}" alt="" width="88" height="88">` : ''}<div><h1>${e(profile.displayName)}</h1>${profile.headline ? `<p class="headline">${e(profile.headline)}</p>` : ''}${profile.location ? `<p class="meta">${e(profile.location)}</p>` : ''}${contactLine(profile)}${pdfLink(profile, w.pdf)}</div></header>
${sections.join('\n')}
<footer>${w.footer}</footer>
</main>
</body>
</html>`;
}

export function renderProfileNotFound(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Not found</title><style>${STYLE}</style></head><body><main><h1>404</h1><p>${WORDS.en.notFound}<br>${WORDS['zh-CN'].notFound}</p></main></body></html>`;
}

/** Pages of their own: no scripts at all, inline styles only, images from the web (avatars). */
export const PUBLIC_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
