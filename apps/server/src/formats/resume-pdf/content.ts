import type { CareerDocument, CareerEntry, CareerSection } from '@career-anchor/contracts';
import { writeDateSpan, writePartialDate } from '../../lib/dates.ts';
import { labelled, type ResumeLocale } from './words.ts';

/**
 * What a résumé says about each entry, before any typesetting: every section's entry becomes the
 * same few parts (a title, dates, a line beneath, paragraphs, bullets, labelled notes), so both
 * templates set every section with one piece of code. Only fields that hold something appear.
 */

export interface Piece {
  text: string;
  /** An http(s) address the text links to. */
  link?: string | null;
  muted?: boolean;
  bold?: boolean;
}

export interface EntryView {
  title: Piece[];
  dates: string;
  /** Organisation, place, degree, address…: one line beneath the title, parts joined by “ · ”. */
  subtitle: Piece[];
  paragraphs: string[];
  bullets: string[];
  /** Labelled lists (“Courses: …”, “Keywords: …”). */
  notes: Piece[][];
}

/** A link only for http(s) addresses that parse; anything else is shown as plain text. */
export function linkOf(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An address as a résumé shows it: without the scheme or a trailing slash. */
export function shownUrl(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '');
}

export function urlPiece(url: string | null | undefined): Piece | null {
  return url?.trim() ? { text: shownUrl(url), link: linkOf(url), muted: true } : null;
}

const filled = (...texts: (string | null | undefined)[]) => texts.map((t) => t?.trim() ?? '').filter(Boolean);

/** A list field as given, or none (a caller may leave a field out). */
const items = (list: string[] | null | undefined) => filled(...(list ?? []));

export function listOf(list: string[] | null | undefined, locale: ResumeLocale): string {
  return items(list).join(locale === 'zh-CN' ? '、' : ', ');
}

/** Prose kept with its line breaks: each non-empty line is a paragraph of its own. */
function paragraphsOf(...texts: (string | null | undefined)[]): string[] {
  return texts
    .flatMap((text) => (text ?? '').split(/\r?\n/))
    .map((line) => line.trim())
    .filter(Boolean);
}

function note(key: Parameters<typeof labelled>[0], list: string[] | null | undefined, locale: ResumeLocale): Piece[][] {
  const joined = listOf(list, locale);
  return joined ? [[{ text: labelled(key, locale), muted: true }, { text: joined }]] : [];
}

/** The first of `candidates` that holds something is the title; the rest go beneath it. */
function titled(candidates: (string | null | undefined)[], rest: (Piece | null)[]): Pick<EntryView, 'title' | 'subtitle'> {
  const texts = filled(...candidates);
  const [title = '', ...others] = texts;
  const subtitle = [...others.map((text) => ({ text })), ...rest].filter(
    (piece): piece is Piece => piece !== null && piece.text !== '',
  );
  return { title: title ? [{ text: title, bold: true }] : [], subtitle };
}

const plain = (text: string | null | undefined): Piece | null => (text?.trim() ? { text: text.trim() } : null);

function view(parts: Partial<EntryView> & Pick<EntryView, 'title' | 'subtitle'>): EntryView {
  return { dates: '', paragraphs: [], bullets: [], notes: [], ...parts };
}

type Viewer<S extends CareerSection> = (entry: CareerEntry<S>, locale: ResumeLocale, doc: CareerDocument) => EntryView;

const date = (value: string | null, locale: ResumeLocale) => (value ? writePartialDate(value, locale) : '');

const VIEWS: { [S in CareerSection]: Viewer<S> } = {
  positions: (e, locale) =>
    view({
      ...titled([e.position, e.name], [plain(e.location), urlPiece(e.url)]),
      dates: writeDateSpan(e.startDate, e.endDate, e.current, locale),
      paragraphs: paragraphsOf(e.description, e.summary),
      bullets: items(e.highlights),
    }),
  education: (e, locale) =>
    view({
      ...titled(
        [e.institution],
        [
          plain(filled(e.studyType, e.area).join(' · ')),
          e.score.trim() ? { text: labelled('score', locale) + e.score.trim() } : null,
          urlPiece(e.url),
        ],
      ),
      dates: writeDateSpan(e.startDate, e.endDate, false, locale),
      notes: note('courses', e.courses, locale),
    }),
  projects: (e, locale, doc) => {
    const position = e.positionId ? doc.sections.positions.find((p) => p.id === e.positionId) : undefined;
    const partOf = position && filled(position.name, position.position)[0];
    return view({
      ...titled(
        [e.name],
        [
          plain(listOf(e.roles, locale)),
          plain(e.entity),
          plain(e.type),
          partOf ? { text: labelled('partOf', locale) + partOf } : null,
          urlPiece(e.url),
        ],
      ),
      dates: writeDateSpan(e.startDate, e.endDate, false, locale),
      paragraphs: paragraphsOf(e.description),
      bullets: items(e.highlights),
      notes: note('keywords', e.keywords, locale),
    });
  },
  skills: (e, locale) =>
    view({
      title: filled(e.name).map((text) => ({ text, bold: true })),
      subtitle: filled(e.level).map((text) => ({ text, muted: true })),
      notes: filled(listOf(e.keywords, locale)).map((text) => [{ text }]),
    }),
  certificates: (e, locale) => view({ ...titled([e.name], [plain(e.issuer), urlPiece(e.url)]), dates: date(e.date, locale) }),
  awards: (e, locale) =>
    view({ ...titled([e.title], [plain(e.awarder)]), dates: date(e.date, locale), paragraphs: paragraphsOf(e.summary) }),
  publications: (e, locale) =>
    view({
      ...titled([e.name], [plain(e.publisher), urlPiece(e.url)]),
      dates: date(e.releaseDate, locale),
      paragraphs: paragraphsOf(e.summary),
    }),
  languages: (e) =>
    view({
      title: filled(e.language).map((text) => ({ text, bold: true })),
      subtitle: filled(e.fluency).map((text) => ({ text, muted: true })),
    }),
  volunteering: (e, locale) =>
    view({
      ...titled([e.position, e.organization], [urlPiece(e.url)]),
      dates: writeDateSpan(e.startDate, e.endDate, false, locale),
      paragraphs: paragraphsOf(e.summary),
      bullets: items(e.highlights),
    }),
  interests: (e, locale) =>
    view({
      title: filled(e.name).map((text) => ({ text, bold: true })),
      subtitle: [],
      notes: filled(listOf(e.keywords, locale)).map((text) => [{ text }]),
    }),
  references: (e) => view({ ...titled([e.name], []), paragraphs: paragraphsOf(e.reference) }),
};

/** The section's entries as views, in the order given; entries with nothing to show are left out. */
export function entryViews<S extends CareerSection>(doc: CareerDocument, section: S, locale: ResumeLocale): EntryView[] {
  const viewer = VIEWS[section] as Viewer<S>;
  const entries = (doc.sections[section] ?? []) as CareerEntry<S>[];
  return entries
    .map((entry) => viewer(entry, locale, doc))
    .filter((v) => v.title.length + v.subtitle.length + v.paragraphs.length + v.bullets.length + v.notes.length > 0);
}

/** The person's contact details, each a piece of its own (a link where it is an http(s) address). */
export function contactPieces(doc: CareerDocument): Piece[] {
  const { profile } = doc;
  const address = profile.address ?? {};
  const place =
    profile.location?.trim() ||
    filled(address.address, filled(address.postalCode, address.city).join(' '), address.region, address.countryCode).join(', ');
  return [
    plain(profile.email),
    plain(profile.phone),
    urlPiece(profile.url),
    plain(place),
    ...(profile.links ?? []).map((link) =>
      link.url?.trim() || link.label?.trim()
        ? { text: link.label?.trim() || shownUrl(link.url), link: linkOf(link.url ?? ''), muted: true }
        : null,
    ),
  ]
    .filter((piece): piece is Piece => piece !== null)
    .map((piece) => ({ ...piece, muted: true }));
}

export function summaryParagraphs(doc: CareerDocument): string[] {
  return paragraphsOf(doc.profile.summary ?? '');
}
