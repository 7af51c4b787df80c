import { createHash, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// What a PDF's pages show, as a fingerprint to compare two revisions by. A signer's tool adds its
// signature in an incremental update, and an incremental update may redefine any object: a page's
// content, a font, an annotation drawn over the text (the "shadow attacks" on PDF signatures). The
// bytes of the validated version are still there, first, but the document one reads is another.
// pdf.js reads each revision as a reader would: per page, its size, its drawing operations (the
// page's content, annotations apart) and its annotations but the signature fields, which is all
// a signer's tool may add.

const require = createRequire(import.meta.url);
/** pdf.js's fonts, from its package: a path, so that it never asks the network for them. */
const STANDARD_FONTS = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** pdf.js names the objects it loads after the document (`g_d3_f1`): the same font in two loads. */
const withoutDocumentNumber = (text: string) => text.replace(/_d\d+_/g, '_d_');

/** What pdf.js says of a glyph that tells what shows; a number among glyphs is a spacing. */
interface Glyph {
  originalCharCode: number;
  unicode: string;
  fontChar: string;
  width: number;
  accent?: { fontChar: string } | null;
}

const glyphText = (glyph: Glyph | number) =>
  typeof glyph === 'number'
    ? `${glyph};`
    : `${glyph.originalCharCode} ${glyph.unicode} ${glyph.fontChar} ${glyph.width} ${glyph.accent?.fontChar ?? ''};`;

/**
 * A page's drawing operations into `hash`: their codes, then their arguments, a text's glyphs as
 * the fields above (pdf.js's glyph objects as JSON made a 30-page PDF take seconds).
 */
function hashOperations(
  hash: Hash,
  operations: { fnArray: number[]; argsArray: unknown[] },
  showText: number,
) {
  hash.update(Int32Array.from(operations.fnArray));
  operations.argsArray.forEach((args, i) => {
    hash.update(
      operations.fnArray[i] === showText
        ? (args as [(Glyph | number)[]])[0].map(glyphText).join('')
        : withoutDocumentNumber(JSON.stringify(args) ?? 'null'),
    );
  });
}

/** A fingerprint of what the pages of `pdf` show, or `unreadable` when pdf.js cannot read them. */
export async function pagesFingerprint(pdf: Uint8Array): Promise<string | 'unreadable'> {
  const { getDocument, AnnotationMode, OPS, VerbosityLevel } =
    await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  try {
    // A copy, as a plain Uint8Array: pdf.js refuses a Buffer, and transfers the buffer it is given.
    document = await getDocument({
      data: new Uint8Array(pdf),
      standardFontDataUrl: STANDARD_FONTS,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
  } catch {
    return 'unreadable';
  }
  try {
    const hash = createHash('sha256');
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const annotations = (await page.getAnnotations()).filter(
        (annotation) => !(annotation.subtype === 'Widget' && annotation.fieldType === 'Sig'),
      );
      hash.update(JSON.stringify({ view: page.view, rotate: page.rotate, annotations }));
      hashOperations(
        hash,
        await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE }),
        OPS.showText,
      );
    }
    return `${document.numPages}:${hash.digest('hex')}`;
  } catch {
    return 'unreadable';
  } finally {
    await document.destroy();
  }
}
