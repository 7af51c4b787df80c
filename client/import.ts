import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { frenchReadingHeader, frenchUnopenable } from '../domain/french/reading';
import { readConventionText } from '../domain/reading/convention-text';
import { documentText, DocumentRefused } from './document-text';
import { Refusal } from './temporal';

// `convention import DOCUMENT [--json]` (issue 30, item 2): the convention file a document says,
// for a person to complete (the addresses are never in it) and check (the values OCR damaged).

/** What `convention import` prints: the convention file in YAML under a French header, or the reading as JSON. */
export async function importDocument(path: string, { json = false } = {}): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Refusal(frenchUnopenable(path));
  }
  let text: string;
  try {
    text = await documentText(bytes, basename(path));
  } catch (error) {
    if (error instanceof DocumentRefused) throw new Refusal(error.message);
    throw error;
  }
  const reading = readConventionText(text);
  if (!reading.ok) throw new Refusal(reading.reason);
  const { convention, missing, sources, unsure } = reading;
  if (json) return JSON.stringify({ convention, missing, sources, unsure }, null, 2);
  const header = frenchReadingHeader(basename(path), missing, unsure).map((line) => `# ${line}`);
  return `${header.join('\n')}\n${stringify(convention, { lineWidth: 0 })}`.trimEnd();
}
