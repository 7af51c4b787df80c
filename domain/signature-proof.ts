import { withoutControls } from './characters';

// The proof of an electronic signature (issue 31, item 3): why a signed PDF is refused, as a stable
// code and the figures it names (French in domain/french/proof.ts), and whether the person a
// certificate names is the party's representative. proof/ reads the PDF and its certificates; the
// rules about what they say live here.

/** Each refusal of a signed PDF and the figures it names. */
export interface ProofRefusalFigures {
  'too-large': { maxBytes: number };
  'not-pdf': Record<string, never>;
  'no-signature': Record<string, never>;
  /** A /ByteRange or its /Contents that cannot be what a signature is. */
  'unreadable-signature': Record<string, never>;
  /** The bytes a signature covers are not those it signed. */
  'modified-after-signature': { signer: string };
  /** The signature does not match its own certificate's key. */
  'invalid-signature': { signer: string };
  'untrusted-certificate': { signer: string };
  /** The signer's certificate was not valid on the day of the signature. */
  'certificate-expired': { signer: string; signedAt: string; notBefore: string; notAfter: string };
  /** The signer's certificate is for something else than signing (its keyUsage): encryption, a server. */
  'certificate-not-for-signing': { signer: string };
  'not-representative': { signer: string; party: string; representative: string };
  /** pdf.js cannot read a signed revision of the file. */
  'damaged-pdf': Record<string, never>;
  /** An update before this signature changes what the validated version's pages show. */
  'pages-changed': { signer: string };
  /** The first signature is not over the validated version, byte for byte. */
  'not-validated-version': Record<string, never>;
  /** The file does not keep the previous signer's file as it was, or a signature overlaps another's. */
  'not-incremental-update': Record<string, never>;
  /** The file is the previous signer's, without a signature of its own. */
  'no-new-signature': Record<string, never>;
  /** Bytes follow the last signature: what they change nobody signed. */
  'appended-after-signature': { signer: string };
}

export type ProofRefusalCode = keyof ProofRefusalFigures;

export type ProofRefusal = {
  [C in ProofRefusalCode]: { ok: false; reason: C; params: ProofRefusalFigures[C] };
}[ProofRefusalCode];

export const proofRefusal = <C extends ProofRefusalCode>(
  reason: C,
  params: ProofRefusalFigures[C],
): ProofRefusal => ({ ok: false, reason, params }) as ProofRefusal;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, each as its DER in base64 (a trust anchors' file holds several). */
export const pemCertificates = (pem: string): string[] =>
  [...pem.matchAll(PEM_CERTIFICATE)].map(([, base64]) => base64!.replace(/\s+/g, ''));

/** The longest name of a certificate a refusal repeats: a certificate is text from anyone. */
const SHOWN_NAME_LENGTH = 200;

/** A name read in a certificate, as a refusal may show it: no controls, not too long. */
export const shownName = (name: string) =>
  withoutControls(name, 'as-space').trim().slice(0, SHOWN_NAME_LENGTH) || '?';

/** The words of a name without case, accents or punctuation, in order: `Dupont-Aïda, Jean` → `aida dupont jean`. */
export function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Who a certificate names: its common names (or given name and surname) and its e-mail addresses. */
export interface CertifiedIdentity {
  names: readonly string[];
  emails: readonly string[];
}

/**
 * Whether a certificate names the representative: one of its names has the same words as theirs
 * (certificates write `DUPONT Jean` as often as `Jean Dupont`, with or without accents), or one of
 * its addresses is theirs.
 */
export function namesRepresentative(
  identity: CertifiedIdentity,
  representative: { name: string; email: string },
): boolean {
  const name = comparableName(representative.name);
  const email = representative.email.trim().toLowerCase();
  return (
    (name !== '' && identity.names.some((one) => comparableName(one) === name)) ||
    identity.emails.some((one) => one.trim().toLowerCase() === email)
  );
}
