import { writeFileSync } from 'node:fs';
import { draftDocument } from '../document/draft';
import { numberedVersions } from '../domain/documents';
import { loadSettings } from '../config';
import { openDocumentStore } from '../store/open';
import { readConventionFile, readOrRefuse } from './files';
import { Refusal } from './temporal';

// `convention document` (issue 31, item 7): a file of a convention kept in the register's
// database written to disk — a version of its document, or the last file signed — or, with
// `--model`, the model's PDF drafted from a convention file, without any server.

export interface DocumentOptions {
  version?: string;
  signed?: boolean;
  model?: boolean;
  out: string;
}

const bytesText = (bytes: number) => `${bytes.toLocaleString('en')} bytes`;

/** Writes what was asked to `out`; what to print. */
export async function writeDocument(idOrFile: string, options: DocumentOptions): Promise<string> {
  if (options.model) {
    if (options.version !== undefined || options.signed)
      throw new Refusal(
        '--model drafts the model’s PDF from a convention file: without --version or --signed',
      );
    const convention = readOrRefuse(idOrFile, readConventionFile(idOrFile));
    const pdf = await draftDocument(convention);
    writeFileSync(options.out, pdf);
    return `wrote the model's PDF of ${convention.id} to ${options.out} (${bytesText(pdf.byteLength)})`;
  }
  if (options.version !== undefined && options.signed)
    throw new Refusal('give --version N or --signed, not both');
  const number = options.version === undefined ? undefined : Number(options.version);
  if (number !== undefined && !(Number.isInteger(number) && number >= 1))
    throw new Refusal(`--version ${options.version}: expected a version number, 1 or more`);
  const store = await openDocumentStore(loadSettings());
  try {
    const files = await store.list(idOrFile);
    const versions = numberedVersions(files);
    const signed = files.filter((file) => file.kind === 'signed').at(-1);
    const version = number === undefined ? versions.at(-1) : versions.find((one) => one.number === number);
    const chosen = options.signed
      ? signed && { file: signed, what: 'signed document' }
      : version && { file: version, what: `version ${version.number}` };
    if (!chosen)
      throw new Refusal(
        options.signed
          ? `${idOrFile} has no signed document kept`
          : number === undefined
            ? `${idOrFile} has no version of its document kept`
            : `${idOrFile} has no version ${number} (${versions.length} kept)`,
      );
    const { content } = (await store.get(idOrFile, chosen.file.sha256))!;
    writeFileSync(options.out, content);
    return `wrote ${idOrFile} ${chosen.what} (sha256 ${chosen.file.sha256}, ${bytesText(content.byteLength)}) to ${options.out}`;
  } finally {
    await store.close();
  }
}
