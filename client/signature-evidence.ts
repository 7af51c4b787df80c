import type { TEvidence } from '../domain/commands';
import type { TConvention } from '../domain/convention';
import { EVIDENCE_UNAVAILABLE, frenchProofRefusal } from '../domain/french/proof';
import type { ConventionStatus } from '../domain/status';
import { verifySignedPdf } from '../proof/verify';
import type { DocumentStore } from '../store/documents';

// The proof a `sign` carries (issue 31, item 3), made where the file arrives — the console's upload
// or the CLI — since the workflow verifies nothing: a signed PDF checked against the version everyone
// validated and the file the previous signer returned, then kept; or an admin's scan of the paper
// original, kept. Nothing is kept of a file refused.

/** A proof that cannot be taken: the message says why, in French. */
export class EvidenceRefused extends Error {}

export interface SignedFileArrival {
  convention: TConvention;
  status: ConventionStatus;
  party: string;
  file: Uint8Array;
  /** The CAs a signature must chain to (SIGNATURE_TRUST_ANCHORS), if any is configured. */
  trustAnchorsPem: string | undefined;
  store: DocumentStore;
  /** Who uploads it, and when (an ISO instant). */
  by: string;
  at: string;
}

/** The proof of `party`'s electronic signature in `file`, the file kept; or EvidenceRefused. */
export async function electronicEvidence(arrival: SignedFileArrival): Promise<TEvidence> {
  const { convention, status, store, file } = arrival;
  const party = convention.parties.find((one) => one.id === arrival.party);
  if (!party) throw new EvidenceRefused(EVIDENCE_UNAVAILABLE.notASignatory(arrival.party));
  if (!arrival.trustAnchorsPem) throw new EvidenceRefused(EVIDENCE_UNAVAILABLE.noTrustAnchors);
  const version = status.document.versions.at(-1);
  if (!version) throw new EvidenceRefused(EVIDENCE_UNAVAILABLE.noVersion);
  const validated = await store.get(convention.id, version.sha256);
  if (!validated) throw new EvidenceRefused(EVIDENCE_UNAVAILABLE.versionMissing);
  // The file the previous signer returned: each signature is an update of the one before it.
  const previousSha256 = [...status.signatures]
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
    .flatMap(({ evidence }) => (evidence?.kind === 'electronic' ? [evidence.signedFileSha256] : []))
    .at(-1);
  const previous = previousSha256 ? await store.get(convention.id, previousSha256) : undefined;
  if (previousSha256 && !previous) throw new EvidenceRefused(EVIDENCE_UNAVAILABLE.previousMissing);
  const lastApproval = status.document.approvals
    .map((approval) => approval.at)
    .sort()
    .at(-1);
  const verified = await verifySignedPdf({
    file,
    validatedVersion: validated.content,
    ...(previous ? { previousFile: previous.content } : {}),
    representative: { name: party.representative.name, email: party.representative.email, party: party.id },
    trustAnchorsPem: arrival.trustAnchorsPem,
    at: new Date(arrival.at),
    versionValidatedAt: new Date(lastApproval ?? version.at),
  });
  if (!verified.ok) throw new EvidenceRefused(frenchProofRefusal(verified));
  const newest = verified.signatures.at(-1)!;
  await store.add({
    conventionId: convention.id,
    kind: 'signed',
    content: file,
    addedBy: arrival.by,
    addedAt: arrival.at,
  });
  return {
    kind: 'electronic',
    signedFileSha256: verified.fileSha256,
    versionSha256: verified.versionSha256,
    // A certificate may name its holder without an address: the representative it was matched to.
    signer: { name: newest.signer.name, email: newest.signer.email ?? party.representative.email },
    signedAt: newest.signedAt,
    certificate: {
      subject: newest.certificate.subject,
      issuer: newest.certificate.issuer,
      serialNumber: newest.certificate.serialNumber,
    },
  };
}

/** The proof of a signature on paper: the scan of the original, kept, and the day it was signed. */
export async function handwrittenEvidence({
  store,
  conventionId,
  scan,
  signedOn,
  by,
  at,
}: {
  store: DocumentStore;
  conventionId: string;
  scan: Uint8Array;
  signedOn: string;
  by: string;
  at: string;
}): Promise<TEvidence> {
  const kept = await store.add({ conventionId, kind: 'scan', content: scan, addedBy: by, addedAt: at });
  return { kind: 'handwritten', scanSha256: kept.sha256, signedOn };
}
