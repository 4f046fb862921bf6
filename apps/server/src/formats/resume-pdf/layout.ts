/// <reference types="pdfkit" />
import { drawLine, typeset, type Line, type Span, type TextStyle } from './text.ts';

/**
 * A column of a résumé is a list of items, each one line high or a little more, that pages are
 * cut from. An item that must stay with the next (a section's heading, an entry's heading lines)
 * moves to the next page together with it, so a heading never ends a page.
 */

export type Role = 'header' | 'section' | 'heading' | 'body';

export interface Item {
  height: number;
  /** Space above it, dropped at the top of a page. */
  spaceBefore: number;
  keepWithNext: boolean;
  role: Role;
  /** Its text in reading order, for checks. */
  text: string;
  draw(doc: PDFKit.PDFDocument, x: number, top: number): void;
}

export interface Placed {
  item: Item;
  top: number;
}

/** Cuts a column into pages between `top` and `bottom`, keeping each item with the next where asked. */
export function paginate(items: Item[], top: number, bottom: number): Placed[][] {
  const pages: Placed[][] = [[]];
  let y = top;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const page = pages[pages.length - 1]!;
    // The item, the items it is kept with, and the first line of the one after them.
    let needed = item.height;
    for (let j = i; items[j]?.keepWithNext && items[j + 1]; j++) needed += items[j + 1]!.spaceBefore + items[j + 1]!.height;
    const gap = page.length > 0 ? item.spaceBefore : 0;
    if (page.length > 0 && y + gap + needed > bottom) {
      pages.push([]);
      y = top;
      pages[pages.length - 1]!.push({ item, top: y });
      y += item.height;
      continue;
    }
    page.push({ item, top: y + gap });
    y += gap + item.height;
  }
  return pages;
}

// --- items made of text ---------------------------------------------------------------------------

export interface ParagraphOptions {
  width: number;
  lineHeight: number;
  spaceBefore?: number;
  role?: Role;
  /** Every line stays with the next item (headings). */
  keep?: boolean;
  /** Text starts this far in; `bullet` is drawn in the space. */
  indent?: number;
  bullet?: Span | null;
}

/** Where a line's baseline sits below its top: the font size plus a third of the extra leading. */
function baselineOf(lineHeight: number, size: number): number {
  return size * 1.02 + (lineHeight - size * 1.2) / 3;
}

function largestSize(line: Line, fallback: number): number {
  return line.runs.reduce((largest, run) => Math.max(largest, run.style.size), 0) || fallback;
}

/** A paragraph as items, one per line; right-to-left paragraphs are set flush right. */
export function paragraphItems(spans: Span[], options: ParagraphOptions): Item[] {
  const indent = options.indent ?? 0;
  const textWidth = options.width - indent;
  const paragraph = typeset(spans, textWidth);
  const fallbackSize = spans[0]?.style.size ?? 10;
  const bullet = options.bullet ? typeset([options.bullet], indent).lines[0] : undefined;
  return paragraph.lines.map((line, index) => ({
    height: options.lineHeight,
    spaceBefore: index === 0 ? (options.spaceBefore ?? 0) : 0,
    keepWithNext: options.keep ?? false,
    role: options.role ?? 'body',
    text: line.text,
    draw(doc, x, top) {
      const baseline = top + baselineOf(options.lineHeight, largestSize(line, fallbackSize));
      // A right-to-left paragraph mirrors the indent: its bullet stands at the right.
      if (index === 0 && bullet) drawLine(doc, bullet, paragraph.rtl ? x + options.width - bullet.width : x, baseline);
      const left = paragraph.rtl ? x + textWidth - line.width : x + indent;
      drawLine(doc, line, left, baseline);
    },
  }));
}

/**
 * An entry's heading: its title lines, with `aside` (the dates) set flush right on the first.
 * Every line is kept with what follows.
 */
export function headingItems(title: Span[], aside: Span[], options: ParagraphOptions): Item[] {
  const asideLine = aside.length > 0 ? typeset(aside, options.width).lines[0] : undefined;
  const asideWidth = asideLine ? asideLine.width + 10 : 0;
  const items = paragraphItems(title, { ...options, width: options.width - asideWidth, keep: true, role: 'heading' });
  const first = items[0];
  if (first && asideLine) {
    const drawTitle = first.draw;
    // On the title's baseline.
    const size = title.reduce((largest, span) => Math.max(largest, span.style.size), 0);
    first.draw = (doc, x, top) => {
      drawTitle(doc, x, top);
      drawLine(doc, asideLine, x + options.width - asideLine.width, top + baselineOf(options.lineHeight, size));
    };
    first.text = `${first.text} ${asideLine.text}`;
  }
  return items;
}

/** Cells side by side in one item (skills in two columns), each a paragraph of its own width. */
export function rowItem(cells: Span[][], options: ParagraphOptions & { gap: number }): Item {
  const cellWidth = (options.width - options.gap * (cells.length - 1)) / cells.length;
  const set = cells.map((spans) => paragraphItems(spans, { ...options, width: cellWidth, spaceBefore: 0 }));
  const lines = Math.max(1, ...set.map((cell) => cell.length));
  return {
    height: lines * options.lineHeight,
    spaceBefore: options.spaceBefore ?? 0,
    keepWithNext: false,
    role: options.role ?? 'body',
    text: set.map((cell) => cell.map((item) => item.text).join(' ')).join(' '),
    draw(doc, x, top) {
      set.forEach((cell, column) =>
        cell.forEach((item, line) => item.draw(doc, x + column * (cellWidth + options.gap), top + line * options.lineHeight)),
      );
    },
  };
}

/** A section's heading: its name, a rule beneath, kept with the section's first entry. */
export function sectionItem(name: Span, options: { width: number; spaceBefore: number; ruleColor: string }): Item {
  const [line] = typeset([name], options.width).lines;
  const size = name.style.size;
  const height = size * 1.9;
  return {
    height,
    spaceBefore: options.spaceBefore,
    keepWithNext: true,
    role: 'section',
    text: line?.text ?? '',
    draw(doc, x, top) {
      if (line) drawLine(doc, line, x, top + size * 1.1);
      const ruleY = top + size * 1.45;
      doc
        .moveTo(x, ruleY)
        .lineTo(x + options.width, ruleY)
        .lineWidth(0.6)
        .strokeColor(options.ruleColor)
        .stroke();
    },
  };
}

export type { Span, TextStyle };
