import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { layoutResume, renderResumePdf, warmUpResumePdf, type ResumePdfOptions } from '../src/formats/resume-pdf.ts';
import { allFaces, familyFor, faceOf, type FamilyName } from '../src/formats/resume-pdf/fonts.ts';
import { typeset } from '../src/formats/resume-pdf/text.ts';
import { writeDateSpan, writePartialDate } from '../src/lib/dates.ts';
import { word } from '../src/formats/resume-pdf/words.ts';
import {
  drawnGlyphIds,
  hasPoppler,
  linkTargets,
  missingInOrder,
  pdfFonts,
  pdfInfo,
  pdfText,
  renderPages,
} from './helpers/pdf-tools.ts';
import { careerDocument, everySection } from './helpers/resume-pdf-fixtures.ts';

/**
 * The PDF résumé, read back with poppler-utils as a person's tools would read it: its text in
 * English and Chinese in order, its page size, its fonts (embedded subsets that have every glyph
 * it draws), right-to-left and CJK text, page breaks that keep headings with what follows.
 */

const LOCALES = ['en', 'zh-CN'] as const;
const TEMPLATES = ['classic', 'modern'] as const;
const PAPERS = ['a4', 'letter'] as const;

const CLASSIC_ORDER = [
  'positions',
  'education',
  'projects',
  'skills',
  'certificates',
  'awards',
  'publications',
  'languages',
  'volunteering',
  'interests',
  'references',
] as const;
const MODERN_MAIN = [
  'positions',
  'projects',
  'education',
  'volunteering',
  'certificates',
  'awards',
  'publications',
  'references',
] as const;
const MODERN_SIDE = ['skills', 'languages', 'interests'] as const;

/** The texts each column must show in order: section headings in the résumé's language, then each section's texts. */
function expectedOrder(
  marks: Record<string, string[]>,
  locale: (typeof LOCALES)[number],
  sections: readonly string[],
  start: string[],
) {
  return [...start, ...sections.flatMap((section) => [word(section as never, locale), ...marks[section]!])];
}

describe('PDF résumé', () => {
  it('has the tools it is checked with (Debian poppler-utils)', () => {
    expect(hasPoppler(), 'install poppler-utils: pdftotext, pdfinfo, pdffonts, pdftoppm').toBe(true);
  });

  describe.each(LOCALES)('in %s', (locale) => {
    const { doc, marks, dates } = everySection(locale);

    it.each(TEMPLATES.flatMap((template) => PAPERS.map((paper) => [template, paper] as const)))(
      '%s on %s: every section’s text, in order, on pages of the right size',
      async (template, paper) => {
        const options: ResumePdfOptions = { template, paper, locale };
        const pdf = await renderResumePdf(doc, options);
        const info = pdfInfo(pdf);
        expect(info.pageSize).toBe(paper === 'a4' ? '595.28 x 841.89 pts (A4)' : '612 x 792 pts (letter)');

        const summary = [word('summary', locale), ...marks.summary!];
        if (template === 'classic') {
          const text = pdfText(pdf);
          expect(missingInOrder(text, [...marks.header!, ...marks.contact!])).toEqual([]);
          expect(missingInOrder(text, expectedOrder(marks, locale, CLASSIC_ORDER, [...marks.header!, ...summary]))).toEqual([]);
          for (const date of dates) expect(text.replace(/\s+/g, '')).toContain(date.replace(/\s+/g, ''));
        } else {
          // Each column is read on its own: the sidebar, then the main column.
          const { template: layout, page } = layoutResume(doc, options);
          const [side, main] = layout.columns;
          const column = (c: typeof side) =>
            pdfText(pdf, { crop: { x: c!.x - 2, y: 0, width: c!.width + 4, height: page.height } });
          const sideText = column(side);
          const mainText = column(main);
          expect(missingInOrder(sideText, [word('contact', locale), ...marks.contact!])).toEqual([]);
          expect(missingInOrder(sideText, expectedOrder(marks, locale, MODERN_SIDE, []))).toEqual([]);
          expect(missingInOrder(mainText, expectedOrder(marks, locale, MODERN_MAIN, [...marks.header!, ...summary]))).toEqual([]);
          for (const date of dates) expect(mainText.replace(/\s+/g, '')).toContain(date.replace(/\s+/g, ''));
        }
        // Nothing of the other language's headings.
        const other = locale === 'en' ? 'zh-CN' : 'en';
        expect(pdfText(pdf)).not.toContain(word('positions', other));
      },
    );
  });

  it('embeds subsets of its fonts that have a glyph for every character it draws; pages render', async () => {
    const { doc } = everySection('zh-CN');
    doc.sections.positions[0]!.highlights.push(
      '日本語：検索基盤を改善した',
      '한국어: 검색 품질을 높였습니다',
      'العربية: تحسين البحث',
      'עברית: שיפור החיפוש',
      'emoji 🚀 left out',
    );
    const pdf = await renderResumePdf(doc, { template: 'modern', paper: 'a4', locale: 'zh-CN' });
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(5);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSans/);
    }
    // No text operator draws glyph 0 (.notdef, the missing-glyph box).
    const drawn = drawnGlyphIds(pdf);
    expect(drawn.length).toBeGreaterThan(500);
    expect(drawn.filter((id) => id === 0)).toEqual([]);
    // Every character the résumé holds has a real glyph in the face that draws it.
    const everyText = JSON.stringify(doc).replace(/[\s"{}[\]:,\\]/g, '');
    const uncovered: string[] = [];
    let previous: FamilyName | null = null;
    for (const char of new Set(everyText)) {
      const family = familyFor(char, previous);
      if (char === '🚀') {
        expect(family).toBeNull();
        continue;
      }
      const glyph = family ? faceOf(family, 'regular').font.glyphForCodePoint(char.codePointAt(0)!) : null;
      if (!glyph || glyph.id === 0 || glyph.path.commands.length === 0) uncovered.push(char);
      previous = family;
    }
    expect(uncovered).toEqual([]);
    const pages = renderPages(pdf);
    expect(pages.stderr).toBe('');
    expect(pages.pngBytes.length).toBe(pdfInfo(pdf).pages);
    for (const bytes of pages.pngBytes) expect(bytes).toBeGreaterThan(2_000);
  });

  it('the glyph check sees a missing-glyph box when one is drawn', async () => {
    // A guard against a check that passes because it reads nothing: Hangul set in the Latin font.
    const pdf = new PDFDocument({ autoFirstPage: true });
    const chunks: Uint8Array[] = [];
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    const done = new Promise((resolve) => pdf.on('end', resolve));
    pdf.registerFont('latin', readFileSync(faceOf('latin', 'regular').file));
    pdf.font('latin').text('Box: 한', 50, 50);
    pdf.end();
    await done;
    expect(drawnGlyphIds(Buffer.concat(chunks))).toContain(0);
  });

  it('the font files are real TTFs that cover Chinese, Japanese, Korean, Arabic and Hebrew', () => {
    const samples: Record<FamilyName, string> = {
      latin: 'Résumé Zoë Łódź Ελληνικά Русский',
      cjk: '简历經歷ひらがなカタカナ漢字',
      hangul: '한국어이력서',
      arabic: 'السيرة الذاتية',
      hebrew: 'קורות חיים',
    };
    for (const face of allFaces()) {
      const font = fontkit.openSync(face.file) as fontkit.Font;
      for (const char of samples[face.family].replace(/\s/g, '')) {
        expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), `${face.id} ${char}`).toBe(true);
      }
    }
  });

  it('sets Japanese, Korean, Arabic and Hebrew entries with their own fonts, right-to-left text in reading order', async () => {
    const doc = careerDocument(
      { displayName: 'Mixed Scripts', headline: 'مهندس برمجيات أول (Google)' },
      {
        positions: [
          {
            name: '株式会社サンプル',
            position: 'ソフトウェアエンジニア',
            location: '東京',
            startDate: '2019-04',
            current: true,
            highlights: ['検索基盤のレイテンシを半減させた'],
          },
          {
            name: '삼성전자',
            position: '소프트웨어 엔지니어',
            location: '서울',
            startDate: '2015',
            endDate: '2019-03',
            highlights: ['대규모 분산 시스템을 설계했습니다'],
          },
          {
            name: 'شركة المثال',
            position: 'مطور برمجيات',
            startDate: '2012',
            endDate: '2015',
            summary: 'عملت على تطوير نظام الدفع',
            highlights: ['עבדתי על מערכת תשלומים בשנת 2014'],
          },
        ],
      },
    );
    const pdf = await renderResumePdf(doc, { template: 'classic', paper: 'a4', locale: 'en' });
    const names = pdfFonts(pdf).map((font) => font.name.split('+')[1]);
    expect(names).toEqual(
      expect.arrayContaining(['NotoSansSC-Regular', 'NotoSansKR-Regular', 'NotoSansArabic-Regular', 'NotoSansHebrew-Regular']),
    );
    const text = pdfText(pdf);
    for (const words of [
      'ソフトウェアエンジニア',
      '株式会社サンプル',
      '東京',
      '検索基盤のレイテンシを半減させた',
      '소프트웨어 엔지니어',
      '대규모 분산 시스템을 설계했습니다',
    ]) {
      expect(text).toContain(words);
    }
    // Extraction reads right-to-left words in reading order, each letter right (Arabic letters
    // that share a shape in the font are told apart).
    for (const words of ['شركة', 'المثال', 'مطور', 'برمجيات', 'تطوير', 'نظام', 'מערכת', 'תשלומים', '2014', 'Google']) {
      expect(text).toContain(words);
    }
  });

  it('orders a right-to-left line by the bidi algorithm: numbers and Latin stay left to right, brackets mirror', () => {
    const style = { size: 10, weight: 'regular' as const, color: '#000' };
    const { lines, rtl } = typeset([{ text: 'عملت 2015 على (Java) نظام', style }], 1000);
    expect(rtl).toBe(true);
    const runs = lines[0]!.runs;
    // Drawn left to right: the last word first, the first word last.
    expect(runs[0]!.text).toContain('نظام');
    expect(runs.at(-1)!.text).toContain('عملت');
    const number = runs.find((run) => run.text.includes('2015'))!;
    expect(number.rtl).toBe(false);
    const java = runs.find((run) => run.text.includes('Java'))!;
    expect(java.rtl).toBe(false);
    expect(java.face.family).toBe('latin');
    // The brackets around “Java” are in a right-to-left run: mirrored so they still enclose it.
    const before = runs[runs.indexOf(java) - 1]!.text;
    const after = runs[runs.indexOf(java) + 1]!.text;
    expect(before).toContain('(');
    expect(after).toContain(')');
    const plain = typeset([{ text: 'Built 2 systems', style }], 1000);
    expect(plain.rtl).toBe(false);
    expect(plain.lines[0]!.runs.map((run) => run.text).join('')).toBe('Built 2 systems');
  });

  it('never ends a page with an entry’s heading: it moves to the next page with its first line', async () => {
    let movedAtLeastOnce = false;
    for (let filler = 0; filler < 24; filler++) {
      const doc = careerDocument(
        { displayName: 'Keep With Next', summary: Array.from({ length: filler }, (_, i) => `Filler line ${i}`).join('\n') },
        {
          positions: Array.from({ length: 12 }, (_, i) => ({
            name: `Org ${i}`,
            position: `Heading ${i}`,
            startDate: '2020',
            highlights: [`First line of entry ${i}`, 'Second line', 'Third line', 'Fourth line', 'Fifth line'],
          })),
        },
      );
      const options: ResumePdfOptions = { template: 'classic', paper: 'letter', locale: 'en' };
      const layout = layoutResume(doc, options);
      const bottom = layout.page.height - 56;
      layout.pages.forEach((columns, index) => {
        for (const placed of columns) {
          const last = placed.at(-1);
          const isEnd = index === layout.pages.length - 1;
          if (last && !isEnd) expect(last.item.keepWithNext, `page ${index + 1} ends with “${last.item.text}”`).toBe(false);
          // A heading opening a page though the page before had room for it: the rule moved it.
          const previous = layout.pages[index - 1]?.[0]?.at(-1);
          if (
            placed[0]?.item.role === 'heading' &&
            previous &&
            previous.top + previous.item.height + placed[0].item.height < bottom
          ) {
            movedAtLeastOnce = true;
          }
        }
      });
      // The PDF agrees: each heading is on the same page as its first line.
      if (filler % 6 === 0 || filler === 23) {
        const pdf = await renderResumePdf(doc, options);
        for (let page = 1; page <= pdfInfo(pdf).pages; page++) {
          const text = pdfText(pdf, { firstPage: page, lastPage: page });
          for (const heading of text.matchAll(/Heading (\d+)/g)) expect(text).toContain(`First line of entry ${heading[1]}`);
        }
      }
    }
    expect(movedAtLeastOnce).toBe(true);
  });

  it('writes dates at their precision, “Present” for current, in English and Chinese', () => {
    expect(writePartialDate('2024', 'en')).toBe('2024');
    expect(writePartialDate('2024', 'zh-CN')).toBe('2024');
    expect(writePartialDate('2024-06', 'en')).toBe('Jun 2024');
    expect(writePartialDate('2024-06', 'zh-CN')).toBe('2024年6月');
    expect(writePartialDate('2024-06-03', 'en')).toBe('3 Jun 2024');
    expect(writePartialDate('2024-06-03', 'zh-CN')).toBe('2024年6月3日');
    expect(writeDateSpan('2024-06', null, true, 'en')).toBe('Jun 2024 – Present');
    expect(writeDateSpan('2024-06', null, true, 'zh-CN')).toBe('2024年6月 – 至今');
    expect(writeDateSpan('2019', '2021-02', false, 'en')).toBe('2019 – Feb 2021');
    expect(writeDateSpan(null, '2021', false, 'en')).toBe('2021');
  });

  it('shows only what it is given, and links only http(s) addresses', async () => {
    const doc = careerDocument(
      {
        displayName: 'Only This',
        url: 'javascript:alert(1)',
        links: [
          { label: 'Site', url: 'https://site.example.com/me' },
          { label: 'Mail', url: 'mailto:me@example.com' },
          { label: 'Files', url: 'ftp://files.example.com' },
        ],
      },
      { certificates: [{ name: 'One Certificate', url: 'http://cert.example.com/1' }] },
    );
    const pdf = await renderResumePdf(doc, { template: 'classic', paper: 'a4', locale: 'en' });
    const text = pdfText(pdf).replace(/\s+/g, ' ').trim();
    expect(text).toBe('Only This javascript:alert(1) · Site · Mail · Files Certificates One Certificate cert.example.com/1');
    expect(linkTargets(pdf).sort()).toEqual(['http://cert.example.com/1', 'https://site.example.com/me']);
  });

  it('warms up by setting a small résumé of its own', async () => {
    await expect(warmUpResumePdf()).resolves.toBeUndefined();
  });

  it('an empty profile is one page with nothing on it but what there is', async () => {
    const pdf = await renderResumePdf(careerDocument({ displayName: '张三' }, {}), {
      template: 'modern',
      paper: 'letter',
      locale: 'zh-CN',
    });
    expect(pdfInfo(pdf).pages).toBe(1);
    expect(pdfText(pdf).trim()).toBe('张三');
  });
});
