import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from '../../client/document-text';
import { draftDocument } from '../../document/draft';
import { conventionSchema } from '../../domain/convention';
import { readConventionText, type ConventionReading } from '../../domain/reading/convention-text';
import { camino, caminoInput } from '../fixtures';

// The model's PDF of the seed (issue 31, item 1): the same data gives the same bytes; its fonts are
// in it; read back by the project's own reader (`convention import`), it says the fixture's parties,
// representatives, lines and imputations; its pages, rendered by poppler and read by tesseract in
// French, say what a person reads there. poppler-utils and tesseract-ocr-fra come from Debian
// (scripts/install-debian-packages.js).

const dir = mkdtempSync(join(tmpdir(), 'convention-draft-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Text as OCR and the PDF may both write it: one kind of apostrophe, no space around punctuation. */
const plain = (text: string) =>
  text
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ?([:;«»]) ?/g, '$1');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

let pdf: Uint8Array;
const path = join(dir, 'camino-2020.pdf');
beforeAll(async () => {
  pdf = await draftDocument(camino());
  writeFileSync(path, pdf);
});

describe('draftDocument', () => {
  it('gives the same bytes for the same convention, other bytes for another', async () => {
    const again = await draftDocument(camino());
    expect(sha256(again)).toBe(sha256(pdf));
    const input = caminoInput();
    input.budget[0] = { ...input.budget[0]!, ae: '140000.01' };
    expect(sha256(await draftDocument(conventionSchema().parse(input)))).not.toBe(sha256(pdf));
  });

  it('holds no date, no document id, and its two fonts embedded as subsets under fixed names', () => {
    const text = latin1(pdf);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).not.toMatch(/CreationDate|ModDate|\/ID\s*\[/);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
    expect(fonts).toMatch(/MODELA\+Spectral-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/MODELB\+Spectral-ExtraBold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(
      /Title:\s+Convention de délégation de gestion — Camino, cadastre minier numérique ouvert \(2020\)/,
    );
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it('reads back, with `convention import`’s reader, to the fixture’s parties, representatives, lines and imputations', async () => {
    const reading = readConventionText(await documentText(pdf, 'camino-2020.pdf')) as ConventionReading;
    expect(reading.ok).toBe(true);
    expect(reading.unsure).toEqual({});
    const seed = camino();
    const parties = reading.convention.parties as Record<string, unknown>[];
    expect(parties).toEqual(
      seed.parties.map(({ id, name, role, representative }) =>
        role === 'cofunder'
          ? { id, name, role, representative: {} } // a co-funder signs nothing: the text names no one for it
          : { id, name, role, representative: { name: representative.name, title: representative.title } },
      ),
    );
    expect(reading.convention.budget).toEqual(
      seed.budget.map(({ uo, program, funder, ae, cp, restoration, imputation }) => ({
        uo,
        program,
        funder,
        ae,
        cp,
        restoration,
        imputation,
      })),
    );
    expect(reading.convention.startup).toEqual(seed.startup);
  });

  it('renders pages that read, by OCR in French, as the model: title, parties, articles, amounts, signatures', () => {
    const expected = [
      'Convention de délégation de gestion',
      'Représentés par Emilie Piette, Secrétaire générale (SG)',
      'Vu le décret',
      'Préambule',
      'Article 1 : Objet de la délégation',
      'Article 8 : Publication de la délégation',
      'soit un total de : 220 000,00 €',
      'Références Chorus : 0181-CPRI-ELAB',
      'Centre de coût : DININCUB75',
      'Pour le délégataire,',
      'Nadi Bou Hanna',
      'Annexe 1 : le manifeste beta.gouv.fr',
    ].map(plain);
    const pageCount = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1],
    );
    expect(pageCount).toBeGreaterThanOrEqual(6);
    // OCR takes seconds a page on two shared cores: only the pages whose text layer says one of these.
    const ocr: string[] = [];
    for (let page = 1; page <= pageCount; page++) {
      const layer = plain(
        execFileSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, path, '-'], { encoding: 'utf8' }),
      );
      if (!expected.some((words) => layer.includes(words))) continue;
      const image = join(dir, `page-${page}`);
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-gray',
        '-png',
        '-singlefile',
        '-f',
        `${page}`,
        '-l',
        `${page}`,
        path,
        image,
      ]);
      ocr.push(
        execFileSync('tesseract', [`${image}.png`, '-', '-l', 'fra'], {
          encoding: 'utf8',
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
    }
    const read = plain(ocr.join('\n'));
    for (const words of expected) expect(read).toContain(words);
  }, 300_000);
});
