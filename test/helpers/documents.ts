import JSZip from 'jszip';
import { PDFDocument, PDFName, StandardFonts, type PDFFont } from 'pdf-lib';

// A convention's text written as the documents people have: a PDF with its text layer (pdf-lib)
// and a DOCX (a zip written by hand: the three parts Word needs), one paragraph per line.

const LINES_PER_PAGE = 60;

/** A character the PDF's standard font cannot write (●, ○, the OCR's debris) as `?`: they are no part of what is read. */
function writable(font: PDFFont, line: string): string {
  let kept = '';
  for (const character of line) {
    try {
      font.encodeText(character);
      kept += character;
    } catch {
      kept += '?';
    }
  }
  return kept;
}

/** `text` as a PDF whose pages carry it as text (not as images). */
export async function pdfOf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = text.split('\n');
  for (let first = 0; first < lines.length; first += LINES_PER_PAGE) {
    const page = pdf.addPage([595, 842]);
    lines.slice(first, first + LINES_PER_PAGE).forEach((line, i) => {
      page.drawText(writable(font, line), { x: 20, y: 820 - i * 13, size: 7, font });
    });
  }
  return pdf.save();
}

/** A PDF of one page that holds only a drawing: a scan's page has an image and no text. */
export async function pdfWithoutText(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
  return pdf.save();
}

/**
 * A PDF of a few hundred kilobytes whose one page, once unpacked, draws `words` words: a file made
 * to hold its reader (40 bytes of drawing per word, packed 340 to 1).
 */
export async function pdfBomb(words: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.setFont(font);
  const drawing = Buffer.from(`BT /${font.name} 7 Tf 20 800 Td (Convention) Tj ET\n`.repeat(words));
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(drawing)));
  return pdf.save();
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const paragraph = (line: string) =>
  // XML 1.0 holds no control character but tab and line breaks.
  // eslint-disable-next-line no-control-regex -- removing them is the point
  `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line.replace(/[\u0000-\u0008\u000b-\u001f]/g, ''))}</w:t></w:r></w:p>`;

/** A Word table: rows of cells, each cell its paragraphs. */
export type WordTable = string[][][];

const tableXml = (rows: WordTable) =>
  `<w:tbl>${rows.map((cells) => `<w:tr>${cells.map((lines) => `<w:tc>${lines.map(paragraph).join('') || paragraph('')}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;

/** `text` as a DOCX, a paragraph per line; a line `{table}` is `table`, as the model's art. 2 has it. */
export async function docxOf(text: string, table: WordTable = []): Promise<Uint8Array> {
  const paragraphs = text
    .split('\n')
    .map((line) => (line === '{table}' ? tableXml(table) : paragraph(line)))
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}
