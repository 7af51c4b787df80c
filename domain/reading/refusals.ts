// Why a document is not read (issue 30, item 2). Plain data: the console and the CLI say it in
// French (domain/french/reading.ts).

/** Far above a convention's document (the seed's PDF weighs under 1 MB); a larger one is refused before it is read. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** What a DOCX may unpack to: its text and styles weigh a few megabytes; more is a zip made to fill the memory. */
export const MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024;

/** Why no text came out of a file. */
export type DocumentRefusal = { fileName: string } & (
  | { rule: 'too-large'; bytes: number; max: number }
  | { rule: 'unpacks-too-large'; max: number }
  | { rule: 'scanned' }
  | { rule: 'unknown-type' }
  | { rule: 'unreadable'; kind: 'pdf' | 'docx' }
  /** A PDF whose reading passed the memory or the time a convention's document needs. */
  | { rule: 'too-demanding' }
);

/**
 * The longest text read as a convention: the seed's is 27 000 characters, a convention with long
 * annexes a few hundred thousand. Beyond, reading would hold the console's process for seconds.
 */
export const MAX_CONVENTION_CHARACTERS = 1_000_000;

/** Why a text is not a convention of the DINUM model. */
export type ReadingRefusal =
  | { rule: 'not-a-delegation' }
  | { rule: 'no-parties' }
  | { rule: 'too-long'; characters: number; max: number };
