import type { TConvention } from '../domain/convention';
import { downloadName } from '../domain/documents';
import { DATAGOUV } from '../domain/french/documents';
import type { ConventionStatus } from '../domain/status';
import { DataGouvError, publishOnDataGouv, type DataGouvSettings } from '../publication/datagouv';
import type { DocumentStore } from '../store/documents';

// `publish` with data.gouv.fr configured (issue 31, item 5; art. 8): the signed document uploaded
// as a resource of the dataset first, then the publication recorded with the resource's address.
// Where the command is given (the console, the CLI): a failed upload is said at once, in French,
// and nothing is recorded; giving the command again uploads nothing twice (publication/datagouv.ts).

/** The signed document could not go to data.gouv.fr: the message says why, in French. */
export class PublicationRefused extends Error {}

export async function publicationOnDataGouv({
  target,
  store,
  convention,
  status,
  payload,
}: {
  /** The dataset signed conventions go to (DATAGOUV_*), if configured. */
  target: DataGouvSettings | undefined;
  store: DocumentStore;
  convention: TConvention;
  status: ConventionStatus;
  payload: Record<string, unknown>;
}): Promise<Record<string, unknown>> {
  const sha256 = status.document.signedDocumentSha256;
  // Not configured, or signed without a document: the address is the one typed, as before.
  if (!target || !sha256) return payload;
  const kept = await store.get(convention.id, sha256);
  if (!kept) throw new PublicationRefused(DATAGOUV.signedFileMissing);
  const parties = convention.parties
    .filter((party) => party.role !== 'cofunder')
    .map((party) => party.name)
    .join(', ');
  try {
    const published = await publishOnDataGouv(target, {
      bytes: kept.content,
      fileName: downloadName(convention.id, 'signee', 'application/pdf'),
      title: DATAGOUV.title(convention.title),
      description: DATAGOUV.description(convention.startup.name, parties),
    });
    return { ...payload, url: published.url };
  } catch (error) {
    if (!(error instanceof DataGouvError)) throw error;
    throw new PublicationRefused(error.temporary ? DATAGOUV.unreachable : DATAGOUV.refused(error.status));
  }
}
