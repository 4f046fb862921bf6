import type { CareerDocument, CareerSection } from '@career-anchor/contracts';
import { contactPieces, entryViews, summaryParagraphs, type EntryView, type Piece } from './content.ts';
import { headingItems, paragraphItems, rowItem, sectionItem, type Item, type Span, type TextStyle } from './layout.ts';
import { word, type ResumeLocale, type Word } from './words.ts';

/**
 * The two templates: classic, one column, every section in turn; modern, a tinted sidebar with
 * contact details, skills, languages and interests beside a main column with the rest. Both are
 * made of the same items, so headings, dates, bullets and links look alike in each.
 */

export type TemplateName = 'classic' | 'modern';

export interface Column {
  x: number;
  width: number;
  items: Item[];
}

export interface Template {
  columns: Column[];
  /** Drawn on every page before the text (the sidebar's tint). */
  background?: { x: number; width: number; color: string };
}

export const COLORS = { ink: '#1d2430', muted: '#5b6472', accent: '#1f4e79', rule: '#c5cfdb', sidebar: '#eef2f6' };

const style = (size: number, weight: 'regular' | 'bold' = 'regular', color = COLORS.ink): TextStyle => ({ size, weight, color });

interface Sizes {
  section: number;
  title: number;
  body: number;
  small: number;
}

const MAIN: Sizes = { section: 11.5, title: 10.5, body: 9.5, small: 9 };
const SIDEBAR: Sizes = { section: 10.5, title: 9.5, body: 9, small: 8.5 };

const SEPARATOR = ' · ';

/** Pieces as spans in one size, joined by “ · ”; muted and bold as each piece asks. */
function spansOf(pieces: Piece[], size: number, base: Partial<TextStyle> = {}): Span[] {
  return pieces.flatMap((piece, index) => {
    const span: Span = {
      text: piece.text,
      link: piece.link ?? null,
      style: { ...style(size, piece.bold ? 'bold' : 'regular', piece.muted ? COLORS.muted : COLORS.ink), ...base },
    };
    return index === 0 ? [span] : [{ text: SEPARATOR, style: style(size, 'regular', COLORS.muted) }, span];
  });
}

/** Pieces run together as they are (a label and its list), not joined. */
function runOf(pieces: Piece[], size: number): Span[] {
  return pieces.map((piece) => ({
    text: piece.text,
    link: piece.link ?? null,
    style: style(size, piece.bold ? 'bold' : 'regular', piece.muted ? COLORS.muted : COLORS.ink),
  }));
}

const leading = (size: number) => size * 1.45;

/** One entry: heading lines (with its dates), the line beneath, paragraphs, bullets and notes. */
function entryItems(entry: EntryView, width: number, sizes: Sizes, spaceBefore: number): Item[] {
  const [title, subtitle] = entry.title.length > 0 ? [entry.title, entry.subtitle] : [entry.subtitle, []];
  const dates: Span[] = entry.dates ? [{ text: entry.dates, style: style(sizes.small, 'regular', COLORS.muted) }] : [];
  const items = headingItems(spansOf(title, sizes.title), dates, { width, lineHeight: leading(sizes.title), spaceBefore });
  if (subtitle.length > 0) {
    items.push(
      ...paragraphItems(spansOf(subtitle, sizes.small), { width, lineHeight: leading(sizes.small), keep: true, role: 'heading' }),
    );
  }
  const body = { width, lineHeight: leading(sizes.body) };
  for (const text of entry.paragraphs) {
    items.push(...paragraphItems([{ text, style: style(sizes.body) }], { ...body, spaceBefore: 1.5 }));
  }
  for (const text of entry.bullets) {
    const bullet = { text: '•', style: style(sizes.body, 'regular', COLORS.accent) };
    items.push(...paragraphItems([{ text, style: style(sizes.body) }], { ...body, spaceBefore: 1, indent: 10, bullet }));
  }
  for (const note of entry.notes) items.push(...paragraphItems(runOf(note, sizes.small), { ...body, spaceBefore: 1.5 }));
  // Whatever the entry ends with stands alone: only its heading is held to what follows.
  const last = items[items.length - 1];
  if (last) last.keepWithNext = false;
  return items;
}

function sectionHeading(name: Word, locale: ResumeLocale, width: number, sizes: Sizes, first: boolean): Item {
  const span = { text: word(name, locale), style: style(sizes.section, 'bold', COLORS.accent) };
  return sectionItem(span, { width, spaceBefore: first ? 0 : sizes.section * 1.2, ruleColor: COLORS.rule });
}

/** A section of entries, each set as `entryItems` sets it; nothing at all when it has no entries. */
function entriesSection(
  doc: CareerDocument,
  section: CareerSection,
  locale: ResumeLocale,
  width: number,
  sizes: Sizes,
  first: boolean,
): Item[] {
  const views = entryViews(doc, section, locale);
  if (views.length === 0) return [];
  return [
    sectionHeading(section, locale, width, sizes, first),
    ...views.flatMap((view, index) => entryItems(view, width, sizes, index === 0 ? 2 : sizes.body * 0.9)),
  ];
}

/** Short entries (skills, languages, interests) as cells of a grid, `perRow` to a row. */
function gridSection(doc: CareerDocument, section: CareerSection, locale: ResumeLocale, width: number, perRow: number): Item[] {
  const views = entryViews(doc, section, locale);
  if (views.length === 0) return [];
  const cells = views.map((view) => [
    ...spansOf([...view.title, ...view.subtitle], MAIN.body),
    ...view.notes.flatMap((note) => [
      { text: ' — ', style: style(MAIN.small, 'regular', COLORS.muted) },
      ...runOf(note, MAIN.small),
    ]),
  ]);
  const rows: Item[] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const row = cells.slice(i, i + perRow);
    while (row.length < perRow) row.push([]);
    rows.push(rowItem(row, { width, lineHeight: leading(MAIN.body), gap: 14, spaceBefore: i === 0 ? 2 : 2.5 }));
  }
  return [sectionHeading(section, locale, width, MAIN, false), ...rows];
}

/** Name, headline and (for classic) the contact line: the top of the first page. */
function headerItems(doc: CareerDocument, width: number, withContact: boolean): Item[] {
  const { displayName, headline } = doc.profile;
  const items: Item[] = [];
  if (displayName?.trim()) {
    items.push(
      ...paragraphItems([{ text: displayName.trim(), style: style(22, 'bold', COLORS.ink) }], {
        width,
        lineHeight: 28,
        role: 'header',
      }),
    );
  }
  if (headline?.trim()) {
    items.push(
      ...paragraphItems([{ text: headline.trim(), style: style(11.5, 'regular', COLORS.accent) }], {
        width,
        lineHeight: 16,
        role: 'header',
      }),
    );
  }
  const contact = contactPieces(doc);
  if (withContact && contact.length > 0) {
    items.push(...paragraphItems(spansOf(contact, 9), { width, lineHeight: 13, spaceBefore: 3, role: 'header' }));
  }
  return items;
}

function summaryItems(doc: CareerDocument, locale: ResumeLocale, width: number): Item[] {
  const paragraphs = summaryParagraphs(doc);
  if (paragraphs.length === 0) return [];
  return [
    sectionHeading('summary', locale, width, MAIN, false),
    ...paragraphs.flatMap((text, index) =>
      paragraphItems([{ text, style: style(MAIN.body) }], {
        width,
        lineHeight: leading(MAIN.body),
        spaceBefore: index === 0 ? 2 : 3,
      }),
    ),
  ];
}

const CLASSIC_ENTRIES: CareerSection[] = [
  'positions',
  'education',
  'projects',
  'certificates',
  'awards',
  'publications',
  'volunteering',
  'references',
];

export interface PageBox {
  width: number;
  height: number;
}

const MARGIN = 50;

function classic(doc: CareerDocument, locale: ResumeLocale, page: PageBox): Template {
  const width = page.width - 2 * MARGIN;
  const items = [...headerItems(doc, width, true), ...summaryItems(doc, locale, width)];
  for (const section of CLASSIC_ENTRIES) {
    items.push(...entriesSection(doc, section, locale, width, MAIN, false));
    // The short lists follow the sections they sit best after.
    if (section === 'projects') items.push(...gridSection(doc, 'skills', locale, width, 2));
    if (section === 'publications') items.push(...gridSection(doc, 'languages', locale, width, 3));
    if (section === 'volunteering') items.push(...gridSection(doc, 'interests', locale, width, 2));
  }
  return { columns: [{ x: MARGIN, width, items }] };
}

/** The sidebar's short entries: one per paragraph, the title line then any notes beneath. */
function sidebarSection(
  doc: CareerDocument,
  section: CareerSection,
  locale: ResumeLocale,
  width: number,
  first: boolean,
): Item[] {
  const views = entryViews(doc, section, locale);
  if (views.length === 0) return [];
  const items = [sectionHeading(section, locale, width, SIDEBAR, first)];
  views.forEach((view, index) => {
    const title = spansOf([...view.title, ...view.subtitle], SIDEBAR.body);
    items.push(...paragraphItems(title, { width, lineHeight: leading(SIDEBAR.body), spaceBefore: index === 0 ? 2 : 4 }));
    for (const note of view.notes) {
      items.push(...paragraphItems(runOf(note, SIDEBAR.small), { width, lineHeight: leading(SIDEBAR.small) }));
    }
  });
  return items;
}

const SIDEBAR_WIDTH = 0.33;
const MODERN_MAIN: CareerSection[] = [
  'positions',
  'projects',
  'education',
  'volunteering',
  'certificates',
  'awards',
  'publications',
  'references',
];

function modern(doc: CareerDocument, locale: ResumeLocale, page: PageBox): Template {
  const band = Math.round(page.width * SIDEBAR_WIDTH);
  const side = { x: 26, width: band - 26 - 20 };
  const main = { x: band + 26, width: page.width - band - 26 - 42 };
  const contact = contactPieces(doc);
  const sideItems: Item[] = [];
  if (contact.length > 0) {
    sideItems.push(sectionHeading('contact', locale, side.width, SIDEBAR, true));
    contact.forEach((piece, index) =>
      sideItems.push(
        ...paragraphItems(spansOf([piece], SIDEBAR.small), {
          width: side.width,
          lineHeight: leading(SIDEBAR.small),
          spaceBefore: index === 0 ? 2 : 1.5,
        }),
      ),
    );
  }
  for (const section of ['skills', 'languages', 'interests'] as const) {
    sideItems.push(...sidebarSection(doc, section, locale, side.width, sideItems.length === 0));
  }
  const mainItems = [...headerItems(doc, main.width, false), ...summaryItems(doc, locale, main.width)];
  for (const section of MODERN_MAIN) {
    mainItems.push(...entriesSection(doc, section, locale, main.width, MAIN, mainItems.length === 0));
  }
  return {
    columns: [
      { ...side, items: sideItems },
      { ...main, items: mainItems },
    ],
    background: { x: 0, width: band, color: COLORS.sidebar },
  };
}

export const TEMPLATES: Record<TemplateName, (doc: CareerDocument, locale: ResumeLocale, page: PageBox) => Template> = {
  classic,
  modern,
};
