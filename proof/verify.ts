import { createHash } from 'node:crypto';
import type { Certificate } from 'pkijs';
import {
  namesRepresentative,
  proofRefusal,
  type CertifiedIdentity,
  type ProofRefusal,
} from '../domain/signature-proof';
import {
  certificateFacts,
  certifiesSigning,
  certifiedIdentity,
  chainsToAnchor,
  readTrustAnchors,
  signerName,
  validOn,
  type CertificateFacts,
} from './certificates';
import { algorithmOf, digestMatches, readCms, signatureVerifies } from './cms';
import { pagesFingerprint } from './pages';
import { findSignatureSlots, signedBytes, type SignatureSlot } from './pdf-signatures';

// The proof of an electronic signature (issue 31, item 3): a PDF signed by a party's representative
// (PAdES: each signer adds an incremental update holding their signature), checked before the
// console or the CLI records the signature. Every signature of the file is checked, oldest first:
// the bytes it covers against its digest, its signature against its certificate, its certificate
// against the trust anchors on the day it was signed. Then what binds the file to the circuit: the
// first signature signs the validated version as it was, the new signatures extend the file the
// previous signer returned and are the representative's, the last one covers the whole file, and
// each new signed revision shows the pages the validated version shows (pages.ts).

/** The largest signed PDF we read: a convention with its annexes, signed by five parties. */
export const MAX_SIGNED_PDF_BYTES = 20 * 1024 * 1024;

export interface SignatureToVerify {
  /** The signed PDF a party uploads. */
  file: Uint8Array;
  /** The version everyone validated: what the first signature must sign. */
  validatedVersion: Uint8Array;
  /** The file the previous signer returned, verified then; none for the first signer. */
  previousFile?: Uint8Array;
  /** Who must have signed: the representative of the party signing now. */
  representative: { name: string; email: string; party: string };
  /** The CA certificates we trust (SIGNATURE_TRUST_ANCHORS's file). */
  trustAnchorsPem: string;
  /** Now: a signature claiming a later time is checked at this one. */
  at: Date;
  /**
   * When the version was validated: a signature claiming an earlier time is checked at this one,
   * else a certificate expired since could sign with a time of its own choosing.
   */
  versionValidatedAt?: Date;
}

export interface VerifiedSignature {
  /** As the certificate names the signer. */
  signer: { name: string; email?: string };
  /** When the certificate's validity was checked: the signer's signingTime, else the upload. */
  signedAt: string;
  certificate: CertificateFacts;
  algorithm: string;
  coversWholeFile: boolean;
}

export type SignatureVerification =
  { ok: true; signatures: VerifiedSignature[]; fileSha256: string; versionSha256: string } | ProofRefusal;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const startsWith = (file: Uint8Array, prefix: Uint8Array) =>
  file.length >= prefix.length && Buffer.compare(file.subarray(0, prefix.length), prefix) === 0;

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');

/**
 * When a certificate must have been valid: the signingTime the signer wrote, their word and no
 * more, so never before the version existed nor after now; now when they wrote none.
 */
function signingDay(signingTime: Date | undefined, { at, versionValidatedAt }: SignatureToVerify): Date {
  if (!signingTime || signingTime > at) return at;
  return versionValidatedAt && signingTime < versionValidatedAt ? versionValidatedAt : signingTime;
}

/** A signature that holds, with what the circuit's checks read of it. */
type CheckedSignature = VerifiedSignature & { slot: SignatureSlot; identity: CertifiedIdentity };

/** One signature on its own: its bytes, its CMS, its certificate on its signing day. */
async function checkSignature(
  file: Uint8Array,
  slot: SignatureSlot,
  anchors: Certificate[],
  input: SignatureToVerify,
): Promise<CheckedSignature | ProofRefusal> {
  const cms = readCms(slot.cms);
  if (cms === 'unreadable') return proofRefusal('unreadable-signature', {});
  const signer = signerName(cms.certificate);
  const bytes = signedBytes(file, slot);
  if (!digestMatches(cms, bytes)) return proofRefusal('modified-after-signature', { signer });
  if (!(await signatureVerifies(cms, bytes))) return proofRefusal('invalid-signature', { signer });
  const signedAt = signingDay(cms.signingTime, input);
  const certificate = certificateFacts(cms.certificate);
  if (!validOn(cms.certificate, signedAt))
    return proofRefusal('certificate-expired', {
      signer,
      signedAt: signedAt.toISOString(),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    });
  if (!(await chainsToAnchor(cms.certificate, cms.carried, anchors, signedAt)))
    return proofRefusal('untrusted-certificate', { signer });
  if (!certifiesSigning(cms.certificate)) return proofRefusal('certificate-not-for-signing', { signer });
  const identity = certifiedIdentity(cms.certificate);
  return {
    slot,
    identity,
    signer: { name: signer, ...(identity.emails[0] ? { email: identity.emails[0] } : {}) },
    signedAt: signedAt.toISOString(),
    certificate,
    algorithm: algorithmOf(cms),
    coversWholeFile: slot.end === file.length,
  };
}

/** What binds the signatures to the circuit, the pages compared last (pdf.js reads the whole file). */
async function checkCircuit(
  file: Uint8Array,
  signatures: CheckedSignature[],
  { validatedVersion, previousFile, representative }: SignatureToVerify,
): Promise<ProofRefusal | undefined> {
  if (!startsWith(file, validatedVersion) || signatures[0]!.slot.gapStart < validatedVersion.length)
    return proofRefusal('not-validated-version', {});
  if (previousFile && !startsWith(file, previousFile)) return proofRefusal('not-incremental-update', {});
  const added = signatures.filter(({ slot }) => slot.gapStart >= (previousFile?.length ?? 0));
  if (added.length === 0) return proofRefusal('no-new-signature', {});
  const stranger = added.find(({ identity }) => !namesRepresentative(identity, representative));
  if (stranger)
    return proofRefusal('not-representative', {
      signer: stranger.signer.name,
      party: representative.party,
      representative: representative.name,
    });
  const last = signatures.at(-1)!;
  if (!last.coversWholeFile) return proofRefusal('appended-after-signature', { signer: last.signer.name });
  // The previous signers' revisions were compared when their files came.
  const validatedPages = await pagesFingerprint(validatedVersion);
  if (validatedPages === 'unreadable')
    throw new Error('the validated version is not a PDF that pdf.js reads');
  for (const { slot, signer } of added) {
    const pages = await pagesFingerprint(file.subarray(0, slot.end));
    if (pages === 'unreadable') return proofRefusal('damaged-pdf', {});
    if (pages !== validatedPages) return proofRefusal('pages-changed', { signer: signer.name });
  }
  return undefined;
}

export async function verifySignedPdf(input: SignatureToVerify): Promise<SignatureVerification> {
  const { file, validatedVersion } = input;
  if (file.length > MAX_SIGNED_PDF_BYTES)
    return proofRefusal('too-large', { maxBytes: MAX_SIGNED_PDF_BYTES });
  if (!startsWith(file, PDF_HEADER)) return proofRefusal('not-pdf', {});
  const slots = findSignatureSlots(file);
  if (slots === 'unreadable') return proofRefusal('unreadable-signature', {});
  if (slots.length === 0) return proofRefusal('no-signature', {});

  const anchors = readTrustAnchors(input.trustAnchorsPem);
  const signatures: CheckedSignature[] = [];
  for (const slot of slots) {
    // A signature whose /Contents lies in bytes an earlier one signed rewrote that revision.
    if (slot.gapStart < (signatures.at(-1)?.slot.end ?? 0)) return proofRefusal('not-incremental-update', {});
    const checked = await checkSignature(file, slot, anchors, input);
    if ('ok' in checked) return checked;
    signatures.push(checked);
  }
  const refusal = await checkCircuit(file, signatures, input);
  if (refusal) return refusal;

  return {
    ok: true,
    signatures: signatures.map(({ signer, signedAt, certificate, algorithm, coversWholeFile }) => ({
      signer,
      signedAt,
      certificate,
      algorithm,
      coversWholeFile,
    })),
    fileSha256: sha256(file),
    versionSha256: sha256(validatedVersion),
  };
}
