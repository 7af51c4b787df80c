import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TConvention } from '../domain/convention';
import { DOCUMENT_AUTHOR, DOCUMENT_SUBJECT, pageOf } from '../domain/french/model';
import { modelDocument, type ModelBlock } from '../domain/model-document';
import { designSystemFont } from './fonts';

// The model's PDF drafted from a convention's data (issue 31, item 1): domain/model-document.ts
// says what it reads, this lays it out on A4 pages with pdf-lib. Its fonts are embedded (Spectral,
// under the SIL Open Font License, from the design system's package the console already serves),
// and nothing in it depends on the moment or on chance: no creation date, no document id, the
// fonts' subset names fixed. The same convention gives the same bytes, so that a version's SHA-256
// names it.

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { side: 70, top: 72, bottom: 72 };
const WIDTH = A4.width - 2 * MARGIN.side;
const BODY = { size: 10.5, leading: 14.5 };
const GAP = 6;
const INDENT = 16;
const CELL_PADDING = 5;
const SIGNATURE_ROOM = 48;
const COLUMN_GAP = 24;
const INK = rgb(0.1, 0.1, 0.1);
const RULE = rgb(0.45, 0.45, 0.45);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** French typography: a guillemet, a colon or a semicolon never starts or ends a line away from its word. */
const nonBreaking = (text: string) => text.replace(/« /g, '«\u00a0').replace(/ (»|:|;)/g, '\u00a0$1');

const widths = new WeakMap<PDFFont, Map<string, number>>();

/** A word's width, each word measured once per font: fontkit shapes what it measures, and shaping is most of the drafting's time. */
function widthOf(font: PDFFont, word: string, size: number): number {
  let known = widths.get(font);
  if (!known) widths.set(font, (known = new Map()));
  let width = known.get(word);
  if (width === undefined) known.set(word, (width = font.widthOfTextAtSize(word, 1)));
  return width * size;
}

/** Lines of `text` no wider than `width`: broken at spaces (not at no-break spaces), a word longer than a line broken where it must. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const space = widthOf(font, ' ', size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of nonBreaking(text).split(' ')) {
    const wordWidth = widthOf(font, word, size);
    const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
    if (candidateWidth <= width) {
      line = line ? `${line} ${word}` : word;
      lineWidth = candidateWidth;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = widthOf(font, rest, size);
  }
  if (line) lines.push(line);
  return lines;
}

/** Where the next line goes, a page after the other. */
class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }

  /** A new page unless `height` still fits on this one. */
  room(height: number) {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  space(height: number) {
    this.y -= height;
  }

  /** One line at `x`, the baseline a leading below the last. */
  line(text: string, { x = MARGIN.side, font = this.fonts.regular, size = BODY.size, centred = false } = {}) {
    this.room(BODY.leading);
    this.y -= BODY.leading;
    const left = centred ? (A4.width - font.widthOfTextAtSize(text, size)) / 2 : x;
    this.page.drawText(text, { x: left, y: this.y, font, size, color: INK });
  }

  /** A paragraph wrapped within the margins, from `indent`. */
  paragraph(
    text: string,
    { indent = 0, font = this.fonts.regular, size = BODY.size, centred = false, gap = GAP } = {},
  ) {
    for (const line of wrap(text, font, size, WIDTH - indent))
      this.line(line, { x: MARGIN.side + indent, font, size, centred });
    this.space(gap);
  }

  bullets(items: readonly string[], level: 1 | 2) {
    const indent = INDENT * level;
    const mark = level === 1 ? '•' : '–';
    for (const item of items) {
      const lines = wrap(item, this.fonts.regular, BODY.size, WIDTH - indent);
      lines.forEach((line, i) => {
        if (i === 0) {
          this.room(BODY.leading);
          this.page.drawText(mark, {
            x: MARGIN.side + indent - 10,
            y: this.y - BODY.leading,
            font: this.fonts.regular,
            size: BODY.size,
            color: INK,
          });
        }
        this.line(line, { x: MARGIN.side + indent });
      });
      this.space(GAP / 2);
    }
    this.space(GAP / 2);
  }

  /** A table with a bordered head and rows; a row that does not fit goes to the next page, under the head again. */
  table(head: readonly string[], rows: readonly string[][][]) {
    const widths = [0.3, 0.35, 0.35].map((share) => share * WIDTH);
    const cellLines = (cells: readonly string[][], font: PDFFont) =>
      cells.map((lines, i) =>
        lines.flatMap((text) => wrap(text, font, BODY.size, widths[i]! - 2 * CELL_PADDING)),
      );
    const heightOf = (lines: string[][]) =>
      Math.max(...lines.map((cell) => cell.length)) * BODY.leading + 2 * CELL_PADDING;
    const drawRow = (lines: string[][], font: PDFFont) => {
      const height = heightOf(lines);
      let x = MARGIN.side;
      lines.forEach((cell, i) => {
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width: widths[i]!,
          height,
          borderColor: RULE,
          borderWidth: 0.6,
        });
        cell.forEach((text, n) =>
          this.page.drawText(text, {
            x: x + CELL_PADDING,
            y: this.y - CELL_PADDING - (n + 1) * BODY.leading + 3,
            font,
            size: BODY.size,
            color: INK,
          }),
        );
        x += widths[i]!;
      });
      this.y -= height;
    };
    const headLines = cellLines(
      head.map((text) => [text]),
      this.fonts.bold,
    );
    this.room(heightOf(headLines) + BODY.leading * 4);
    drawRow(headLines, this.fonts.bold);
    for (const row of rows) {
      const lines = cellLines(row, this.fonts.regular);
      if (this.y - heightOf(lines) < MARGIN.bottom) {
        this.newPage();
        drawRow(headLines, this.fonts.bold);
      }
      drawRow(lines, this.fonts.regular);
    }
    this.space(GAP * 2);
  }

  /** Cells side by side, each its lines wrapped to its column; the row goes whole to the next page if need be, `after` below it. */
  sideBySide(cells: readonly { text: string; font: PDFFont }[][], after: number) {
    const width = (WIDTH - COLUMN_GAP * (cells.length - 1)) / cells.length;
    const wrapped = cells.map((cell) =>
      cell.flatMap(({ text, font }) => wrap(text, font, BODY.size, width).map((line) => ({ line, font }))),
    );
    const height = Math.max(...wrapped.map((cell) => cell.length)) * BODY.leading;
    this.room(height + after);
    wrapped.forEach((cell, i) =>
      cell.forEach(({ line, font }, n) =>
        this.page.drawText(line, {
          x: MARGIN.side + i * (width + COLUMN_GAP),
          y: this.y - (n + 1) * BODY.leading,
          font,
          size: BODY.size,
          color: INK,
        }),
      ),
    );
    this.y -= height + after;
  }

  /** Feet of every page, once their number is known. */
  static number(pdf: PDFDocument, font: PDFFont) {
    const pages = pdf.getPages();
    pages.forEach((page, i) => {
      const text = pageOf(i + 1, pages.length);
      const size = 8;
      page.drawText(text, {
        x: (A4.width - font.widthOfTextAtSize(text, size)) / 2,
        y: MARGIN.bottom / 2,
        font,
        size,
        color: RULE,
      });
    });
  }
}

function write(writer: Writer, block: ModelBlock, fonts: Fonts) {
  switch (block.kind) {
    case 'title':
      block.lines.forEach((line, i) =>
        writer.paragraph(line, {
          font: i < 2 ? fonts.bold : fonts.regular,
          size: i === 0 ? 16 : 12,
          centred: true,
        }),
      );
      writer.space(BODY.leading);
      return;
    case 'heading':
      writer.room(BODY.leading * 4);
      writer.space(GAP);
      writer.paragraph(block.text, { font: fonts.bold, size: 12 });
      return;
    case 'subheading':
      writer.room(BODY.leading * 3);
      writer.paragraph(block.text, { font: fonts.bold });
      return;
    case 'paragraph':
      writer.paragraph(block.text);
      return;
    case 'bullets':
      writer.bullets(block.items, block.level);
      return;
    case 'table':
      writer.table(block.head, block.rows);
      return;
    case 'fields':
      writer.room(BODY.leading * block.fields.length);
      for (const [label, value] of block.fields)
        writer.paragraph(`${label} : ${value}`, { indent: INDENT, gap: 0 });
      writer.space(GAP * 2);
      return;
    case 'signatures': {
      // The groups side by side (the délégant's, the délégataire's), their signatories row by row, room to sign below each.
      writer.space(BODY.leading);
      writer.paragraph(block.place);
      writer.sideBySide(
        block.groups.map(({ heading }) => [{ text: heading, font: fonts.bold }]),
        GAP,
      );
      const rows = Math.max(...block.groups.map(({ signatories }) => signatories.length));
      for (let row = 0; row < rows; row++)
        writer.sideBySide(
          block.groups.map(({ signatories }) => {
            const [body, name, title] = signatories[row] ?? [];
            return body
              ? [
                  { text: body, font: fonts.bold },
                  { text: name!, font: fonts.regular },
                  { text: title!, font: fonts.regular },
                ]
              : [];
          }),
          SIGNATURE_ROOM,
        );
      return;
    }
    case 'page-break':
      writer.newPage();
      return;
  }
}

/** Spectral from the design system's package, subset, under a fixed name (a subset's name is random otherwise). */
async function embed(pdf: PDFDocument, font: string, tag: string): Promise<PDFFont> {
  return pdf.embedFont(designSystemFont(font), {
    customName: `${tag}+${font}`,
    subset: true,
    // Ligatures would draw « fi » as one glyph: its text must read back as two letters.
    features: { liga: false },
  });
}

/** The model's PDF of `convention`: the same convention gives the same bytes. */
export async function draftDocument(convention: TConvention): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await embed(pdf, 'Spectral-Regular', 'MODELA'),
    bold: await embed(pdf, 'Spectral-ExtraBold', 'MODELB'),
  };
  pdf.setTitle(convention.title, { showInWindowTitleBar: true });
  pdf.setSubject(DOCUMENT_SUBJECT);
  pdf.setAuthor(DOCUMENT_AUTHOR);
  pdf.setLanguage('fr-FR');
  const writer = new Writer(pdf, fonts);
  for (const block of modelDocument(convention)) write(writer, block, fonts);
  Writer.number(pdf, fonts.regular);
  // A classic cross-reference table, no object streams: as PDF/A-1 asks, and what every signing
  // tool extends by an incremental update (some read no cross-reference stream).
  return pdf.save({ useObjectStreams: false });
}
