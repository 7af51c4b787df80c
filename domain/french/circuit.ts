import type { TEvidence } from '../commands';
import { approverName } from './refusals';
import { frenchDate } from './words';

// The document's circuit (issue 31) in the register's words: a version added, approved or sent
// back with changes asked for, and what proves each signature.

/** What proves a signature: the signed PDF's signer and certificate, or the scan an admin deposited. */
export function proofText(evidence: TEvidence | undefined, actor: string): string {
  if (!evidence) return 'signature enregistrée sans preuve jointe';
  if (evidence.kind === 'handwritten')
    return `signature manuscrite du ${frenchDate(evidence.signedOn)}, copie numérisée déposée par ${actor}`;
  const { signer, certificate } = evidence;
  return `signature électronique de ${signer.name} (${signer.email}), certificat n° ${certificate.serialNumber} émis par ${certificate.issuer}`;
}

/** A version's entry: its number, and why it was added. */
export function versionText(payload: { number?: unknown; origin?: unknown; note?: unknown }): string {
  const origin = payload.origin === 'model' ? 'rédigée à partir du modèle' : 'déposée';
  const note = typeof payload.note === 'string' ? ` : ${payload.note}` : '';
  return `version n° ${String(payload.number)}, ${origin}${note}`;
}

/** An approval's entry, or a request for changes with its comment. */
export function approvalText(payload: { party?: unknown; version?: unknown; comment?: unknown }): string {
  const who = approverName(String(payload.party));
  const version = payload.version === undefined ? '' : `version n° ${String(payload.version)}, `;
  const comment = typeof payload.comment === 'string' ? ` : « ${payload.comment} »` : '';
  return `${version}pour ${who}${comment}`;
}
