import { createHash } from 'node:crypto';
import { checkFile, type DocumentKind, type FileRefusal, type MediaType } from '../domain/documents';
import { frenchFileRefusal } from '../domain/french/documents';

// The files of a convention (issue 31, items 1 and 4), kept in the register's database — its
// SQLite file or PostgreSQL — by their SHA-256: a version of the document, a file signed by a
// party, a scan of a paper original. The register holds the hashes; here are the bytes, checked
// before they are kept (domain/documents.ts: type by content, size within DOCUMENT_MAX_BYTES).

/** What is kept of a file beside its bytes. */
export interface StoredFile {
  conventionId: string;
  /** Hex, lower case: the name the register gives the file. */
  sha256: string;
  kind: DocumentKind;
  mediaType: MediaType;
  bytes: number;
  /** Who added it (an address). */
  addedBy: string;
  /** When, an ISO instant. */
  addedAt: string;
  note?: string;
}

export interface NewFile {
  conventionId: string;
  kind: DocumentKind;
  content: Uint8Array;
  addedBy: string;
  addedAt: string;
  note?: string;
}

export interface DocumentStore {
  /**
   * Keeps a file of a convention: what is kept of it. The same bytes added again to the same
   * convention are kept once: the first record is returned. Throws FileRefused for a file empty,
   * too large, or of a type its kind does not take.
   */
  add(file: NewFile): Promise<StoredFile>;
  /** A file of a convention by its hash, with its bytes. */
  get(conventionId: string, sha256: string): Promise<{ file: StoredFile; content: Uint8Array } | undefined>;
  /** A convention's files, in the order they were added. */
  list(conventionId: string): Promise<StoredFile[]>;
  close(): Promise<void>;
}

/** A file refused: `refusal` says the rule, the message says it in French. */
export class FileRefused extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(frenchFileRefusal(refusal));
  }
}

export const sha256Of = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

/** The record of a new file, or FileRefused. */
export function recordOf(file: NewFile, maxBytes: number): StoredFile {
  const checked = checkFile(file.kind, file.content, maxBytes);
  if (!checked.ok) throw new FileRefused(checked.refusal);
  return {
    conventionId: file.conventionId,
    sha256: sha256Of(file.content),
    kind: file.kind,
    mediaType: checked.mediaType,
    bytes: file.content.byteLength,
    addedBy: file.addedBy,
    addedAt: file.addedAt,
    ...(file.note ? { note: file.note } : {}),
  };
}

/** A row of `convention_files`, in either database. */
export interface FileRow {
  convention_id: string;
  sha256: string;
  kind: string;
  media_type: string;
  bytes: number;
  added_by: string;
  added_at: string;
  note: string | null;
}

export const FILE_COLUMNS = 'convention_id, sha256, kind, media_type, bytes, added_by, added_at, note';

export const fileOfRow = (row: FileRow): StoredFile => ({
  conventionId: row.convention_id,
  sha256: row.sha256,
  kind: row.kind as DocumentKind,
  mediaType: row.media_type as MediaType,
  bytes: Number(row.bytes),
  addedBy: row.added_by,
  addedAt: row.added_at,
  ...(row.note ? { note: row.note } : {}),
});
