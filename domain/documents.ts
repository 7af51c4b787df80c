// The files of a convention that the register's database keeps (issue 31, items 1 and 4): the
// versions of its document, the files its parties signed, the scans of paper originals. What a
// file is comes from its first bytes, never from its name; each kind takes its own types. Pure:
// store/documents*.ts keeps what passes these checks.

export const DOCUMENT_KINDS = ['version', 'signed', 'scan'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;
export type MediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** Which types each kind takes: a version is signed as a PDF but may be drafted in Word; a scan is a PDF or a picture. */
export const KIND_TAKES: Record<DocumentKind, readonly MediaType[]> = {
  version: [MEDIA_TYPES.pdf, MEDIA_TYPES.docx],
  signed: [MEDIA_TYPES.pdf],
  scan: [MEDIA_TYPES.pdf, MEDIA_TYPES.png, MEDIA_TYPES.jpeg],
};

/** The default of DOCUMENT_MAX_BYTES: far above a convention's PDF (the model's draft of the seed weighs 50 kB), a scan's pages included. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  magic.every((byte, i) => bytes[at + i] === byte);

/** `%PDF-`, as the first bytes of the file (ISO 32000 allows it anywhere in the first 1024; we keep files that start with it). */
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** Whether the bytes hold `name` as ASCII: a zip's entries are named in the clear. */
function holdsName(bytes: Uint8Array, name: string): boolean {
  const wanted = [...name].map((character) => character.charCodeAt(0));
  for (let at = bytes.indexOf(wanted[0]!); at >= 0; at = bytes.indexOf(wanted[0]!, at + 1))
    if (startsWith(bytes, wanted, at)) return true;
  return false;
}

/** What a file is by its content: a PDF, a Word document (a zip with a Word body), a PNG, a JPEG; undefined otherwise. */
export function mediaTypeOf(bytes: Uint8Array): MediaType | undefined {
  if (startsWith(bytes, PDF)) return MEDIA_TYPES.pdf;
  if (startsWith(bytes, PNG)) return MEDIA_TYPES.png;
  if (startsWith(bytes, JPEG)) return MEDIA_TYPES.jpeg;
  if (
    startsWith(bytes, ZIP) &&
    holdsName(bytes, '[Content_Types].xml') &&
    holdsName(bytes, 'word/document.xml')
  )
    return MEDIA_TYPES.docx;
  return undefined;
}

/** Why a file is not kept. */
export type FileRefusal =
  | { rule: 'empty' }
  | { rule: 'too-large'; bytes: number; max: number }
  | { rule: 'wrong-type'; kind: DocumentKind; found: MediaType | undefined };

/** The file's type when `kind` takes it and its size is within `maxBytes`, else why not. */
export function checkFile(
  kind: DocumentKind,
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; mediaType: MediaType } | { ok: false; refusal: FileRefusal } {
  if (bytes.byteLength === 0) return { ok: false, refusal: { rule: 'empty' } };
  if (bytes.byteLength > maxBytes)
    return { ok: false, refusal: { rule: 'too-large', bytes: bytes.byteLength, max: maxBytes } };
  const found = mediaTypeOf(bytes);
  if (!found || !KIND_TAKES[kind].includes(found))
    return { ok: false, refusal: { rule: 'wrong-type', kind, found } };
  return { ok: true, mediaType: found };
}

/** The extension a kept file is downloaded with. */
export const EXTENSIONS: Record<MediaType, string> = {
  [MEDIA_TYPES.pdf]: 'pdf',
  [MEDIA_TYPES.docx]: 'docx',
  [MEDIA_TYPES.png]: 'png',
  [MEDIA_TYPES.jpeg]: 'jpg',
};

/**
 * The name a file is downloaded under, safe in a Content-Disposition header and on any disk:
 * `camino-2020-version-3.pdf`. Made of the convention's id (a slug), the kind and the number only,
 * never of a name a person typed.
 */
export function downloadName(conventionId: string, label: string, mediaType: MediaType): string {
  const safe = `${conventionId}-${label}`.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '');
  return `${safe || 'document'}.${EXTENSIONS[mediaType]}`;
}

/**
 * The versions of a convention's document among its files, numbered from 1 in the order they were
 * kept. Until the workflow records versions (issue 31's circuit), the order of the files is theirs.
 */
export function numberedVersions<T extends { kind: DocumentKind }>(
  files: readonly T[],
): (T & { number: number })[] {
  return files.filter((file) => file.kind === 'version').map((file, i) => ({ ...file, number: i + 1 }));
}
