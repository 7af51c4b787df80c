import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import mammoth from 'mammoth';
import { frenchDocumentRefusal } from '../domain/french/reading';
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCX_UNPACKED_BYTES,
  type DocumentRefusal,
} from '../domain/reading/refusals';
import { zipUnpacking } from './zip-size';

// The text of a convention's document (issue 30, item 2): a PDF with a text layer (pdf.js, the
// legacy build that Node runs), a DOCX (mammoth), or a plain text in UTF-8. What the file holds
// decides, its name only names it: a `.pdf` that is a text is read as a text. Nothing is fetched
// at run time: pdf.js reads its standard fonts from its own package.

/** A document that gives no text: `refusal` says why (the rule), `message` in French. */
export class DocumentRefused extends Error {
  constructor(readonly refusal: DocumentRefusal) {
    super(frenchDocumentRefusal(refusal));
  }
}

/** Fewer letters than this on every page: the pages are images, a scan without its text. */
const LETTERS_OF_A_TEXT_LAYER = 20;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((byte, i) => bytes[i] === byte);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: a DOCX is a zip

const require = createRequire(import.meta.url);
/** pdf.js's fonts, from its package: a path, so that it never asks the network for them. */
const STANDARD_FONTS = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** The text of a PDF's pages, a line per row of text (items on the same baseline joined). */
async function pdfText(bytes: Uint8Array, fileName: string): Promise<string> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    // A copy, as a plain Uint8Array: pdf.js refuses a Buffer, and transfers the buffer it is given.
    pdf = await getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: STANDARD_FONTS,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
  } catch {
    throw new DocumentRefused({ rule: 'unreadable', kind: 'pdf', fileName });
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      let baseline: number | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (baseline !== undefined && Math.abs(y - baseline) > 1 && !text.endsWith('\n')) text += '\n';
        text += item.str;
        if (item.hasEOL) text += '\n';
        baseline = y;
      }
      pages.push(text);
    }
    const letters = pages.join('').match(/\p{L}/gu)?.length ?? 0;
    if (letters < LETTERS_OF_A_TEXT_LAYER) throw new DocumentRefused({ rule: 'scanned', fileName });
    return pages.join('\n');
  } finally {
    await pdf.destroy();
  }
}

async function docxText(bytes: Uint8Array, fileName: string): Promise<string> {
  const unpacking = zipUnpacking(bytes, MAX_DOCX_UNPACKED_BYTES);
  if (unpacking === 'beyond')
    throw new DocumentRefused({ rule: 'unpacks-too-large', max: MAX_DOCX_UNPACKED_BYTES, fileName });
  if (unpacking === 'unreadable') throw new DocumentRefused({ rule: 'unreadable', kind: 'docx', fileName });
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch {
    throw new DocumentRefused({ rule: 'unreadable', kind: 'docx', fileName });
  }
}

/** UTF-8 text without NUL (a binary file is not a text), or undefined. */
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * The text of a convention's document: a PDF with a text layer, a DOCX, or a plain text in UTF-8,
 * told apart by their first bytes (`fileName` names the file in a refusal). Throws DocumentRefused
 * for a file over MAX_DOCUMENT_BYTES, a DOCX that would unpack beyond MAX_DOCX_UNPACKED_BYTES, a
 * scanned PDF without text, a file of another kind, or one that is damaged.
 * domain/reading/convention-text.ts reads what it returns.
 */
export async function documentText(bytes: Uint8Array, fileName: string): Promise<string> {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw new DocumentRefused({
      rule: 'too-large',
      bytes: bytes.byteLength,
      max: MAX_DOCUMENT_BYTES,
      fileName,
    });
  if (startsWith(bytes, PDF_MAGIC)) return pdfText(bytes, fileName);
  if (startsWith(bytes, ZIP_MAGIC)) return docxText(bytes, fileName);
  const text = utf8Text(bytes);
  if (text === undefined) throw new DocumentRefused({ rule: 'unknown-type', fileName });
  return text;
}
