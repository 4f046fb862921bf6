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
