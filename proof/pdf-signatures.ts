// Where a PDF's signatures are, read from its bytes (ISO 32000-1 §12.8.1): each signature
// dictionary has /ByteRange [0 b c d], the two runs of bytes it signs, and between them /Contents,
// the CMS in hexadecimal (padded with zeros). Nothing else of the PDF needs parsing: a signature
// signs bytes, and a dictionary we would miss signs nothing we accept. A /ByteRange in the text of
// a page is read too and then fails as a signature: we refuse, never accept, what we misread.

export interface SignatureSlot {
  /** The two signed runs: [0, gapStart) and [gapEnd, end). */
  gapStart: number;
  gapEnd: number;
  /** Where the revision this signature closes ends: the file's length when it is the last. */
  end: number;
  /** The CMS (DER, its padding left to the parser). */
  cms: Uint8Array;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/g;
const HEX = /^[0-9A-Fa-f]*$/;

/** The signatures of `file` in the order of their revisions, or `unreadable` for a range no signature has. */
export function findSignatureSlots(file: Uint8Array): SignatureSlot[] | 'unreadable' {
  const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('latin1');
  const slots: SignatureSlot[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const [start, gapStart, gapEnd, tailLength] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const end = gapEnd + tailLength;
    const hex = text.slice(gapStart + 1, gapEnd - 1);
    const readable =
      start === 0 &&
      gapStart < gapEnd - 1 &&
      end <= file.length &&
      text[gapStart] === '<' &&
      text[gapEnd - 1] === '>' &&
      hex.length % 2 === 0 &&
      HEX.test(hex) &&
      // The range names itself among the bytes it signs, else it could be moved after signing.
      (match.index + match[0].length <= gapStart || (match.index >= gapEnd && match.index < end));
    if (!readable) return 'unreadable';
    slots.push({ gapStart, gapEnd, end, cms: Buffer.from(hex, 'hex') });
  }
  return slots.sort((a, b) => a.end - b.end);
}

/** The bytes a signature signs: the file up to its revision's end, its /Contents left out. */
export const signedBytes = (file: Uint8Array, slot: SignatureSlot) =>
  Buffer.concat([file.subarray(0, slot.gapStart), file.subarray(slot.gapEnd, slot.end)]);
