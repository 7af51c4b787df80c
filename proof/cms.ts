import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, IssuerAndSerialNumber, SignedData, type SignerInfo } from 'pkijs';
import { cryptoEngine } from './certificates';

// One signature's CMS (RFC 5652, as PAdES puts it in /Contents): detached, one signer, signed
// attributes holding the digest of the bytes it covers. Read with pkijs, checked in two steps
// so that a refusal says which failed: the digest against the bytes (the document changed), then
// the signature over the attributes against the certificate's key (the signature is forged).

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsa: '1.2.840.113549.1.1.1',
  ec: '1.2.840.10045.2.1',
};

/** The digests a signature may use, by OID: Node's name and the name people read. */
const DIGESTS: Record<string, { node: string; shown: string }> = {
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', shown: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', shown: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', shown: 'SHA-512' },
};

const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export interface CmsSignature {
  signedData: SignedData;
  signerInfo: SignerInfo;
  certificate: Certificate;
  /** The certificates it carries besides: the signer's CAs, perhaps. */
  carried: Certificate[];
  digest: { node: string; shown: string };
  messageDigest: Uint8Array;
  /** The signer's claim of when they signed (the signingTime attribute), when they made one. */
  signingTime?: Date;
}

const attribute = (signerInfo: SignerInfo, type: string) =>
  signerInfo.signedAttrs?.attributes.find((one) => one.type === type)?.values[0];

/** The signature `der` holds, or `unreadable` when it is not a detached CMS signature of one signer. */
export function readCms(der: Uint8Array): CmsSignature | 'unreadable' {
  try {
    const { result, offset } = asn1js.fromBER(der);
    if (offset === -1) return 'unreadable';
    const contentInfo = new ContentInfo({ schema: result });
    if (contentInfo.contentType !== OID.signedData) return 'unreadable';
    const signedData = new SignedData({ schema: contentInfo.content });
    const [signerInfo, ...others] = signedData.signerInfos;
    const digest = signerInfo && DIGESTS[signerInfo.digestAlgorithm.algorithmId];
    const messageDigest = signerInfo && attribute(signerInfo, OID.messageDigest);
    // Content inside the CMS would be what pkijs verifies, instead of the PDF's bytes.
    if (!signerInfo || others.length || !digest || signedData.encapContentInfo.eContent || !messageDigest)
      return 'unreadable';
    const certificates = (signedData.certificates ?? []).filter((one) => one instanceof Certificate);
    const certificate = certificates.find((one) => isSigner(one, signerInfo));
    if (!certificate) return 'unreadable';
    const signingTime = attribute(signerInfo, OID.signingTime);
    return {
      signedData,
      signerInfo,
      certificate,
      carried: certificates.filter((one) => one !== certificate),
      digest,
      messageDigest: new Uint8Array(messageDigest.valueBlock.valueHexView),
      signingTime:
        signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime
          ? signingTime.toDate()
          : undefined,
    };
  } catch {
    return 'unreadable';
  }
}

/** Whether `certificate` is the one `signerInfo` names by issuer and serial number (PAdES's way). */
const isSigner = (certificate: Certificate, { sid }: SignerInfo) =>
  sid instanceof IssuerAndSerialNumber &&
  certificate.issuer.isEqual(sid.issuer) &&
  certificate.serialNumber.isEqual(sid.serialNumber);

/** Whether the signature's digest is that of `bytes`. */
export const digestMatches = (cms: CmsSignature, bytes: Uint8Array) =>
  createHash(cms.digest.node).update(bytes).digest().equals(cms.messageDigest);

/** Whether the signature over the signed attributes is the certificate's key's. */
export async function signatureVerifies(cms: CmsSignature, bytes: Uint8Array): Promise<boolean> {
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const result = await cms.signedData.verify({ signer: 0, data, extendedMode: true }, cryptoEngine);
    return result.signatureVerified === true;
  } catch {
    return false;
  }
}

/** `RSA, SHA-256` or `ECDSA P-256, SHA-256`: the key and digest of a signature. */
export function algorithmOf(cms: CmsSignature): string {
  const { algorithm } = cms.certificate.subjectPublicKeyInfo;
  const key =
    algorithm.algorithmId === OID.rsa
      ? 'RSA'
      : algorithm.algorithmId === OID.ec
        ? `ECDSA ${CURVES[(algorithm.algorithmParams as asn1js.ObjectIdentifier).valueBlock.toString()] ?? ''}`.trim()
        : algorithm.algorithmId;
  return `${key}, ${cms.digest.shown}`;
}
