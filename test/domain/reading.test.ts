import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conventionSchema } from '../../domain/convention';
import { readConventionText, type ConventionReading } from '../../domain/reading/convention-text';
import { mendOcr } from '../../domain/reading/ocr';
import { CAMINO_TEXT_PATH, caminoInput, camino } from '../fixtures';

// The grammar of DINUM's model (issue 30, item 2), on the seed's OCR'd text as it is.

const seedText = () => readFileSync(CAMINO_TEXT_PATH, 'utf8');

function read(text: string): ConventionReading {
  const result = readConventionText(text);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

type Tree = Record<string, unknown>;

/** Each leaf's path (`parties.0.representative.email`); a list of plain values is one leaf, as the form asks it. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value) && value.some((item) => typeof item === 'object'))
    return value.flatMap((item, i) => leafPaths(item, `${prefix}${i}.`));
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, `${prefix}${key}.`));
  return [prefix.slice(0, -1)];
}

function valueAt(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

function setAt(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Tree>((node, key) => (node[key] ??= {}) as Tree, tree);
  parent[keys.at(-1)!] = value;
}

describe('readConventionText on the seed’s OCR’d text', () => {
  const seed = camino();
  const reading = read(seedText());
  const convention = reading.convention as { parties: Tree[]; budget: Tree[]; startup: Tree; id: string };

  it('reads the three lines of art. 2 as the fixture has them: UO, programme, funder, AE, CP, « à rétablir », imputation', () => {
    const fields = ['uo', 'program', 'funder', 'ae', 'cp', 'restoration', 'imputation'] as const;
    const pick = (line: Tree) => Object.fromEntries(fields.map((field) => [field, line[field]]));
    expect(convention.budget.map(pick)).toEqual(seed.budget.map((line) => pick(line as unknown as Tree)));
    expect(convention.budget.map((line) => line.restoration)).toEqual([false, true, false]);
    // "au titre du financement DGALN 2020": the budget year the text gives.
    expect(convention.budget.map((line) => line.year)).toEqual([2020, 2020, 2020]);
  });

  it('reads the four representatives, names and titles, as the fixture has them, and their parties’ ids and roles', () => {
    const person = (party: Tree) => {
      const { name, title } = party.representative as Tree;
      return { id: party.id, role: party.role, name, title };
    };
    expect(convention.parties.slice(0, 4).map(person)).toEqual(
      seed.parties.slice(0, 4).map((party) => person(party as unknown as Tree)),
    );
  });

  it('finds ONF as a co-funder from its line, named as the preamble spells it, its representative left to ask', () => {
    expect(convention.parties[4]).toEqual({
      id: 'ONF',
      name: 'Office national des forêts',
      role: 'cofunder',
      representative: {},
    });
  });

  it('reads the startup, its incubator and the phase the délégation funds, and makes the id of the fixture', () => {
    expect(convention.id).toBe(seed.id);
    expect(convention.startup).toEqual({
      name: 'Camino',
      incubator: 'La Fabrique numérique',
      phase: 'acceleration',
    });
  });

  it('misses exactly what the fixture has and the text does not say (addresses, the roles), the defaults aside', () => {
    const read = new Set(leafPaths(convention));
    // What the schema gives a default or leaves optional is not asked for.
    const optional = /^(schedule|roles\.intrapreneur|roles\.cbcm)\b/;
    const expected = leafPaths(caminoInput()).filter((path) => !read.has(path) && !optional.test(path));
    expect(new Set(reading.missing)).toEqual(new Set(expected));
    expect(reading.missing).toContain('parties.0.representative.email');
    expect(reading.missing.some((path) => /email|contacts|admins/.test(path))).toBe(true);
  });

  it('gives a valid convention once the missing paths are filled from the fixture, and nothing else', () => {
    const filled = structuredClone(reading.convention);
    for (const path of reading.missing) setAt(filled, path, valueAt(caminoInput(), path));
    const parsed = conventionSchema().safeParse(filled);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('names, for each value read, the line of the document it came from, which says it', () => {
    const lines = new Set(
      seedText()
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim()),
    );
    for (const [path, line] of Object.entries(reading.sources)) expect(lines, path).toContain(line);
    expect(reading.sources['parties.1.representative.name']).toContain('Stéphanie Dupuy-Lyon');
    expect(reading.sources['budget.1.cp']).toBe('80 000 EUR (à rétablir)');
    expect(reading.sources['budget.2.imputation.sousAction']).toBe('Sous-action : 0181-11-03');
    expect(reading.sources['parties.3.representative.title']).toBe(
      'Représentée par Nadi Bou Hanna, Directeur interministériel du numérique,',
    );
    // Every value read has its line.
    const filledPaths = leafPaths(convention).filter((path) => !path.endsWith('representative'));
    for (const path of filledPaths) expect(Object.keys(reading.sources), path).toContain(path);
  });

  it('is sure of every value of the seed: its OCR damage lies elsewhere (« Ourée », « Premler »)', () => {
    expect(reading.unsure).toEqual({});
  });
});

describe('readConventionText on damaged text', () => {
  it('takes OCR-damaged words as the model’s and marks the values unsure, with the raw text', () => {
    const damaged = seedText()
      .replace('Nadi Bou Hanna, Directeur interministériel', 'Nadi Bou Hanna, Dlrecteur lnterministériel')
      .replace(
        'Direction générale de la prévention des risques,',
        'Direction GENERALE de la prévention des risques,',
      )
      .replace('Cédric Bourillet, Directeur général', 'Cédric Bourillet, Oirecteur général');
    const reading = read(damaged);
    const parties = (reading.convention as { parties: Tree[] }).parties;
    expect(reading.unsure).toEqual({
      'parties.3.representative.title': 'Dlrecteur lnterministériel du numérique',
      'parties.2.name': 'Direction GENERALE de la prévention des risques',
      'parties.2.representative.title': 'Oirecteur général de la prévention des risques',
    });
    expect((parties[3]!.representative as Tree).title).toBe('Directeur interministériel du numérique');
    expect(parties[2]!.name).toBe('Direction GÉNÉRALE de la prévention des risques');
    expect((parties[2]!.representative as Tree).title).toBe('Directeur général de la prévention des risques');
  });

  it('mends figures OCR read as letters (O for 0, l for 1) in codes and amounts, marking them unsure', () => {
    const damaged = seedText()
      .replace('0113-PEBC-ELAB 140 000 EUR', 'O113-PEBC-ELAB 14O 000 EUR')
      .replace('Sous-action : 0113-07-16', 'Sous-action : 0113-O7-l6');
    const reading = read(damaged);
    const budget = (reading.convention as { budget: Tree[] }).budget;
    const fixture = camino().budget;
    expect(budget.map(({ uo, ae, imputation }) => ({ uo, ae, imputation }))).toEqual(
      fixture.map(({ uo, ae, imputation }) => ({ uo, ae, imputation })),
    );
    expect(reading.unsure).toEqual({
      'budget.0.uo': 'O113-PEBC-ELAB',
      'budget.1.uo': 'O113-PEBC-ELAB',
      'budget.0.ae': '14O 000',
      'budget.0.imputation.sousAction': '0113-O7-l6',
      'budget.1.imputation.sousAction': '0113-O7-l6',
    });
    expect(reading.sources['budget.0.ae']).toBe('O113-PEBC-ELAB 14O 000 EUR');
  });

  it('reads amounts exactly, whatever the spaces: 140 000 EUR is 140000.00', () => {
    const text = seedText().replace('0113-PEBC-ELAB 140 000 EUR', '0113-PEBC-ELAB 140\u00a0000,50 EUR');
    const budget = (read(text).convention as { budget: Tree[] }).budget;
    expect(budget[0]!.ae).toBe('140000.50');
    expect(budget[0]!.cp).toBe('140000.00');
  });
});

describe('mendOcr', () => {
  it.each([
    ['Premler ministre', 'Premier ministre'],
    ['Mlnlstère de la Transition écologique', 'Ministère de la Transition écologique'],
    ['Ourée et résiliation', 'Durée et résiliation'],
    ['SECRÉTAIRE GENERAL', 'SECRÉTAIRE GÉNÉRAL'],
    ['Dlrectrice générale', 'Directrice générale'],
  ])('takes « %s » as « %s », damaged', (raw, meant) => {
    expect(mendOcr(raw)).toEqual({ value: meant, damaged: true });
  });

  it.each([
    'Emilie Piette',
    'Cédric Bourillet',
    'DIRECTRICE GÉNÉRALE',
    'Office national des forêts',
    'Nadi Bou Hanna',
  ])('leaves « %s » as it is: words of the model well written, or names it does not know', (raw) => {
    expect(mendOcr(raw)).toEqual({ value: raw, damaged: false });
  });
});

describe('readConventionText refuses what is not a convention of the model', () => {
  it('refuses the README, saying why in French', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const result = readConventionText(readme);
    expect(result.ok).toBe(false);
    // The README speaks of conventions: whichever rule it fails, the reason says it is not one.
    expect(!result.ok && result.reason).toMatch(
      /^Ce document n’est pas une convention (de délégation de gestion|du modèle de la DINUM) : /,
    );
  });

  it('refuses a text longer than any convention before reading it', () => {
    const text = seedText().repeat(40);
    expect(text).toHaveLength(1_052_000);
    const result = readConventionText(text);
    expect(result).toMatchObject({ ok: false, rule: 'too-long', max: 1_000_000 });
    expect(!result.ok && result.reason).toMatch(
      /^Ce texte est trop long pour une convention : 1\u202f052\u202f000 caractères, au-delà des 1\u202f000\u202f000 /,
    );
  });

  it('refuses a text that never says it is a convention de délégation de gestion', () => {
    const result = readConventionText('Facture n° 42\nCi-après dénommée « le délégant »');
    expect(result).toMatchObject({ ok: false, rule: 'not-a-delegation' });
    expect(!result.ok && result.reason).toBe(
      'Ce document n’est pas une convention de délégation de gestion : son texte ne porte nulle part ce titre.',
    );
  });

  it('refuses a text that has the title but names no délégant nor délégataire', () => {
    const result = readConventionText('Convention de délégation de gestion\nIl a été convenu ce qui suit.');
    expect(result).toMatchObject({ ok: false, rule: 'no-parties' });
    expect(!result.ok && result.reason).toContain('« ci-après dénommée le délégant »');
  });
});
