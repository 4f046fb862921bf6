/**
 * Text folded for matching (lower case, accents removed), with a map from each folded character
 * back to its position in the original, so a match found in folded text can be marked in the
 * original.
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = text[i]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let j = 0; j < piece.length; j++) {
      folded += piece[j];
      origin.push(i);
    }
  }
  origin.push(text.length);
  return { folded, origin };
}

export const foldText = (text: string) => fold(text).folded;

/**
 * A window of `text` around the first match of `query`, with every match in the window marked
 * as [start, end) offsets. Without a match, the start of the text.
 */
export function snippetOf(text: string, query: string, width = 160): { snippet: string; marks: [number, number][] } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const needle = foldText(query.trim());
  const { folded, origin } = fold(flat);
  const first = needle ? folded.indexOf(needle) : -1;
  if (first < 0) return { snippet: flat.length > width ? `${flat.slice(0, width - 1)}…` : flat, marks: [] };
  const matchStart = origin[first]!;
  let start = Math.max(0, matchStart - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const snippet = prefix + flat.slice(start, end) + suffix;
  const marks: [number, number][] = [];
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
    const from = origin[at]!;
    const to = origin[at + needle.length]!;
    if (from < start || to > end) continue;
    marks.push([from - start + prefix.length, to - start + prefix.length]);
  }
  return { snippet, marks };
}
