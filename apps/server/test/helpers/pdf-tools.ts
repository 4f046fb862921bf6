import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Reading a PDF back as a person's tools would: poppler-utils (Debian's `poppler-utils`) for its
 * text, page size, fonts and rendered pages, and a few looks inside the file itself.
 */

export function hasPoppler(): boolean {
  return spawnSync('pdftotext', ['-v']).status === 0;
}

/** Runs `work` with the PDF saved in a temporary folder, which is removed afterwards. */
export function withPdfFile<T>(pdf: Uint8Array, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'resume-pdf-'));
  try {
    const file = join(dir, 'resume.pdf');
    writeFileSync(file, pdf);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TextOptions {
  firstPage?: number;
  lastPage?: number;
  /** Only the text inside this area of each page, in points (72 dpi). */
  crop?: { x: number; y: number; width: number; height: number };
}

export function pdfText(pdf: Uint8Array, options: TextOptions = {}): string {
  return withPdfFile(pdf, (file) => {
    const args = ['-enc', 'UTF-8'];
    if (options.firstPage) args.push('-f', String(options.firstPage));
    if (options.lastPage) args.push('-l', String(options.lastPage));
    if (options.crop) {
      const { x, y, width, height } = options.crop;
      args.push(
        '-r',
        '72',
        '-x',
        String(Math.floor(x)),
        '-y',
        String(Math.floor(y)),
        '-W',
        String(Math.ceil(width)),
        '-H',
        String(Math.ceil(height)),
      );
    }
    return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  });
}

export function pdfInfo(pdf: Uint8Array): { pages: number; pageSize: string } {
  const out = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), pageSize: /^Page size:\s+(.*)$/m.exec(out)?.[1]?.trim() ?? '' };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const out = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      const [emb, sub, uni] = cells.slice(-5, -2);
      return {
        name: cells[0]!,
        type: cells.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

/** Renders every page with pdftoppm; returns the PNG sizes in bytes and what poppler complained of. */
export function renderPages(pdf: Uint8Array, dpi = 40): { pngBytes: number[]; stderr: string } {
  return withPdfFile(pdf, (file, dir) => {
    const run = spawnSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
    const pages = readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort();
    return { pngBytes: pages.map((name) => statSync(join(dir, name)).size), stderr: run.stderr };
  });
}

/** The decompressed content of every stream in the file. */
function streams(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const raw = bytes.toString('latin1');
  const found: string[] = [];
  const start = /(?<!end)stream\r?\n/g;
  for (let match = start.exec(raw); match; match = start.exec(raw)) {
    const from = match.index + match[0].length;
    const to = raw.indexOf('endstream', from);
    if (to < 0) break;
    try {
      found.push(inflateSync(bytes.subarray(from, to)).toString('latin1'));
    } catch {
      found.push(bytes.subarray(from, to).toString('latin1'));
    }
    start.lastIndex = to;
  }
  return found;
}

/** Glyph ids drawn by the pages' text operators (Identity-H: four hex digits a glyph). */
export function drawnGlyphIds(pdf: Uint8Array): number[] {
  const ids: number[] = [];
  // Page content is text: operators between BT and ET (font files are binary, and skipped).
  for (const content of streams(pdf).filter((stream) => /^[\x09\x0a\x0d\x20-\x7e]*$/.test(stream) && stream.includes('BT'))) {
    for (const array of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      for (const hex of array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 4 <= hex[1]!.length; i += 4) ids.push(parseInt(hex[1]!.slice(i, i + 4), 16));
      }
    }
  }
  return ids;
}

/** The addresses of the file's link annotations. */
export function linkTargets(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  return [...raw.matchAll(/\/URI \(([^)]*)\)/g)].map((match) => match[1]!.replace(/\\(.)/g, '$1'));
}

/** Texts must appear in `text` in this order (whitespace ignored: lines wrap anywhere). */
export function missingInOrder(text: string, expected: string[]): string[] {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const haystack = squeeze(text);
  const missing: string[] = [];
  let at = 0;
  for (const want of expected) {
    const found = haystack.indexOf(squeeze(want), at);
    if (found < 0) missing.push(want);
    else at = found + squeeze(want).length;
  }
  return missing;
}
