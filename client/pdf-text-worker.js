import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js reading a PDF in a thread of its own (client/document-text.ts starts it with a memory
// ceiling and a time limit): a PDF made to fill the memory or to loop ends this thread, never the
// console. Plain JavaScript because a worker thread starts without tsx's loader.

const require = createRequire(import.meta.url);
/** pdf.js's fonts, from its package: a path, so that it never asks the network for them. */
const STANDARD_FONTS = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** The text of one page, a line per row of text (items on the same baseline joined). */
async function pageText(page) {
  const content = await page.getTextContent();
  let text = '';
  let baseline;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const y = item.transform[5];
    if (baseline !== undefined && Math.abs(y - baseline) > 1 && !text.endsWith('\n')) text += '\n';
    text += item.str;
    if (item.hasEOL) text += '\n';
    baseline = y;
  }
  return text;
}

/** `{ pages }`, the text of each page, or `{ unreadable: true }` when pdf.js cannot open it. */
async function read(bytes) {
  let pdf;
  try {
    pdf = await getDocument({
      data: bytes,
      standardFontDataUrl: STANDARD_FONTS,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
  } catch {
    return { unreadable: true };
  }
  try {
    const pages = [];
    for (let number = 1; number <= pdf.numPages; number++)
      pages.push(await pageText(await pdf.getPage(number)));
    return { pages };
  } catch {
    return { unreadable: true };
  } finally {
    await pdf.destroy();
  }
}

parentPort.postMessage(await read(workerData));
