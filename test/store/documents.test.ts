import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocument } from '../../document/draft';
import { checkFile, downloadName, mediaTypeOf, MEDIA_TYPES } from '../../domain/documents';
import { FileRefused, type DocumentStore } from '../../store/documents';
import { PostgresDocumentStore } from '../../store/documents-postgres';
import { SqliteDocumentStore } from '../../store/documents-sqlite';
import { SqliteRegister } from '../../store/register-sqlite';
import { camino } from '../fixtures';
import { docxOf } from '../helpers/documents';
import { startPostgres, type PostgresServer } from '../helpers/postgres';

// A convention's files kept by their SHA-256 (issue 31), on both databases: the type from the
// content, the size within the setting, who added each and when, the bytes given back as kept.

const dir = mkdtempSync(join(tmpdir(), 'convention-files-'));
let postgres: PostgresServer;
let pdf: Uint8Array;
let docx: Uint8Array;
beforeAll(async () => {
  postgres = await startPostgres();
  pdf = await draftDocument(camino());
  docx = await docxOf('Convention de délégation de gestion');
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const ADMIN = 'admin@example.org';
const AT = '2027-03-10T09:00:00.000Z';
/** The limit of the stores under test: 1 MiB, so that a file just over it is cheap to make. */
const MAX = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('what a file is, by its content', () => {
  it('tells a PDF, a DOCX, a PNG and a JPEG apart, whatever their names; a zip that is not Word is none', async () => {
    expect(mediaTypeOf(pdf)).toBe(MEDIA_TYPES.pdf);
    expect(mediaTypeOf(docx)).toBe(MEDIA_TYPES.docx);
    expect(mediaTypeOf(PNG)).toBe(MEDIA_TYPES.png);
    expect(mediaTypeOf(JPEG)).toBe(MEDIA_TYPES.jpeg);
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('notes.txt', 'word/document.xml');
    expect(mediaTypeOf(await zip.generateAsync({ type: 'uint8array' }))).toBeUndefined();
    expect(mediaTypeOf(new TextEncoder().encode('Convention de délégation de gestion'))).toBeUndefined();
  });

  it('takes for each kind its own types only, and refuses an empty or too large file', () => {
    expect(checkFile('version', docx, MAX)).toEqual({ ok: true, mediaType: MEDIA_TYPES.docx });
    expect(checkFile('signed', docx, MAX)).toEqual({
      ok: false,
      refusal: { rule: 'wrong-type', kind: 'signed', found: MEDIA_TYPES.docx },
    });
    expect(checkFile('scan', JPEG, MAX)).toEqual({ ok: true, mediaType: MEDIA_TYPES.jpeg });
    expect(checkFile('version', PNG, MAX).ok).toBe(false);
    expect(checkFile('scan', new Uint8Array(), MAX)).toEqual({ ok: false, refusal: { rule: 'empty' } });
    expect(checkFile('version', pdf, 1000)).toEqual({
      ok: false,
      refusal: { rule: 'too-large', bytes: pdf.byteLength, max: 1000 },
    });
  });

  it('names a download after the convention and the version only', () => {
    expect(downloadName('camino-2020', 'version-3', MEDIA_TYPES.pdf)).toBe('camino-2020-version-3.pdf');
    expect(downloadName('camino-2020', 'signée"\r\n; x=../', MEDIA_TYPES.docx)).toBe(
      'camino-2020-sign-e-x.docx',
    );
  });
});

describe.each([
  // The register's file, the register opened on it first: one schema for both.
  [
    'SQLite',
    async (): Promise<DocumentStore> => {
      const path = join(dir, 'register.sqlite');
      await new SqliteRegister(path).close();
      return new SqliteDocumentStore(path, MAX);
    },
  ],
  [
    'PostgreSQL',
    async (): Promise<DocumentStore> =>
      PostgresDocumentStore.open(await postgres.createDatabase('files'), MAX),
  ],
])('a convention’s files on %s', (_name, open) => {
  let store: DocumentStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('keeps a file by its SHA-256 with who added it, when and why, and gives back the same bytes', async () => {
    const kept = await store.add({
      conventionId: 'camino-2020',
      kind: 'version',
      content: pdf,
      addedBy: ADMIN,
      addedAt: AT,
      note: 'Version du modèle',
    });
    expect(kept).toEqual({
      conventionId: 'camino-2020',
      sha256: sha256(pdf),
      kind: 'version',
      mediaType: 'application/pdf',
      bytes: pdf.byteLength,
      addedBy: ADMIN,
      addedAt: AT,
      note: 'Version du modèle',
    });
    const got = await store.get('camino-2020', sha256(pdf));
    expect(got?.file).toEqual(kept);
    expect(sha256(got!.content)).toBe(sha256(pdf));
    // Another convention does not see it.
    expect(await store.get('autre-2027', sha256(pdf))).toBeUndefined();
  });

  it('keeps the same bytes once, lists a convention’s files in the order they came', async () => {
    const again = await store.add({
      conventionId: 'camino-2020',
      kind: 'version',
      content: pdf,
      addedBy: 'autre@example.org',
      addedAt: '2027-03-11T09:00:00.000Z',
    });
    expect(again.addedBy).toBe(ADMIN);
    await store.add({
      conventionId: 'camino-2020',
      kind: 'version',
      content: docx,
      addedBy: ADMIN,
      addedAt: AT,
    });
    await store.add({ conventionId: 'camino-2020', kind: 'scan', content: PNG, addedBy: ADMIN, addedAt: AT });
    await store.add({ conventionId: 'autre-2027', kind: 'scan', content: JPEG, addedBy: ADMIN, addedAt: AT });
    expect((await store.list('camino-2020')).map((file) => [file.kind, file.mediaType, file.sha256])).toEqual(
      [
        ['version', MEDIA_TYPES.pdf, sha256(pdf)],
        ['version', MEDIA_TYPES.docx, sha256(docx)],
        ['scan', MEDIA_TYPES.png, sha256(PNG)],
      ],
    );
    expect(await store.list('nulle-part')).toEqual([]);
  });

  it('refuses, in French, a file of the wrong type or over the limit, and keeps nothing of it', async () => {
    const refusal = await store
      .add({ conventionId: 'refus-2027', kind: 'signed', content: docx, addedBy: ADMIN, addedAt: AT })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FileRefused);
    expect((refusal as Error).message).toBe(
      'Type de fichier refusé : un document signé est un PDF, et ce fichier est un document Word (DOCX) (reconnu à son contenu, non à son nom).',
    );
    const large = new Uint8Array(MAX + 1);
    large.set(pdf.subarray(0, 8));
    await expect(
      store.add({ conventionId: 'refus-2027', kind: 'version', content: large, addedBy: ADMIN, addedAt: AT }),
    ).rejects.toThrow(
      'Fichier trop volumineux : il pèse 1,1\u00a0Mo, au-delà des 1\u00a0Mo qu’un fichier peut peser ici.',
    );
    expect(await store.list('refus-2027')).toEqual([]);
  });
});
