import { Worker } from 'node:worker_threads';
import mammoth from 'mammoth';
import { frenchDocumentRefusal } from '../domain/french/reading';
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCX_UNPACKED_BYTES,
  type DocumentRefusal,
} from '../domain/reading/refusals';
import { zipUnpacking } from './zip-size';

// The text of a convention's document (issue 30, item 2): a PDF with a text layer (pdf.js, the
// legacy build that Node runs, in a thread of its own), a DOCX (mammoth), or a plain text in UTF-8. What the file holds
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

/** What reading a PDF may take: the seed's PDF needs under 100 MB and a second. */
export type PdfReadingLimits = { memoryMb: number; seconds: number };
const PDF_READING_LIMITS: PdfReadingLimits = { memoryMb: 512, seconds: 30 };

/** The text of each page as pdf.js gives it, read in a worker thread held to `limits`. */
function pdfPages(bytes: Uint8Array, fileName: string, limits: PdfReadingLimits): Promise<string[]> {
  // A copy, as a plain Uint8Array: pdf.js refuses a Buffer.
  const worker = new Worker(new URL('./pdf-text-worker.js', import.meta.url), {
    workerData: new Uint8Array(bytes),
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    stdout: true, // pdf.js's warnings about a damaged file are not the console's to print
  });
  return new Promise<string[]>((resolve, reject) => {
    const refuse = (refusal: DocumentRefusal) => reject(new DocumentRefused(refusal));
    const timer = setTimeout(() => {
      refuse({ rule: 'too-demanding', fileName });
      void worker.terminate();
    }, limits.seconds * 1000);
    worker.once('message', (answer: { pages: string[] } | { unreadable: true }) => {
      if ('pages' in answer) resolve(answer.pages);
      else refuse({ rule: 'unreadable', kind: 'pdf', fileName });
    });
    // The memory ceiling reached (ERR_WORKER_OUT_OF_MEMORY) or the thread failing otherwise.
    worker.once('error', () => refuse({ rule: 'too-demanding', fileName }));
    worker.once('exit', () => clearTimeout(timer));
  });
}

/** The text of a PDF's pages; a PDF whose pages hold no text is a scan. */
async function pdfText(bytes: Uint8Array, fileName: string, limits: PdfReadingLimits): Promise<string> {
  const pages = await pdfPages(bytes, fileName, limits);
  const letters = pages.join('').match(/\p{L}/gu)?.length ?? 0;
  if (letters < LETTERS_OF_A_TEXT_LAYER) throw new DocumentRefused({ rule: 'scanned', fileName });
  return pages.join('\n');
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
 * scanned PDF without text, a PDF that takes more than `pdfLimits` to read, a file of another kind,
 * or one that is damaged.
 * domain/reading/convention-text.ts reads what it returns.
 */
export async function documentText(
  bytes: Uint8Array,
  fileName: string,
  pdfLimits = PDF_READING_LIMITS,
): Promise<string> {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw new DocumentRefused({
      rule: 'too-large',
      bytes: bytes.byteLength,
      max: MAX_DOCUMENT_BYTES,
      fileName,
    });
  if (startsWith(bytes, PDF_MAGIC)) return pdfText(bytes, fileName, pdfLimits);
  if (startsWith(bytes, ZIP_MAGIC)) return docxText(bytes, fileName);
  const text = utf8Text(bytes);
  if (text === undefined) throw new DocumentRefused({ rule: 'unknown-type', fileName });
  return text;
}
