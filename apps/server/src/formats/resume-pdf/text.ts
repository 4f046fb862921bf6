/// <reference types="pdfkit" />
import bidiModule from 'bidi-js';
import LineBreaker from 'linebreak';
import { faceOf, familyFor, widthOf, type Face, type FamilyName, type Weight } from './fonts.ts';

/**
 * Setting text: a paragraph of styled spans is broken into lines at the places the Unicode line
 * breaking algorithm allows (between words, and between any two CJK characters), each character
 * drawn by a face that has its glyph, and each line put in visual order by the Unicode bidi
 * algorithm, so Arabic and Hebrew read right to left with their numbers and Latin words intact.
 */

export interface TextStyle {
  weight: Weight;
  size: number;
  color: string;
}

export interface Span {
  text: string;
  style: TextStyle;
  /** An http(s) address the span links to. */
  link?: string | null;
}

/** A piece of a line in one face and style, in the order it is drawn (left to right). */
export interface Run {
  /** What PDFKit is given: logical order for runs it shapes, already reversed for simple RTL runs. */
  text: string;
  face: Face;
  style: TextStyle;
  link: string | null;
  width: number;
  rtl: boolean;
}

export interface Line {
  runs: Run[];
  width: number;
  /** The line's characters in reading order, for checks and tests. */
  text: string;
}

export interface Paragraph {
  lines: Line[];
  /** The paragraph reads right to left (its first strong character is Arabic or Hebrew). */
  rtl: boolean;
}

// bidi-js is CommonJS whose `module.exports` is the factory, though its types describe an ES default export.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();

/** Characters that can make a paragraph need the bidi algorithm at all (the rest is all LTR). */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]|\ud802|\ud803|\ud83a|\ud83b/;

/** Composed (NFC); tabs and line ends become spaces; other control characters are dropped. */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

interface Chars {
  text: string;
  /** Per UTF-16 unit: the span it came from, and the family drawing it (null: not drawable). */
  span: Uint16Array;
  family: (FamilyName | null)[];
}

function charsOf(spans: Span[]): Chars {
  const texts = spans.map((span) => clean(span.text));
  const text = texts.join('');
  const span = new Uint16Array(text.length);
  const family: (FamilyName | null)[] = new Array(text.length);
  let at = 0;
  let previous: FamilyName | null = null;
  texts.forEach((part, index) => {
    for (const char of part) {
      const chosen = familyFor(char, previous);
      if (chosen) previous = chosen;
      for (let unit = 0; unit < char.length; unit++) {
        span[at + unit] = index;
        family[at + unit] = chosen;
      }
      at += char.length;
    }
  });
  return { text, span, family };
}

/** Calls `each` for the stretches of [start, end) that share a span and a family. */
function stretches(chars: Chars, start: number, end: number, each: (from: number, to: number) => void) {
  let from = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || chars.span[i] !== chars.span[from] || chars.family[i] !== chars.family[from]) {
      each(from, i);
      from = i;
    }
  }
}

function widthOfRange(chars: Chars, spans: Span[], start: number, end: number): number {
  let width = 0;
  stretches(chars, start, end, (from, to) => {
    const family = chars.family[from];
    if (!family) return;
    const style = spans[chars.span[from]!]!.style;
    width += widthOf(faceOf(family, style.weight), chars.text.slice(from, to)) * style.size;
  });
  return width;
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\u3000';

/** Where lines end: [start, end) ranges of the text, filled greedily up to `width`. */
function breakLines(chars: Chars, spans: Span[], width: number): [number, number][] {
  const { text } = chars;
  // Most headings and many lines fit whole: no need to look for places to break them.
  if (widthOfRange(chars, spans, 0, text.length) <= width) return [[0, text.length]];
  const lines: [number, number][] = [];
  let lineStart = 0;
  let lineWidth = 0;
  let segmentStart = 0;
  const breaker = new LineBreaker(text);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    const segmentEnd = found.position;
    let inkEnd = segmentEnd;
    while (inkEnd > segmentStart && isSpace(text[inkEnd - 1])) inkEnd--;
    const ink = widthOfRange(chars, spans, segmentStart, inkEnd);
    const full = ink + widthOfRange(chars, spans, inkEnd, segmentEnd);
    if (lineWidth > 0 && lineWidth + ink > width) {
      lines.push([lineStart, segmentStart]);
      lineStart = segmentStart;
      lineWidth = 0;
    }
    if (ink > width) {
      // A word longer than the line (a long address): cut it wherever it must be cut.
      let at = segmentStart;
      let pieceWidth = 0;
      for (const char of text.slice(segmentStart, inkEnd)) {
        const charWidth = widthOfRange(chars, spans, at, at + char.length);
        if (pieceWidth > 0 && pieceWidth + charWidth > width) {
          lines.push([lineStart, at]);
          lineStart = at;
          pieceWidth = 0;
        }
        pieceWidth += charWidth;
        at += char.length;
      }
      lineWidth = pieceWidth + (full - ink);
    } else {
      lineWidth += full;
    }
    segmentStart = segmentEnd;
  }
  if (lineStart < text.length || lines.length === 0) lines.push([lineStart, text.length]);
  return lines;
}

function reversed(text: string): string {
  return Array.from(text).reverse().join('');
}

function mirrored(text: string): string {
  let out = '';
  for (const char of text) out += bidi.getMirroredCharacter(char) ?? char;
  return out;
}

interface Piece {
  from: number;
  to: number;
  level: number;
}

/** Rule L2 of the bidi algorithm, on whole runs: reverse every stretch at or above each odd level. */
function visualOrder(pieces: Piece[]): Piece[] {
  const order = pieces.slice();
  if (order.length === 0) return order;
  const levels = order.map((piece) => piece.level);
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels) | 1;
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length;) {
      if (order[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && order[j]!.level >= level) j++;
      const flipped = order.slice(i, j).reverse();
      order.splice(i, j - i, ...flipped);
      i = j;
    }
  }
  return order;
}

function lineOf(chars: Chars, spans: Span[], start: number, end: number, levels: Uint8Array | null): Line {
  while (end > start && isSpace(chars.text[end - 1])) end--;
  const pieces: Piece[] = [];
  let from = start;
  const levelAt = (i: number) => (levels ? levels[i]! : 0);
  for (let i = start + 1; i <= end; i++) {
    const boundary =
      i === end || chars.span[i] !== chars.span[from] || chars.family[i] !== chars.family[from] || levelAt(i) !== levelAt(from);
    if (boundary) {
      if (chars.family[from]) pieces.push({ from, to: i, level: levelAt(from) });
      from = i;
    }
  }
  const runs: Run[] = [];
  let width = 0;
  for (const piece of visualOrder(pieces)) {
    const span = spans[chars.span[piece.from]!]!;
    const face = faceOf(chars.family[piece.from]!, span.style.weight);
    const rtl = piece.level % 2 === 1;
    const logical = chars.text.slice(piece.from, piece.to);
    // Shaped faces reverse right-to-left runs themselves (joining needs logical order); runs in
    // other faces are only spaces, digits and punctuation between RTL words: reversed here.
    const text = rtl ? (face.complex ? mirrored(logical) : reversed(mirrored(logical))) : logical;
    const runWidth = widthOf(face, logical) * span.style.size;
    runs.push({ text, face, style: span.style, link: span.link ?? null, width: runWidth, rtl });
    width += runWidth;
  }
  return { runs, width, text: chars.text.slice(start, end) };
}

/** Sets a paragraph in lines no wider than `width` points. */
export function typeset(spans: Span[], width: number): Paragraph {
  const chars = charsOf(spans);
  const embedding = MAY_BE_RTL.test(chars.text) ? bidi.getEmbeddingLevels(chars.text, 'auto') : null;
  const lines = breakLines(chars, spans, width).map(([start, end]) =>
    lineOf(chars, spans, start, end, embedding?.levels ?? null),
  );
  return { lines, rtl: (embedding?.paragraphs[0]?.level ?? 0) % 2 === 1 };
}

/** Draws one line with its left edge at `x` and its baseline at `baseline`; links become PDF links. */
export function drawLine(doc: PDFKit.PDFDocument, line: Line, x: number, baseline: number): void {
  let at = x;
  let link: { url: string; from: number; to: number; size: number } | null = null;
  const flushLink = () => {
    if (link) doc.link(link.from, baseline - link.size * 1.05, link.to - link.from, link.size * 1.35, link.url);
    link = null;
  };
  for (const run of line.runs) {
    if (run.text.trim()) {
      if (run.face.complex) run.face.drawable.direction = run.rtl ? 'rtl' : 'ltr';
      doc
        .font(run.face.id)
        .fontSize(run.style.size)
        .fillColor(run.style.color)
        .text(run.text, at, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          // Shaped as one run (not word by word), in the direction set above.
          ...(run.face.complex ? { features: [] } : {}),
        });
    }
    if (run.link && link?.url === run.link) link.to = at + run.width;
    else {
      flushLink();
      if (run.link) link = { url: run.link, from: at, to: at + run.width, size: run.style.size };
    }
    at += run.width;
  }
  flushLink();
}
