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

type Span = [number, number];
/** A match of one term: [start, end) in the original text, and which term. */
type Match = { from: number; to: number; term: number };

/** Every match of each term (a term's matches do not overlap each other), in text order. */
function matchesOf(text: string, terms: readonly string[]): Match[] {
  const { folded, origin } = fold(text);
  const found: Match[] = [];
  terms.forEach((term, index) => {
    const needle = foldText(term);
    if (!needle) return;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
      found.push({ from: origin[at]!, to: origin[at + needle.length]!, term: index });
    }
  });
  return found.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Matches as marks, overlapping ones merged (two terms can overlap: "中文" and "文学"). */
function marksOf(matches: readonly Match[], shift = 0): Span[] {
  const marks: Span[] = [];
  for (const { from, to } of matches) {
    const last = marks.at(-1);
    if (last && from - shift < last[1]) last[1] = Math.max(last[1], to - shift);
    else marks.push([from - shift, to - shift]);
  }
  return marks;
}

/** Where each term matches in `text`, as [start, end) offsets. */
export const markTerms = (text: string, terms: readonly string[]): Span[] => marksOf(matchesOf(text, terms));

/**
 * The first run of matches no wider than `width` that holds the most different terms: where a
 * snippet shows the most of what was asked. Two pointers over the matches in text order.
 */
function bestRun(matches: readonly Match[], terms: number, width: number): { first: Match; last: Match } {
  const counts = new Array<number>(terms).fill(0);
  let distinct = 0;
  let best = { first: matches[0]!, last: matches[0]!, distinct: 0 };
  let left = 0;
  for (let right = 0; right < matches.length; right++) {
    if (counts[matches[right]!.term]!++ === 0) distinct++;
    while (matches[right]!.to - matches[left]!.from > width) {
      if (--counts[matches[left]!.term]! === 0) distinct--;
      left++;
    }
    if (distinct > best.distinct) best = { first: matches[left]!, last: matches[right]!, distinct };
  }
  return best;
}

/**
 * A window of `text` around its matches of `terms`, chosen to show as many different terms as
 * fit, with every match in the window marked as [start, end) offsets. Without a match, the start
 * of the text.
 */
export function snippetOf(text: string, terms: readonly string[], width = 160): { snippet: string; marks: Span[] } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const matches = matchesOf(flat, terms);
  if (matches.length === 0) return { snippet: flat.length > width ? `${flat.slice(0, width - 1)}…` : flat, marks: [] };
  const { first, last } = bestRun(matches, terms.length, width);
  // A third of the window before the first match, unless the last one would not fit then.
  let start = Math.max(0, first.from - Math.floor(width / 3), last.to - width);
  const end = Math.min(flat.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shown = matches.filter((match) => match.from >= start && match.to <= end);
  return { snippet: prefix + flat.slice(start, end) + suffix, marks: marksOf(shown, start - prefix.length) };
}
