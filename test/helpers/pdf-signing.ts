import { createHash, webcrypto } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDocument, PDFName, type PDFPage, PDFRef, StandardFonts } from 'pdf-lib';
import {
  Attribute,
  Certificate,
  ContentInfo,
  CryptoEngine,
  type CryptoEngineParameters,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import type { TestSigner } from './signing-ca';

// Signing a PDF as a party's tool does: @signpdf adds a signature field and its placeholder as an
// incremental update (placeholder-plain keeps the bytes before it), then writes the CMS into it.
// RSA goes through @signpdf's own PKCS#12 signer (node-forge, RSA only); ECDSA through the Signer
// below, which builds the same detached CMS with pkijs over Node's WebCrypto.

const engine = new CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as CryptoEngineParameters['crypto'],
});

const derOf = (pem: string) =>
  Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** A PAdES signer for an ECDSA P-256 key: signed attributes contentType, signingTime, messageDigest. */
export class EcdsaSigner extends Signer {
  constructor(private readonly signer: TestSigner) {
    super();
  }

  override async sign(pdf: Buffer, signingTime: Date = new Date()): Promise<Buffer> {
    const certificate = Certificate.fromBER(derOf(this.signer.certificatePem));
    const key = await webcrypto.subtle.importKey(
      'pkcs8',
      derOf(this.signer.privateKeyPem),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const signedData = new SignedData({
      version: 1,
      encapContentInfo: new EncapsulatedContentInfo({ eContentType: ContentInfo.DATA }),
      signerInfos: [
        new SignerInfo({
          version: 1,
          sid: new IssuerAndSerialNumber({
            issuer: certificate.issuer,
            serialNumber: certificate.serialNumber,
          }),
          signedAttrs: new SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new Attribute({
                type: '1.2.840.113549.1.9.3',
                values: [new asn1js.ObjectIdentifier({ value: ContentInfo.DATA })],
              }),
              new Attribute({
                type: '1.2.840.113549.1.9.5',
                values: [new asn1js.UTCTime({ valueDate: signingTime })],
              }),
              new Attribute({
                type: '1.2.840.113549.1.9.4',
                values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(pdf).digest() })],
              }),
            ],
          }),
        }),
      ],
      certificates: [certificate],
    });
    await signedData.sign(key, 0, 'SHA-256', undefined, engine);
    const contentInfo = new ContentInfo({
      contentType: ContentInfo.SIGNED_DATA,
      content: signedData.toSchema(true),
    });
    return Buffer.from(contentInfo.toSchema().toBER(false));
  }
}

const signerFor = (signer: TestSigner) =>
  signer.key === 'rsa' ? new P12Signer(signer.p12, { passphrase: 'test' }) : new EcdsaSigner(signer);

/** `pdf` signed by `signer` in an incremental update, at `signingTime` (now by default). */
export async function signPdf(pdf: Buffer, signer: TestSigner, signingTime?: Date): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: 'Signature de la convention',
    contactInfo: '',
    name: 'Représentant',
    location: 'Paris',
    signingTime,
  });
  return signpdf.sign(withPlaceholder, signerFor(signer), signingTime);
}

/** A one-page PDF saying `text`, with a classic cross-reference table (what placeholder-plain reads). */
export async function makePdf(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 770, size: 12, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/** What an update redefines or adds: an object's number and its text (a dictionary, a stream). */
type UpdatedObject = { number: number; text: string };

/**
 * `pdf` with an incremental update that changes its first page as `change` says, the bytes before
 * kept, as a shadow attack does before a signature. `change` is given the page (to set in it) and
 * the number of the first new object; it returns the new objects, the page is added to them.
 */
async function withFirstPageUpdated(
  pdf: Buffer,
  change: (page: PDFPage, newObject: number) => UpdatedObject[],
): Promise<Buffer> {
  const document = await PDFDocument.load(pdf);
  const page = document.getPages()[0]!;
  const newObject = document.context.largestObjectNumber + 1;
  const added = change(page, newObject);
  const objects = [{ number: page.ref.objectNumber, text: page.node.toString() }, ...added];
  const previousXref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1'))![1];
  let update = '\n';
  const offsets: number[] = [];
  for (const { number, text } of objects) {
    offsets.push(pdf.length + update.length);
    update += `${number} 0 obj\n${text}\nendobj\n`;
  }
  const xrefAt = pdf.length + update.length;
  const entry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  update += `xref\n0 1\n0000000000 65535 f\r\n`;
  objects.forEach(({ number }, i) => (update += `${number} 1\n${entry(offsets[i]!)}`));
  const root = document.context.trailerInfo.Root!.toString();
  update += `trailer\n<< /Size ${newObject + added.length} /Root ${root} /Prev ${previousXref} >>\n`;
  update += `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

/** The page's entry `key` as an array with `ref` added: /Contents and /Annots may be one object or an array. */
function appendTo(page: PDFPage, key: string, ref: PDFRef) {
  const entry = page.node.get(PDFName.of(key));
  const array = PDFArray.withContext(page.doc.context);
  for (const item of entry instanceof PDFArray ? entry.asArray() : entry ? [entry] : []) array.push(item);
  array.push(ref);
  page.node.set(PDFName.of(key), array);
}

/** `pdf` whose first page gets a blue box drawn over it by an update (its content redefined). */
export const withPageDrawnOver = (pdf: Buffer) =>
  withFirstPageUpdated(pdf, (page, stream) => {
    const drawing = '0 0 1 rg 72 600 300 120 re f';
    appendTo(page, 'Contents', PDFRef.of(stream));
    return [{ number: stream, text: `<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream` }];
  });

/** `pdf` whose first page gets a note over its text by an update (a FreeText annotation). */
export const withPageAnnotated = (pdf: Buffer) =>
  withFirstPageUpdated(pdf, (page, annotation) => {
    appendTo(page, 'Annots', PDFRef.of(annotation));
    const note = '/Type /Annot /Subtype /FreeText /Rect [72 700 400 760] /DA (/Helv 14 Tf 0 g)';
    return [{ number: annotation, text: `<< ${note} /Contents (Montant : 1 000 000 EUR) >>` }];
  });
