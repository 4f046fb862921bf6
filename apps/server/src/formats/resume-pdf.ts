import PDFDocument from 'pdfkit';
import type { CareerDocument, CareerEntry } from '@career-anchor/contracts';
import { emptyCareerProfile, unstoredEntryFields } from './career-document.ts';
import { loadedFaces } from './resume-pdf/fonts.ts';
import { paginate, type Placed } from './resume-pdf/layout.ts';
import { COLORS, TEMPLATES, type PageBox, type Template, type TemplateName } from './resume-pdf/templates.ts';
import { drawLine, typeset } from './resume-pdf/text.ts';
import { pageNumber, word, type ResumeLocale } from './resume-pdf/words.ts';

/**
 * The résumé as a PDF, made in-process with PDFKit (no browser): real, selectable text in
 * embedded subsets of the Noto fonts (Latin, CJK, Hangul, Arabic, Hebrew), one-column `classic`
 * or two-column `modern`, A4 or US Letter, headings in English or Chinese. It shows exactly the
 * entries and fields it is given: the caller chooses what is public.
 */

export type Paper = 'a4' | 'letter';

export interface ResumePdfOptions {
  template: TemplateName;
  paper: Paper;
  locale: ResumeLocale;
}

export const PAPER_SIZES: Record<Paper, PageBox> = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
};

const TOP = 46;
const BOTTOM = 56;

export interface ResumeLayout {
  page: PageBox;
  template: Template;
  /** Per page, per column: the items placed there. */
  pages: Placed[][][];
}

/** Where everything goes: the template's columns cut into pages. */
export function layoutResume(doc: CareerDocument, options: ResumePdfOptions): ResumeLayout {
  const page = PAPER_SIZES[options.paper];
  const template = TEMPLATES[options.template](doc, options.locale, page);
  const columns = template.columns.map((column) => paginate(column.items, TOP, page.height - BOTTOM));
  const count = Math.max(1, ...columns.map((pages) => pages.length));
  const pages = Array.from({ length: count }, (_, index) => columns.map((pages) => pages[index] ?? []));
  return { page, template, pages };
}

/** “Page 2 of 3”, flush right under the text, when there is more than one page. */
function footer(pdf: PDFKit.PDFDocument, layout: ResumeLayout, index: number, locale: ResumeLocale) {
  if (layout.pages.length < 2) return;
  const text = pageNumber(index + 1, layout.pages.length, locale);
  const [line] = typeset([{ text, style: { size: 8, weight: 'regular', color: COLORS.muted } }], Infinity).lines;
  if (line) drawLine(pdf, line, layout.page.width - 42 - line.width, layout.page.height - 26);
}

export async function renderResumePdf(doc: CareerDocument, options: ResumePdfOptions): Promise<Uint8Array> {
  const layout = layoutResume(doc, options);
  const name = doc.profile.displayName?.trim();
  const pdf = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    lang: options.locale,
    info: {
      Title: name ? `${name} — ${word('resume', options.locale)}` : word('resume', options.locale),
      ...(name ? { Author: name } : {}),
      Creator: 'Career Anchor',
    },
  });
  const chunks: Uint8Array[] = [];
  pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  // PDFKit takes fontkit's fonts as they are (read once per process); only faces drawn with are embedded.
  for (const face of loadedFaces()) pdf.registerFont(face.id, face.drawable as unknown as PDFKit.Mixins.PDFFontSource);
  layout.pages.forEach((columns, index) => {
    pdf.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
    const band = layout.template.background;
    if (band) pdf.rect(band.x, 0, band.width, layout.page.height).fill(band.color);
    columns.forEach((placed, column) => {
      const { x } = layout.template.columns[column]!;
      for (const { item, top } of placed) item.draw(pdf, x, top);
    });
    footer(pdf, layout, index, options.locale);
  });
  pdf.end();
  await finished;
  return Buffer.concat(chunks);
}

/**
 * Reads the Latin and Chinese fonts and sets a small two-language résumé, so that the first one a
 * person asks for does not also pay for reading fonts and warming up (about half a second of
 * CPU); a server may call it once it has started. Costs the fonts' memory (about 25 MB).
 */
export async function warmUpResumePdf(): Promise<void> {
  const entry = unstoredEntryFields();
  const doc: CareerDocument = {
    profile: { ...emptyCareerProfile(), displayName: 'Warm up 预热', headline: 'Engineer 工程师' },
    sections: {
      positions: [
        // Cast: the contracts type a position's `position` (its title) as the order number's.
        {
          ...entry,
          name: 'Example 示例',
          position: 'Engineer 工程师',
          url: '',
          location: '',
          description: '',
          startDate: '2020-01',
          endDate: null,
          current: true,
          summary: 'Built things 做了很多事',
          highlights: ['Shipped 2 releases 发布了两个版本'],
        } as unknown as CareerEntry<'positions'>,
      ],
      education: [],
      projects: [],
      skills: [],
      certificates: [],
      awards: [],
      publications: [],
      languages: [],
      volunteering: [],
      interests: [],
      references: [],
    },
  };
  await renderResumePdf(doc, { template: 'classic', paper: 'a4', locale: 'en' });
}
