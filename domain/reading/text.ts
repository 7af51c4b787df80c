// A document's text as the grammar reads it (domain/reading/convention-text.ts): its lines, and
// the whole as one flow of words, since a sentence of an OCR'd text runs over as many lines as the
// scan had, and a DOCX's table gives each cell a paragraph of its own. Matching happens on a folded
// copy of that flow, character for character (so an offset in one is an offset in the other): OCR
// confuses accents, l and i; what is kept is always the raw text, and the line it came from.

/** A character folded for matching: without its accent, lower case, `l` and `|` read as `i`, any apostrophe as `'`. */
function foldCharacter(character: string): string {
  const base = character.normalize('NFD')[0]!.toLowerCase()[0]!;
  if (base === 'l' || base === '|') return 'i';
  if (base === '’' || base === '‘' || base === '`' || base === '´') return "'";
  return base;
}

/** `text` folded for matching, as long as `text`: one UTF-16 unit for one, so that offsets agree. */
export function fold(text: string): string {
  // Each character folded once: a document has few distinct characters and many of each.
  const seen = new Map<string, string>();
  const units: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    let folded = seen.get(character);
    if (folded === undefined) seen.set(character, (folded = foldCharacter(character)));
    units.push(folded);
  }
  return units.join('');
}

/** What a pattern written in plain French matches once folded: `folded('Ci-après dénommé')`. */
export function folded(phrase: string): string {
  return fold(phrase)
    .replace(/[.*+?^${}()[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s*');
}

/**
 * Figures as OCR may give them, mended: a letter O read for a zero, an l, I or | for a one, where
 * it stands beside a digit (`O113-PEBC-ELAB`, `14O 000`). Letters among letters stay: `ELAB`.
 * One character for one, as `fold`.
 */
export function mendDigits(text: string): string {
  return text.replace(/(?<=\d)[Oo]|[Oo](?=\d)/g, '0').replace(/(?<=\d)[lI|]|[lI|](?=\d)/g, '1');
}

export interface DocumentText {
  /** The document's lines, trimmed, empty ones dropped: what `sources` quotes. */
  readonly lines: readonly string[];
  /** The lines joined by one space, each run of spaces made one. */
  readonly flow: string;
  /** `flow` with its figures mended (see `mendDigits`), folded (see `fold`). */
  readonly key: string;
  /** Where each line starts in `flow`. */
  readonly starts: readonly number[];
}

/** A document's text, ready to be read. */
export function documentOf(text: string): DocumentText {
  const lines = text
    .split(/\r\n?|\n|\f|\v|\u2028|\u2029/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const starts: number[] = [];
  let flow = '';
  for (const line of lines) {
    if (flow) flow += ' ';
    starts.push(flow.length);
    flow += line;
  }
  return { lines, flow, key: fold(mendDigits(flow)), starts };
}

/** The line of the document that holds the character at `offset` of its flow. */
export function lineAt(document: DocumentText, offset: number): string {
  let low = 0;
  let high = document.starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (document.starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return document.lines[low] ?? '';
}
