import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { drawableFont, type DirectedFont, type Shaping } from './drawable-font.ts';

/**
 * The typefaces a résumé is set in, all Noto (OFL), shipped as npm packages so that no server
 * needs fonts installed: Noto Sans for Latin, Greek and Cyrillic; Noto Sans SC for Chinese and
 * Japanese kana and kanji; Noto Sans KR for Hangul; Noto Sans Arabic and Noto Sans Hebrew for
 * right-to-left text. Each is read once per process; a PDF embeds only the glyphs it uses.
 */

export type Weight = 'regular' | 'bold';
export type FamilyName = 'latin' | 'cjk' | 'hangul' | 'arabic' | 'hebrew';

const FAMILIES: Record<FamilyName, { pkg: string; stem: string; script: RegExp | null }> = {
  latin: { pkg: '@expo-google-fonts/noto-sans', stem: 'NotoSans', script: null },
  cjk: {
    pkg: '@expo-google-fonts/noto-sans-sc',
    stem: 'NotoSansSC',
    script: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u,
  },
  hangul: { pkg: '@expo-google-fonts/noto-sans-kr', stem: 'NotoSansKR', script: /\p{Script=Hangul}/u },
  arabic: { pkg: '@expo-google-fonts/noto-sans-arabic', stem: 'NotoSansArabic', script: /\p{Script=Arabic}/u },
  hebrew: { pkg: '@expo-google-fonts/noto-sans-hebrew', stem: 'NotoSansHebrew', script: /\p{Script=Hebrew}/u },
};

/** The order a character tries the families in when its script does not name one. */
const FALLBACK: FamilyName[] = ['latin', 'cjk', 'hangul', 'arabic', 'hebrew'];
const FAMILY_NAMES = Object.keys(FAMILIES) as FamilyName[];

/** Scripts whose letters must be shaped as a whole run (joining forms, marks), right to left. */
const COMPLEX: ReadonlySet<FamilyName> = new Set(['arabic', 'hebrew']);

const SHAPING: Record<FamilyName, Shaping> = {
  latin: 'kerned',
  cjk: 'plain',
  hangul: 'plain',
  arabic: 'shaped',
  hebrew: 'shaped',
};

/** Characters of no script of their own: punctuation, spaces and digits; combining marks. */
const COMMON = /\p{Script=Common}/u;
const INHERITED = /\p{Script=Inherited}/u;

export interface Face {
  /** The name the PDF document registers it under. */
  id: string;
  family: FamilyName;
  weight: Weight;
  file: string;
  font: fontkit.Font;
  unitsPerEm: number;
  /** Whether its text is shaped as a whole run (Arabic joining, Hebrew marks). */
  complex: boolean;
  /** What PDFKit draws with: the font, laid out in the direction set just before each run. */
  drawable: DirectedFont;
}

const require = createRequire(import.meta.url);

/** Where a face's TTF file is, inside its npm package. */
export function fontFile(family: FamilyName, weight: Weight): string {
  const { pkg, stem } = FAMILIES[family];
  const folder = weight === 'bold' ? '700Bold' : '400Regular';
  return join(dirname(require.resolve(`${pkg}/package.json`)), folder, `${stem}_${folder}.ttf`);
}

const faces = new Map<string, Face>();

function face(family: FamilyName, weight: Weight): Face {
  const id = `${family}-${weight}`;
  let found = faces.get(id);
  if (!found) {
    const file = fontFile(family, weight);
    const font = fontkit.create(readFileSync(file)) as fontkit.Font;
    found = {
      id,
      family,
      weight,
      file,
      font,
      unitsPerEm: font.unitsPerEm,
      complex: COMPLEX.has(family),
      drawable: drawableFont(font, SHAPING[family]),
    };
    faces.set(id, found);
  }
  return found;
}

/** Coverage is the same for both weights of a family, so it is asked of the regular face only. */
const coverage = new Map<FamilyName, Map<number, boolean>>();

function covers(family: FamilyName, codePoint: number): boolean {
  let known = coverage.get(family);
  if (!known) coverage.set(family, (known = new Map()));
  let has = known.get(codePoint);
  if (has === undefined) {
    has = face(family, 'regular').font.hasGlyphForCodePoint(codePoint);
    known.set(codePoint, has);
  }
  return has;
}

/** The family a character's own script asks for, if any (Han → CJK, Hangul → Korean, …). */
function scriptFamily(char: string): FamilyName | null {
  return FAMILY_NAMES.find((name) => FAMILIES[name].script?.test(char)) ?? null;
}

const chosen = new Map<number, FamilyName | null>();

/**
 * The family that draws a character: the one its script asks for; for combining marks, the
 * family of the character before when that has the glyph (an Arabic vowel mark stays on its
 * letter); for spaces, digits and punctuation, that family too when it is Arabic or Hebrew (so an
 * RTL phrase stays one run), else the first family with the glyph, Latin before CJK. Null when
 * none has it (emoji, scripts no family covers): such characters are left out, not drawn as boxes.
 */
export function familyFor(char: string, previous: FamilyName | null): FamilyName | null {
  const codePoint = char.codePointAt(0)!;
  const key = codePoint * 8 + (previous ? FAMILY_NAMES.indexOf(previous) + 1 : 0);
  let family = chosen.get(key);
  if (family === undefined) {
    family = choose(char, codePoint, previous);
    chosen.set(key, family);
  }
  return family;
}

function choose(char: string, codePoint: number, previous: FamilyName | null): FamilyName | null {
  const own = scriptFamily(char);
  if (own && covers(own, codePoint)) return own;
  const keepsPrevious = previous && (INHERITED.test(char) || (COMPLEX.has(previous) && COMMON.test(char)));
  if (keepsPrevious && covers(previous, codePoint)) return previous;
  return FALLBACK.find((family) => covers(family, codePoint)) ?? null;
}

export function faceOf(family: FamilyName, weight: Weight): Face {
  return face(family, weight);
}

/** The faces read so far: after a résumé is laid out, every face it draws with is among them. */
export function loadedFaces(): Face[] {
  return [...faces.values()];
}

/** Every face, loaded: for tests that inspect the files. */
export function allFaces(): Face[] {
  return FAMILY_NAMES.flatMap((family) => [face(family, 'regular'), face(family, 'bold')]);
}

// --- widths ---------------------------------------------------------------------------------------

const advances = new Map<string, Map<number, number>>();
const shapedWidths = new Map<string, Map<string, number>>();

/**
 * The width of text set in one face, in units of the font size. Simple scripts add up each
 * glyph's advance (what line breaking needs, and quick); complex ones are shaped as PDFKit will
 * draw them, since joining forms change widths.
 */
export function widthOf(faceUsed: Face, text: string): number {
  const { unitsPerEm } = faceUsed;
  if (faceUsed.complex) {
    let known = shapedWidths.get(faceUsed.id);
    if (!known) shapedWidths.set(faceUsed.id, (known = new Map()));
    let width = known.get(text);
    if (width === undefined) {
      width = faceUsed.font.layout(text).advanceWidth / unitsPerEm;
      if (known.size >= 5_000) known.clear();
      known.set(text, width);
    }
    return width;
  }
  let known = advances.get(faceUsed.id);
  if (!known) advances.set(faceUsed.id, (known = new Map()));
  let total = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    let advance = known.get(codePoint);
    if (advance === undefined) {
      advance = faceUsed.font.glyphForCodePoint(codePoint).advanceWidth / unitsPerEm;
      known.set(codePoint, advance);
    }
    total += advance;
  }
  return total;
}
