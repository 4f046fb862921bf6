import { PROBLEM_SLUGS, PROBLEM_TYPES, problemType, type ProblemSlug } from '@career-anchor/contracts';
import { escapeHtml as e } from '../lib/mailer.ts';

/** Static text only: no scripts, inline styles, links to this server alone. */
export const PROBLEM_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `:root{color-scheme:light dark}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:42rem;margin:0 auto;padding:2.5rem 1.25rem}h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.75rem 0 .35rem}
.meta{opacity:.75;margin:0}code{font-size:.92em}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #8884;vertical-align:top}`;

/** Catalogue text, escaped, with `backticked` words as code. */
const prose = (text: string) => e(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** A small static page in the style of the problem pages. */
export const simplePage = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)} · Career Anchor API</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** What one problem type means and what a client should do about it. */
export function renderProblemType(slug: ProblemSlug): string {
  const entry = PROBLEM_TYPES[slug];
  return simplePage(
    entry.title,
    `<h1>${e(entry.title)}</h1><p class="meta">HTTP ${entry.status} · problem type <code>${e(problemType(slug))}</code></p>` +
      `<h2>What it means</h2><p>${prose(entry.explanation)}</p>` +
      `<h2>What to do</h2><p>${prose(entry.action)}</p>` +
      `<p>Every error answer of this API is an RFC 9457 <code>application/problem+json</code> document; its <code>detail</code> says what went wrong with this request in particular. <a href="/problems">All problem types</a></p>`,
  );
}

/** Every problem type, with its status and title. */
export function renderProblemIndex(): string {
  const rows = PROBLEM_SLUGS.map((slug) => {
    const entry = PROBLEM_TYPES[slug];
    return `<tr><td><a href="${e(problemType(slug))}"><code>${e(problemType(slug))}</code></a></td><td>${entry.status}</td><td>${e(entry.title)}</td></tr>`;
  }).join('');
  return simplePage(
    'Problem types',
    `<h1>Problem types</h1><p>Every error answer of this API is an RFC 9457 <code>application/problem+json</code> document whose <code>type</code> is one of these.</p>` +
      `<table><thead><tr><th>type</th><th>status</th><th>title</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
