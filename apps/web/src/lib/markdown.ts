import MarkdownIt from 'markdown-it';

/**
 * Markdown for the person's own report text. Raw HTML is not allowed (markdown-it escapes it),
 * and links to javascript:, vbscript:, file: and most data: addresses are refused by markdown-it's
 * own link check, so the output is safe to insert as HTML.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Links leave the app in a new tab and tell the other site nothing about it.
md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer nofollow');
  return self.renderToken(tokens, index, options);
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Text as one line of Markdown: line breaks folded, and a start that would open a block escaped. */
function asInline(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!/^(?:#{1,6}(?: |$)|>|[-+*] |[-*_](?: *[-*_]){2,} *$|`{3}|~{3}|=+ *$|\d{1,9}[.)](?: |$))/.test(line)) return line;
  return line.replace(/^(\d*)/, '$1\\');
}

/** A completed to-do as a list item of report text: its title, and its summary after a dash. */
export function todoListItem(title: string, summary: string | null | undefined): string {
  return summary?.trim() ? `- ${asInline(title)} — ${asInline(summary)}` : `- ${asInline(title)}`;
}

/** The text of each list item in Markdown, escapes undone. */
function listItems(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^\s*(?:[-+*]|\d{1,9}[.)])\s+(.*)$/.exec(line)?.[1])
    .filter((item): item is string => item !== undefined)
    .map((item) => item.replace(/\\([\\`*_{}[\]()#+\-.!>~=|])/g, '$1').trim());
}

/** Whether report text already lists this to-do: an item that is its title, or starts with it and a dash. */
export function listsTodo(text: string, title: string): boolean {
  const name = title.replace(/\s+/g, ' ').trim();
  return listItems(text).some((item) => item === name || item.startsWith(`${name} — `));
}
