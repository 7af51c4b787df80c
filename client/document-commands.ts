import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { dataGouvOf, loadSettings, type TSettings } from '../config';
import { conventionQuery, workflowIdFor } from '../workflows/messages';
import { openDocumentStore } from '../store/open';
import { FileRefused, type DocumentStore } from '../store/documents';
import { conventionStatus, Refusal } from './temporal';
import { publicationOnDataGouv, PublicationRefused } from './datagouv-publication';
import { electronicEvidence, EvidenceRefused, handwrittenEvidence } from './signature-evidence';

// The CLI's side of the document circuit (issue 31): the files given on the command line kept in
// the register's database, then named by their hash in the command sent — a version added
// (`upload-version`), a signature's proof (`sign --signed-file`, `sign --scan --signed-on`); the
// signed document uploaded to data.gouv.fr before `publish` when it is configured.

const now = () => new Date().toISOString();

async function withStore<T>(work: (store: DocumentStore, settings: TSettings) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const store = await openDocumentStore(settings);
  try {
    return await work(store, settings);
  } catch (error) {
    // A file refused (type, size) or a proof refused: said in French, nothing sent.
    if (
      error instanceof EvidenceRefused ||
      error instanceof FileRefused ||
      error instanceof PublicationRefused
    )
      throw new Refusal((error as Error).message);
    throw error;
  } finally {
    await store.close();
  }
}

/** `add-version`'s payload for the file at `path`, the file kept first. */
export function versionPayload(id: string, path: string, payload: Record<string, unknown>) {
  return withStore(async (store) => {
    const kept = await store.add({
      conventionId: id,
      kind: 'version',
      content: readFileSync(path),
      addedBy: String(payload.as),
      addedAt: now(),
      ...(typeof payload.note === 'string' ? { note: payload.note } : {}),
    });
    return { ...payload, sha256: kept.sha256, origin: 'upload' };
  });
}

export interface ProofOptions {
  signedFile?: string;
  scan?: string;
  signedOn?: string;
}

/** `sign`'s payload with the proof the options name, verified and kept; unchanged without one. */
export async function signPayload(
  client: Client,
  id: string,
  payload: Record<string, unknown>,
  options: ProofOptions,
): Promise<Record<string, unknown>> {
  if (options.signedFile && options.scan) throw new Refusal('give --signed-file or --scan, not both');
  if (options.scan && !options.signedOn)
    throw new Refusal('--scan needs --signed-on DATE, the day the paper original was signed');
  if (!options.signedFile && !options.scan) return payload;
  const by = String(payload.as);
  return withStore(async (store, settings) => {
    if (options.scan)
      return {
        ...payload,
        evidence: await handwrittenEvidence({
          store,
          conventionId: id,
          scan: readFileSync(options.scan),
          signedOn: options.signedOn!,
          by,
          at: now(),
        }),
      };
    const handle = client.workflow.getHandle(workflowIdFor(id));
    const evidence = await electronicEvidence({
      convention: await handle.query(conventionQuery),
      status: await conventionStatus(handle),
      party: String(payload.party),
      file: readFileSync(options.signedFile!),
      trustAnchorsPem: settings.SIGNATURE_TRUST_ANCHORS?.pem,
      store,
      by,
      at: now(),
    });
    return { ...payload, evidence };
  });
}

/** `publish`'s payload with the signed document's address on data.gouv.fr, when it is configured. */
export function publishPayload(client: Client, id: string, payload: Record<string, unknown>) {
  return withStore(async (store, settings) => {
    const handle = client.workflow.getHandle(workflowIdFor(id));
    return publicationOnDataGouv({
      target: dataGouvOf(settings),
      store,
      convention: await handle.query(conventionQuery),
      status: await conventionStatus(handle),
      payload,
    });
  });
}
