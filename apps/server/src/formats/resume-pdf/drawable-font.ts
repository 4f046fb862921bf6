import type * as fontkit from 'fontkit';

/**
 * What PDFKit draws with: fontkit's font, wrapped so that each run is laid out in the direction
 * the bidi algorithm gave it, shaped runs are kept across documents, and Arabic letters that
 * share a shape still copy out as themselves.
 */

/**
 * PDFKit asks fontkit to lay text out without a direction, and fontkit then guesses it from the
 * script, which would turn Arabic-Indic digits (an Arabic-script, left-to-right run) backwards.
 * The typesetter knows each run's direction from the bidi algorithm and sets it here first.
 */
export interface DirectedFont extends fontkit.Font {
  direction: 'ltr' | 'rtl';
}

/**
 * How much of OpenType layout a face's text goes through. `shaped`: all of it (Arabic joining,
 * Hebrew points). `kerned`: the default features but mark positioning, whose tables cost a fresh
 * process most of a second to read in Noto Sans; text is composed (NFC) before it is set, so
 * Latin marks stand alone only in rare letters. `plain`: each character's glyph at its advance,
 * all that horizontal Chinese, Japanese and Korean need, with nothing to read first.
 */
export type Shaping = 'shaped' | 'kerned' | 'plain';

const UNMARKED = { mark: false, mkmk: false };

function plainRun(font: fontkit.Font, text: string): fontkit.GlyphRun {
  const glyphs = font.glyphsForString(text);
  const positions = glyphs.map((glyph) => ({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  return { glyphs, positions } as unknown as fontkit.GlyphRun;
}

/** Shaped runs kept across documents (a résumé sets the same words each time), per face. */
const MAX_KEPT_RUNS = 5_000;

interface Subset {
  glyphs: number[];
  mapping: Record<number, number>;
  includeGlyph(glyph: number | { id: number }): number;
}

/** The font as PDFKit gets it; shaped faces (Arabic, Hebrew) also get glyph twins. */
export function drawableFont(font: fontkit.Font, shaping: Shaping): DirectedFont {
  const drawable = Object.create(font) as DirectedFont;
  drawable.direction = 'ltr';
  const kept = new Map<string, fontkit.GlyphRun>();
  const twins = shaping === 'shaped' ? glyphTwins(font, drawable) : null;
  drawable.layout = (text, features) => {
    const key = `${drawable.direction}${Array.isArray(features) ? features.join() : ''}|${text}`;
    let run = kept.get(key);
    if (!run) {
      if (kept.size >= MAX_KEPT_RUNS) kept.clear();
      run =
        shaping === 'plain'
          ? plainRun(font, text)
          : font.layout(
              text,
              features ?? (shaping === 'kerned' ? UNMARKED : undefined),
              undefined,
              undefined,
              drawable.direction,
            );
      if (twins) run.glyphs = run.glyphs.map(twins);
      kept.set(key, run);
    }
    // PDFKit scales the positions it is given in place: it gets its own copy of them.
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((width, position) => width + position.xAdvance, 0);
      },
    } as unknown as fontkit.GlyphRun;
  };
  return drawable;
}

/**
 * Arabic fonts draw several letters with one dotless shape plus dot marks, while a PDF tells a
 * reader one text per glyph: copied text would turn ث into ي. So each (glyph, letters) pair
 * becomes a glyph of its own in the embedded subset (a twin, with the same outline), and text
 * extraction gets every letter right. Twin ids start past the font's own.
 */
function glyphTwins(font: fontkit.Font, drawable: DirectedFont): (glyph: fontkit.Glyph) => fontkit.Glyph {
  // fontkit keeps one glyph object per id, holding the letters of its first use: a glyph asked
  // for with other letters gets an object of its own that says so.
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (!codePoints || codePoints.join() === glyph.codePoints.join()) return glyph;
    const own = Object.create(glyph) as fontkit.Glyph;
    own.codePoints = codePoints;
    return own;
  };
  const ids = new Map<string, number>();
  const originals: number[] = [];
  drawable.createSubset = () => {
    const subset = font.createSubset.call(drawable) as unknown as Subset;
    const include = subset.includeGlyph.bind(subset);
    subset.includeGlyph = (glyph) => {
      const id = typeof glyph === 'object' ? glyph.id : glyph;
      if (id < font.numGlyphs) return include(id);
      if (subset.mapping[id] == null) subset.mapping[id] = subset.glyphs.push(originals[id - font.numGlyphs]!) - 1;
      return subset.mapping[id];
    };
    return subset as unknown as fontkit.Subset;
  };
  return (glyph) => {
    if (glyph.codePoints.length === 0) return glyph;
    const key = `${glyph.id}:${glyph.codePoints.join()}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = font.numGlyphs + originals.push(glyph.id) - 1;
      ids.set(key, id);
    }
    return { id, advanceWidth: glyph.advanceWidth, codePoints: glyph.codePoints } as fontkit.Glyph;
  };
}
