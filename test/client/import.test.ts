import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import JSZip from 'jszip';
import { documentText, DocumentRefused } from '../../client/document-text';
import { zipUnpacking } from '../../client/zip-size';
import { readConventionText } from '../../domain/reading/convention-text';
import { MAX_DOCUMENT_BYTES, MAX_DOCX_UNPACKED_BYTES } from '../../domain/reading/refusals';
import { CAMINO_TEXT_PATH } from '../fixtures';
import { docxOf, pdfBomb, pdfOf, pdfWithoutText } from '../helpers/documents';
import { runCli } from './run-cli';

// A convention read from its document (issue 30, item 2): the seed's text, and the same text as a
// PDF and as a DOCX made here, read alike; what is not a convention's document refused, in French.

const dir = mkdtempSync(join(tmpdir(), 'convention-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seedText = readFileSync(CAMINO_TEXT_PATH, 'utf8');
const paths = { pdf: join(dir, 'camino-2020.pdf'), docx: join(dir, 'camino-2020.docx') };

beforeAll(async () => {
  writeFileSync(paths.pdf, await pdfOf(seedText));
  writeFileSync(paths.docx, await docxOf(seedText));
});

async function refusalOf(bytes: Uint8Array, name: string): Promise<DocumentRefused> {
  const error = await documentText(bytes, name).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DocumentRefused);
  return error as DocumentRefused;
}

describe('documentText and readConventionText', () => {
  const fromText = readConventionText(seedText);

  it.each(['pdf', 'docx'] as const)(
    'read the seed as a %s to the same convention, missing, sources and unsure',
    async (kind) => {
      const text = await documentText(readFileSync(paths[kind]), `camino-2020.${kind}`);
      const reading = readConventionText(text);
      expect(reading.ok).toBe(true);
      expect(reading).toEqual(fromText);
    },
  );

  it('reads art. 2 from a Word table, as the model’s DOCX has it, to the same lines', async () => {
    const lines = seedText.split('\n');
    const first = lines.findIndex((line) => line.trim() === 'AE CP');
    const after = lines.findIndex((line) => line.startsWith('Article 3'));
    const text = [...lines.slice(0, first), '{table}', ...lines.slice(after)].join('\n');
    const dgaln = 'au titre du financement DGALN 2020';
    const onf = 'au titre de l’avenant 2020 à la convention de rétablissement de crédit ONF-DINUM';
    const dgpr = ['100 000 EUR', 'au titre du financement DGPR 2020'];
    const table = [
      [[], ['AE'], ['CP']],
      [
        ['0113-PEBC-ELAB'],
        ['140 000 EUR', dgaln, '80 000 EUR', onf, 'soit un total de :', '220 000 EUR'],
        ['140 000 EUR', dgaln, '80 000 EUR (à rétablir)', onf, 'soit un total de :', '220 000 EUR'],
      ],
      [['0181-CPRI-ELAB'], dgpr, dgpr],
    ];
    const docx = await documentText(await docxOf(text, table), 'modèle.docx');
    expect(docx).not.toContain('0113-PEBC-ELAB 140 000 EUR'); // a cell per paragraph, not the OCR's lines
    const reading = readConventionText(docx);
    if (!reading.ok || !fromText.ok) throw new Error('refused');
    expect(reading.convention.budget).toHaveLength(3);
    expect(reading.convention.budget).toEqual(fromText.convention.budget);
  });

  it('reads a plain text in UTF-8 as it is, whatever its name says', async () => {
    const bytes = new TextEncoder().encode(seedText);
    expect(await documentText(bytes, 'convention.pdf')).toBe(seedText);
  });

  it('refuses a file over 10 MB before reading it, naming the rule', async () => {
    const refusal = await refusalOf(new Uint8Array(MAX_DOCUMENT_BYTES + 1), 'énorme.pdf');
    expect(refusal.refusal.rule).toBe('too-large');
    expect(refusal.message).toBe(
      'Document trop volumineux : « énorme.pdf » pèse 11 Mo, au-delà des 10 Mo qu’un document peut peser ici.',
    );
  });

  it('refuses a DOCX that would unpack beyond 100 MB (a zip bomb) before mammoth unpacks it', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', new Uint8Array(MAX_DOCX_UNPACKED_BYTES + 1));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.byteLength).toBeLessThan(MAX_DOCUMENT_BYTES);
    const refusal = await refusalOf(bomb, 'bombe.docx');
    expect(refusal.refusal.rule).toBe('unpacks-too-large');
    expect(refusal.message).toBe(
      'Document trop volumineux une fois décompressé : « bombe.docx » occuperait plus des 100 Mo qu’un document Word peut occuper ici.',
    );
  });

  it('measures what a zip unpacks to by unpacking it, whatever its headers declare', async () => {
    const docx = await docxOf(seedText);
    expect(zipUnpacking(docx, MAX_DOCX_UNPACKED_BYTES)).toBe('within');
    expect(zipUnpacking(docx, 10_000)).toBe('beyond');
    expect(zipUnpacking(docx.subarray(0, docx.length - 30), MAX_DOCX_UNPACKED_BYTES)).toBe('unreadable');
  });

  it('refuses a PDF without a text layer: a scanned document', async () => {
    const refusal = await refusalOf(await pdfWithoutText(), 'scan.pdf');
    expect(refusal.refusal.rule).toBe('scanned');
    expect(refusal.message).toMatch(/^Document scanné sans texte : « scan\.pdf »/);
  });

  it('reads a PDF in a thread held to a memory ceiling and a time limit: a PDF made to hold it is refused', async () => {
    const bomb = await pdfBomb(1_000_000);
    const seedPdf = readFileSync(paths.pdf);
    const tight = { memoryMb: 48, seconds: 60 };
    expect(await documentText(seedPdf, 'camino-2020.pdf', tight)).toContain(
      'Convention de délégation de gestion',
    );
    for (const limits of [tight, { memoryMb: 512, seconds: 1 }]) {
      const refused = await documentText(bomb, 'bombe.pdf', limits).catch((thrown: unknown) => thrown);
      expect((refused as DocumentRefused).refusal).toEqual({ rule: 'too-demanding', fileName: 'bombe.pdf' });
    }
  }, 60_000);

  it('refuses an image, or any file that is neither PDF, DOCX nor UTF-8 text', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const refusal = await refusalOf(png, 'photo.png');
    expect(refusal.refusal.rule).toBe('unknown-type');
    expect(refusal.message).toMatch(/^Type de document inconnu : « photo\.png » n’est ni un PDF/);
  });

  it('refuses a damaged PDF and a zip that is not a DOCX as unreadable', async () => {
    const pdf = await refusalOf(new TextEncoder().encode('%PDF-1.7\nnothing else'), 'cassé.pdf');
    expect(pdf.refusal).toEqual({ rule: 'unreadable', kind: 'pdf', fileName: 'cassé.pdf' });
    const zip = await refusalOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'archive.docx');
    expect(zip.message).toBe(
      'Document illisible : « archive.docx » se présente comme un document Word (DOCX) mais n’a pas pu être lu.',
    );
  });

  it('gives no convention from a PDF that is not one: refused with the reason', async () => {
    const text = await documentText(
      await pdfOf('Facture n° 42 du 3 mars 2020\nPrestation de développement : 1 200 EUR'),
      'facture.pdf',
    );
    expect(text).toContain('Facture n° 42');
    expect(readConventionText(text)).toMatchObject({ ok: false, rule: 'not-a-delegation' });
  });
});

describe('convention import DOCUMENT', () => {
  it('prints the convention file it read, in YAML under a French header of what to complete, and exits 0', () => {
    const run = runCli(['import', CAMINO_TEXT_PATH]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const header = run.stdout.split('\n').filter((line) => line.startsWith('#'));
    expect(header[0]).toBe(
      '# Convention lue dans « camino-2020.convention.txt ». Relisez chaque valeur avant de la démarrer.',
    );
    expect(header).toContain('#   - Partie n° 1 › Représentant › Adresse électronique');
    expect(header).toContain('#   - Rôles › Administrateurs');
    expect(run.stdout).not.toMatch(/parties\.\d|representative\.email/);
    const fromText = readConventionText(seedText);
    expect(parse(run.stdout)).toEqual(fromText.ok && fromText.convention);
  });

  it('prints { convention, missing, sources, unsure } with --json, from a PDF as from a DOCX', () => {
    for (const path of [paths.pdf, paths.docx]) {
      const run = runCli(['import', path, '--json']);
      expect(run.status).toBe(0);
      const printed = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(printed)).toEqual(['convention', 'missing', 'sources', 'unsure']);
      const { ok: _, ...fromText } = readConventionText(seedText) as { ok: true };
      expect(printed).toEqual(fromText);
    }
  });

  it('exits 1 on a document that is not a convention of the model, saying why in French on stderr', () => {
    const readme = join(dir, 'README.md');
    writeFileSync(readme, readFileSync(new URL('../../README.md', import.meta.url)));
    const run = runCli(['import', readme]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const refused = readConventionText(readFileSync(readme, 'utf8'));
    expect(refused.ok).toBe(false);
    expect(run.stderr.trim()).toBe(!refused.ok && refused.reason);
    expect(run.stderr).toMatch(/^Ce document n’est pas une convention/);
  });

  it('exits 1 on a scanned PDF and on a missing file, with the rule in French', async () => {
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, await pdfWithoutText());
    const scanned = runCli(['import', scan]);
    expect(scanned.status).toBe(1);
    expect(scanned.stderr).toMatch(/^Document scanné sans texte/);
    const missing = runCli(['import', join(dir, 'absent.pdf')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^Impossible d’ouvrir « .*absent\.pdf » : le fichier est absent ou illisible\./,
    );
  });
});
