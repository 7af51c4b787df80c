import { createHash } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchProofRefusal } from '../../domain/french/proof';
import type { ProofRefusalCode } from '../../domain/signature-proof';
import { findSignatureSlots } from '../../proof/pdf-signatures';
import { MAX_SIGNED_PDF_BYTES, verifySignedPdf, type SignatureVerification } from '../../proof/verify';
import { makePdf, signPdf, withPageAnnotated, withPageDrawnOver } from '../helpers/pdf-signing';
import {
  issueTestSigner,
  makeTestCa,
  makeTestFolder,
  removeTestFolder,
  type TestCa,
  type TestSigner,
} from '../helpers/signing-ca';

// PDFs signed as the parties' tools sign them (@signpdf, incremental updates), with certificates
// from a CA that openssl makes here, verified by proof/ and each refusal read in French.

const DGPR = { name: 'Cédric Bourillet', email: 'cedric.bourillet@example.org', party: 'DGPR' };
const DINUM = { name: 'Nadi Bou Hanna', email: 'nadi.bou-hanna@example.org', party: 'DINUM' };

let folder: string;
let ca: TestCa;
let signers: Record<
  'dgpr' | 'dinum' | 'expired' | 'foreign' | 'stranger' | 'byEmail' | 'encryption',
  TestSigner
>;
let version: Buffer;
let signedByDgpr: Buffer;

beforeAll(async () => {
  folder = makeTestFolder();
  ca = makeTestCa(folder, 'AC de test');
  const unknownCa = makeTestCa(folder, 'AC inconnue');
  signers = {
    dgpr: issueTestSigner(ca, { commonName: 'Cédric Bourillet', email: DGPR.email, key: 'rsa' }),
    // As certificates often write it: surname first, in capitals, no accents to lose.
    dinum: issueTestSigner(ca, { commonName: 'BOU HANNA Nadi', key: 'ecdsa' }),
    expired: issueTestSigner(ca, {
      commonName: 'Cédric Bourillet',
      key: 'rsa',
      valid: { from: '20200101000000Z', to: '20210101000000Z' },
    }),
    foreign: issueTestSigner(unknownCa, { commonName: 'Cédric Bourillet', key: 'rsa' }),
    stranger: issueTestSigner(ca, {
      commonName: 'Jean Martin',
      email: 'jean.martin@example.org',
      key: 'rsa',
    }),
    byEmail: issueTestSigner(ca, {
      commonName: 'C. B.',
      email: 'Cedric.Bourillet@example.org',
      key: 'ecdsa',
    }),
    encryption: issueTestSigner(ca, { commonName: 'Cédric Bourillet', key: 'rsa', usage: 'encryption' }),
  };
  version = await makePdf('Convention de délégation de gestion Camino, version validée');
  signedByDgpr = await signPdf(version, signers.dgpr);
}, 60_000);

afterAll(() => removeTestFolder(folder));

const verify = (
  file: Buffer,
  {
    representative = DGPR,
    previousFile,
    validatedVersion = version,
    versionValidatedAt = new Date(Date.now() - 3_600_000),
  }: {
    representative?: typeof DGPR;
    previousFile?: Buffer;
    validatedVersion?: Buffer;
    versionValidatedAt?: Date;
  } = {},
) =>
  verifySignedPdf({
    file,
    versionValidatedAt,
    validatedVersion,
    previousFile,
    representative,
    trustAnchorsPem: ca.certificatePem,
    at: new Date(),
  });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function expectRefused(result: SignatureVerification, reason: ProofRefusalCode, french: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.reason).toBe(reason);
  expect(frenchProofRefusal(result)).toBe(french);
}

function accepted(result: SignatureVerification) {
  if (!result.ok) throw new Error(`refused: ${frenchProofRefusal(result)}`);
  return result;
}

describe('a signed PDF accepted', () => {
  it('signed with RSA by the representative, over the validated version: signer, certificate, hashes', async () => {
    const result = accepted(await verify(signedByDgpr));
    expect(result.signatures).toEqual([
      {
        signer: { name: 'Cédric Bourillet', email: DGPR.email },
        signedAt: expect.any(String),
        certificate: {
          subject: 'CN=Cédric Bourillet',
          issuer: 'CN=AC de test',
          serialNumber: expect.stringMatching(/^[0-9A-F]+$/),
          notBefore: expect.any(String),
          notAfter: expect.any(String),
        },
        algorithm: 'RSA, SHA-256',
        coversWholeFile: true,
      },
    ]);
    expect(Math.abs(Date.parse(result.signatures[0]!.signedAt) - Date.now())).toBeLessThan(60_000);
    expect(result.fileSha256).toBe(sha256(signedByDgpr));
    expect(result.versionSha256).toBe(sha256(version));
  });

  it('signed with ECDSA P-256, the certificate naming the representative surname first in capitals', async () => {
    const result = accepted(await verify(await signPdf(version, signers.dinum), { representative: DINUM }));
    expect(result.signatures.map(({ signer, algorithm }) => ({ signer, algorithm }))).toEqual([
      { signer: { name: 'BOU HANNA Nadi' }, algorithm: 'ECDSA P-256, SHA-256' },
    ]);
  });

  it('by a certificate that names the representative by their e-mail address only', async () => {
    const result = accepted(await verify(await signPdf(version, signers.byEmail)));
    expect(result.signatures[0]!.signer).toEqual({ name: 'C. B.', email: 'Cedric.Bourillet@example.org' });
  });

  it('by a certificate of an intermediate CA that the signature carries, the anchors holding only the root', async () => {
    const intermediate = makeTestCa(folder, 'AC intermediaire', ca);
    const signer = issueTestSigner(intermediate, { commonName: 'Cédric Bourillet', key: 'rsa' });
    const result = accepted(await verify(await signPdf(version, signer)));
    expect(result.signatures[0]!.certificate.issuer).toBe('CN=AC intermediaire');
  });

  it('signed by two parties in turn, the second adding its signature to the file the first returned', async () => {
    const signedByBoth = await signPdf(signedByDgpr, signers.dinum);
    const result = accepted(
      await verify(signedByBoth, { representative: DINUM, previousFile: signedByDgpr }),
    );
    expect(result.signatures.map(({ signer, coversWholeFile }) => [signer.name, coversWholeFile])).toEqual([
      ['Cédric Bourillet', false],
      ['BOU HANNA Nadi', true],
    ]);
    expect(result.fileSha256).toBe(sha256(signedByBoth));
  });
});

describe('a signed PDF refused, saying why in French', () => {
  it('a byte changed after a signature', async () => {
    const signedByBoth = await signPdf(signedByDgpr, signers.dinum);
    const changed = Buffer.from(signedByBoth);
    const at = changed.indexOf('/MediaBox');
    changed[at + 1] = 'm'.charCodeAt(0);
    expectRefused(
      await verify(changed, { representative: DINUM, previousFile: signedByDgpr }),
      'modified-after-signature',
      'Le document a été modifié après la signature de Cédric Bourillet.',
    );
  });

  it('an update appended after the last signature', async () => {
    // What a tool does when it adds a field, an annotation or a page to a signed file: an
    // incremental update (here an empty signature field) that no signature covers.
    const appended = plainAddPlaceholder({
      pdfBuffer: signedByDgpr,
      reason: 'Ajout',
      contactInfo: '',
      name: 'Quelqu’un',
      location: 'Paris',
    });
    expect(appended.subarray(0, signedByDgpr.length).equals(signedByDgpr)).toBe(true);
    expectRefused(
      await verify(appended),
      'appended-after-signature',
      'Le document a été complété après la dernière signature, celle de Cédric Bourillet : ce qui a été ajouté n’est pas signé.',
    );
  });

  it('an update under the signature that changes what the validated version’s pages show', async () => {
    // The validated version's bytes come first, but the signer's revision redraws its first page.
    const drawnOver = await withPageDrawnOver(version);
    expect(drawnOver.subarray(0, version.length).equals(version)).toBe(true);
    expectRefused(
      await verify(await signPdf(drawnOver, signers.dgpr)),
      'pages-changed',
      'Le document signé par Cédric Bourillet n’est plus la version validée : une mise à jour ajoutée avant sa signature change ce que montrent ses pages.',
    );
  });

  it('an update under the signature that lays a note over the validated version’s text', async () => {
    expectRefused(
      await verify(await signPdf(await withPageAnnotated(version), signers.dgpr)),
      'pages-changed',
      'Le document signé par Cédric Bourillet n’est plus la version validée : une mise à jour ajoutée avant sa signature change ce que montrent ses pages.',
    );
  });

  it('a signer other than the representative', async () => {
    expectRefused(
      await verify(await signPdf(version, signers.stranger)),
      'not-representative',
      'Le signataire, Jean Martin, n’est pas le représentant de la partie DGPR, Cédric Bourillet.',
    );
  });

  it('a certificate from an unknown CA', async () => {
    expectRefused(
      await verify(await signPdf(version, signers.foreign)),
      'untrusted-certificate',
      'Le certificat de Cédric Bourillet n’émane pas d’une autorité de confiance.',
    );
  });

  it('a certificate for encryption, not signing', async () => {
    expectRefused(
      await verify(await signPdf(version, signers.encryption)),
      'certificate-not-for-signing',
      'Le certificat de Cédric Bourillet ne sert pas à signer : il est fait pour un autre usage (chiffrement, serveur).',
    );
  });

  it('an expired certificate', async () => {
    const result = await verify(await signPdf(version, signers.expired));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('certificate-expired');
    expect(frenchProofRefusal(result)).toMatch(
      /^Le certificat de Cédric Bourillet n’était pas valide à la date de la signature, le .+ : il l’était du 1er janvier 2020 à 1\u00a0h au 1er janvier 2021 à 1\u00a0h\.$/,
    );
  });

  it('an expired certificate whose signature claims a day it was valid, before the version was validated', async () => {
    const backdated = await signPdf(version, signers.expired, new Date('2020-06-01T10:00:00Z'));
    const versionValidatedAt = new Date(Date.now() - 86_400_000);
    const result = await verify(backdated, { versionValidatedAt });
    expect(result.ok || result.reason).toBe('certificate-expired');
    expect(result.ok || result.params).toMatchObject({ signedAt: versionValidatedAt.toISOString() });
  });

  it('a signature over another version', async () => {
    const draft = await makePdf('Convention de délégation de gestion Camino, version 1');
    expectRefused(
      await verify(await signPdf(draft, signers.dgpr)),
      'not-validated-version',
      'Ce document n’est pas la version validée.',
    );
  });

  it('a second signature that is not an incremental update of the first', async () => {
    // DINUM signs the validated version it kept, not the file DGPR returned.
    expectRefused(
      await verify(await signPdf(version, signers.dinum), {
        representative: DINUM,
        previousFile: signedByDgpr,
      }),
      'not-incremental-update',
      'Ce document n’ajoute pas sa signature à celles déjà recueillies : signez le fichier déjà signé tel que vous l’avez téléchargé, sans l’enregistrer à nouveau.',
    );
  });

  it('the previous signer’s file again, without a new signature', async () => {
    expectRefused(
      await verify(signedByDgpr, { representative: DINUM, previousFile: signedByDgpr }),
      'no-new-signature',
      'Ce document ne porte pas de nouvelle signature : c’est le fichier déjà signé.',
    );
  });

  it('a file that is not a PDF', async () => {
    expectRefused(
      await verify(Buffer.from('PK\u0003\u0004word/document.xml')),
      'not-pdf',
      'Ce fichier n’est pas un PDF.',
    );
  });

  it('a PDF without a signature', async () => {
    expectRefused(
      await verify(version),
      'no-signature',
      'Ce PDF ne porte aucune signature électronique : signez-le avec votre outil de signature (PAdES), puis déposez le fichier signé.',
    );
  });

  it('a forged signature: the digest is the document’s, the signature is not the certificate’s key’s', async () => {
    const forged = Buffer.from(signedByDgpr);
    const [slot] = findSignatureSlots(forged) as Exclude<ReturnType<typeof findSignatureSlots>, 'unreadable'>;
    // The last byte of the DER is the last of the RSA signature value.
    const derLength = asn1js.fromBER(slot!.cms).offset;
    const lastHexDigit = slot!.gapStart + 2 * derLength;
    forged[lastHexDigit] = forged[lastHexDigit] === '0'.charCodeAt(0) ? '1'.charCodeAt(0) : '0'.charCodeAt(0);
    expectRefused(
      await verify(forged),
      'invalid-signature',
      'La signature de Cédric Bourillet n’est pas valide : elle ne correspond pas à son certificat.',
    );
  });

  it('a /ByteRange that no signature can have', async () => {
    expectRefused(
      await verify(
        Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 20 5] /Contents <00> >> endobj\n%%EOF\n'),
      ),
      'unreadable-signature',
      'Une signature de ce PDF est illisible : ce n’est pas une signature PAdES.',
    );
  });

  it('a file larger than the limit, before reading it', async () => {
    expectRefused(
      await verify(Buffer.alloc(MAX_SIGNED_PDF_BYTES + 1)),
      'too-large',
      'Le fichier dépasse 20 Mo, la taille acceptée.',
    );
  });
});
