import { SEARCH_TERMS_MAX, SEARCH_TERM_MAX } from '@career-anchor/contracts';

/** Opening quote → the quotes that close it: straight, and the curly ones Chinese input and macOS type. */
const QUOTES: Record<string, string> = { '"': '"”', '“': '”"', '”': '”"', '„': '“”"', '«': '»', '「': '」', '『': '』' };

/**
 * The terms of what someone typed into a search box or a list filter: words split at white space
 * (any, the ideographic space too), and "quoted phrases" kept whole. Each term must be found
 * somewhere, in any order. A quote opens a phrase only at the start of a word (5'10" stays a
 * word); a phrase left open runs to the end, so it matches while still being typed. Text without
 * any term (a lone quote) is taken as one literal term. Repeats count once (ignoring case). The
 * first SEARCH_TERMS_MAX terms count, each cut to SEARCH_TERM_MAX characters, so the work a query
 * asks for stays bounded.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    const term = [...raw.replace(/\s+/g, ' ').trim()].slice(0, SEARCH_TERM_MAX).join('').trim();
    const key = term.toLowerCase();
    if (term && !seen.has(key) && terms.length < SEARCH_TERMS_MAX) {
      seen.add(key);
      terms.push(term);
    }
  };
  const chars = [...text];
  let at = 0;
  while (at < chars.length) {
    while (at < chars.length && /\s/.test(chars[at]!)) at++;
    if (at >= chars.length) break;
    const closers = QUOTES[chars[at]!];
    let end = at;
    if (closers) {
      end = at + 1;
      while (end < chars.length && !closers.includes(chars[end]!)) end++;
      add(chars.slice(at + 1, end).join(''));
      at = end + 1;
    } else {
      while (end < chars.length && !/\s/.test(chars[end]!)) end++;
      add(chars.slice(at, end).join(''));
      at = end;
    }
  }
  if (terms.length === 0) add(text);
  return terms;
}
