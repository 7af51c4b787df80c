import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AltName,
  Certificate,
  CertificateChainValidationEngine,
  CryptoEngine,
  type CryptoEngineParameters,
  type RelativeDistinguishedNames,
} from 'pkijs';
import { pemCertificates, shownName, type CertifiedIdentity } from '../domain/signature-proof';

// Certificates: the trust anchors read from their PEM file, who a signer's certificate names, and
// whether it chains to an anchor on a given day. pkijs over Node's WebCrypto, given to each call
// rather than set as pkijs's global engine.

export const cryptoEngine = new CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as CryptoEngineParameters['crypto'],
});

/** The certificate as the register keeps it (ISO instants, the serial number in hexadecimal). */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

/** The certificates of a PEM file; none is an error of the setting, not of a signature. */
export function readTrustAnchors(pem: string): Certificate[] {
  const anchors = pemCertificates(pem).map((base64) => Certificate.fromBER(Buffer.from(base64, 'base64')));
  if (anchors.length === 0) throw new Error('no certificate in the trust anchors’ PEM');
  return anchors;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const attributes = (name: RelativeDistinguishedNames) =>
  name.typesAndValues.map(({ type, value }) => ({
    name: ATTRIBUTE_NAMES[type] ?? type,
    value: shownName(String(value.valueBlock.value ?? '')),
  }));

const valuesOf = (name: RelativeDistinguishedNames, attribute: string) =>
  attributes(name)
    .filter((one) => one.name === attribute)
    .map((one) => one.value);

/** `CN=Jean Dupont, O=DGPR`: a distinguished name as people read it. */
const distinguishedName = (name: RelativeDistinguishedNames) =>
  attributes(name)
    .map((one) => `${one.name}=${one.value}`)
    .join(', ');

const SUBJECT_ALT_NAME = '2.5.29.17';
const RFC822_NAME = 1;

/** The names and e-mail addresses a certificate gives its subject (subject and alternative names). */
export function certifiedIdentity(certificate: Certificate): CertifiedIdentity {
  const givenAndSurname = [
    ...valuesOf(certificate.subject, 'GN'),
    ...valuesOf(certificate.subject, 'SN'),
  ].join(' ');
  const alternative = certificate.extensions?.find((extension) => extension.extnID === SUBJECT_ALT_NAME);
  const alternativeEmails =
    alternative?.parsedValue instanceof AltName
      ? alternative.parsedValue.altNames
          .filter((name) => name.type === RFC822_NAME)
          .map((name) => String(name.value))
      : [];
  return {
    names: [...valuesOf(certificate.subject, 'CN'), ...(givenAndSurname ? [givenAndSurname] : [])],
    emails: [...valuesOf(certificate.subject, 'emailAddress'), ...alternativeEmails],
  };
}

/** The signer as a refusal or a result names them: the certificate's common name, else its address. */
export function signerName(certificate: Certificate): string {
  const { names, emails } = certifiedIdentity(certificate);
  return names[0] ?? emails[0] ?? distinguishedName(certificate.subject);
}

export function certificateFacts(certificate: Certificate): CertificateFacts {
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
  };
}

const KEY_USAGE = '2.5.29.15';
/** digitalSignature and nonRepudiation, the first two bits of keyUsage. */
const SIGNING_USES = 0x80 | 0x40;

/** Whether the certificate may sign: no keyUsage says nothing against it; one says so. */
export function certifiesSigning(certificate: Certificate): boolean {
  const usage = certificate.extensions?.find((extension) => extension.extnID === KEY_USAGE)?.parsedValue;
  return (
    !(usage instanceof asn1js.BitString) || ((usage.valueBlock.valueHexView[0] ?? 0) & SIGNING_USES) !== 0
  );
}

export const validOn = (certificate: Certificate, date: Date) =>
  certificate.notBefore.value <= date && date <= certificate.notAfter.value;

/**
 * Whether `certificate` chains to one of `anchors` on `date`, through the certificates its signature
 * carries (intermediate CAs): names, signatures, CA constraints and dates of each, by pkijs.
 * Revocation is not checked (no CRL or OCSP is fetched).
 */
export async function chainsToAnchor(
  certificate: Certificate,
  carried: readonly Certificate[],
  anchors: readonly Certificate[],
  date: Date,
): Promise<boolean> {
  const engine = new CertificateChainValidationEngine({
    trustedCerts: [...anchors],
    certs: [...carried.filter((one) => one !== certificate), certificate],
    checkDate: date,
  });
  const result = await engine.verify({}, cryptoEngine).catch(() => ({ result: false }));
  return result.result;
}
