/** Link targets that run code when clicked in a viewer that follows them. */
const SCRIPT_SCHEME = String.raw`(?:javascript|vbscript|data|file):`;
const INLINE_LINK = new RegExp(String.raw`(\]\(\s*<?\s*)${SCRIPT_SCHEME}[^)\s>]*`, 'gi');
const REFERENCE = new RegExp(String.raw`^(\s{0,3}\[[^\]\n]+\]:\s*<?\s*)${SCRIPT_SCHEME}\S*`, 'gim');
/** Fenced code blocks and code spans: their text is shown as written, so it is left alone. */
const CODE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]+`)/;

/**
 * Markdown as a file to be opened anywhere: raw HTML reads as text (`<img onerror>` cannot run in
 * a viewer that renders HTML) and links to script schemes lose their target. The app's own pages
 * render Markdown without HTML already; this is for what leaves it (the Markdown export).
 */
export function safeMarkdown(text: string): string {
  return text
    .split(CODE)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/<(?=[A-Za-z!/?])/g, '&lt;')
            .replace(INLINE_LINK, '$1#')
            .replace(REFERENCE, '$1#'),
    )
    .join('');
}
