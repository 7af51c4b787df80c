import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { designSystemFont, sfntOfWoff } from '../../document/fonts';

// The model's font unpacked from the design system's WOFF into TrueType (document/fonts.ts): the
// same font, as fontkit reads the WOFF itself.

const FONTS = join(dirname(fileURLToPath(import.meta.resolve('@gouvfr/dsfr/package.json'))), 'dist', 'fonts');

describe('sfntOfWoff', () => {
  it.each(['Spectral-Regular', 'Spectral-ExtraBold'])(
    'gives %s back as TrueType, glyph for glyph',
    (name) => {
      const woff = readFileSync(join(FONTS, `${name}.woff`));
      const fromWoff = fontkit.create(woff);
      const ttf = designSystemFont(name);
      expect(ttf.toString('latin1', 0, 4)).toBe('\u0000\u0001\u0000\u0000');
      const fromTtf = fontkit.create(ttf);
      expect(fromTtf.postscriptName).toBe(fromWoff.postscriptName);
      expect(fromTtf.numGlyphs).toBe(fromWoff.numGlyphs);
      const text = 'Convention de délégation — « 140 000,00 € » œuvre';
      expect(fromTtf.layout(text).glyphs.map((glyph) => [glyph.id, glyph.advanceWidth])).toEqual(
        fromWoff.layout(text).glyphs.map((glyph) => [glyph.id, glyph.advanceWidth]),
      );
      expect(fromTtf.getGlyph(fromTtf.glyphForCodePoint(0x00e9).id).path.toSVG()).toBe(
        fromWoff.getGlyph(fromWoff.glyphForCodePoint(0x00e9).id).path.toSVG(),
      );
    },
  );

  it('refuses what is not a WOFF 1.0 font', () => {
    expect(() => sfntOfWoff(Buffer.from('wOF2 and more'))).toThrow('not a WOFF 1.0 font');
  });
});
