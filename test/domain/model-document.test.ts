import { describe, expect, it } from 'vitest';
import { conventionSchema } from '../../domain/convention';
import { modelDocument, type ModelBlock } from '../../domain/model-document';
import { readConventionText, type ConventionReading } from '../../domain/reading/convention-text';
import { camino, caminoInput } from '../fixtures';

// The model's text drafted from the seed's data (issue 31, item 1), read as blocks: no PDF here.

const blocks = modelDocument(camino());
const texts = (kind: ModelBlock['kind']) =>
  blocks.flatMap((block) => (block.kind === kind && 'text' in block ? [block.text] : []));
const all = JSON.stringify(blocks);

/** The blocks as lines of text, in the order a PDF's reader gives them (a table cell after cell). */
const linesOf = (document: readonly ModelBlock[]): string[] =>
  document.flatMap((block) => {
    switch (block.kind) {
      case 'title':
        return block.lines;
      case 'bullets':
        return block.items;
      case 'table':
        return [block.head.join(' '), ...block.rows.flat(2)];
      case 'fields':
        return block.fields.map(([label, value]) => `${label} : ${value}`);
      case 'signatures':
        return [
          block.place,
          ...block.groups.flatMap((group) => [group.heading, ...group.signatories.flat()]),
        ];
      case 'page-break':
        return [];
      default:
        return [block.text];
    }
  });

describe('modelDocument', () => {
  it('opens on the model’s title, the convention’s own name and a date left to write', () => {
    expect(blocks[0]).toEqual({
      kind: 'title',
      lines: [
        'Convention de délégation de gestion',
        'Camino, cadastre minier numérique ouvert (2020)',
        'en date du ____________',
      ],
    });
  });

  it('names the délégant’s bodies with their representatives, then the délégataire, as the model does', () => {
    const [delegant, delegataire] = texts('paragraph').filter((text) => /Ci-après dénommé/.test(text));
    expect(delegant).toBe(
      'D’une part, Secrétariat général des ministères de la Transition écologique et solidaire et de la Cohésion des territoires (SG), ' +
        'Direction générale de l’aménagement, du logement et de la nature (DGALN) et Direction générale de la prévention des risques (DGPR), ' +
        'Représentés par Emilie Piette, Secrétaire générale (SG), Stéphanie Dupuy-Lyon, Directrice générale de l’aménagement, du logement et de la nature (DGALN), ' +
        'Cédric Bourillet, Directeur général de la prévention des risques (DGPR), Ci-après dénommés « le délégant »,',
    );
    expect(delegataire).toBe(
      'Direction interministérielle du numérique (DINUM), Représenté par Nadi Bou Hanna, Directeur interministériel du numérique (DINUM), Ci-après dénommé « le délégataire » ou « la DINUM »,',
    );
  });

  it('has the « Vu », the préambule with its co-funder, then articles 1 to 8 in order, the signatures and the annexes', () => {
    expect(texts('paragraph').filter((text) => text.startsWith('Vu '))).toHaveLength(2);
    expect(texts('heading')).toEqual([
      'Préambule',
      'Article 1 : Objet de la délégation',
      'Article 2 : Obligations du délégant',
      'Article 3 : Obligations du délégataire',
      'Article 4 : Déroulement des travaux',
      'Article 5 : Exécution financière de la délégation',
      'Article 6 : Modification du document',
      'Article 7 : Durée et résiliation de la convention',
      'Article 8 : Publication de la délégation',
      'Annexes',
    ]);
    expect(all).toContain('sans être partie à la présente convention : Office national des forêts (ONF).');
    expect(all).toContain(
      'à hauteur de 140\u00a0000,00\u00a0€ pour DGALN (P113), 80\u00a0000,00\u00a0€ pour ONF (P113)',
    );
    const kinds = blocks.map((block) => block.kind);
    expect(kinds.indexOf('signatures')).toBeGreaterThan(texts('heading').indexOf('Article 8'));
    expect(texts('subheading')).toContain('Annexe 1 : le manifeste beta.gouv.fr');
    expect(texts('subheading')).toContain('Annexe 2 : détermination des frais encourus');
  });

  it('gives art. 2’s table a row per UO: each funder’s amount in French money, « à rétablir », and the total', () => {
    const table = blocks.find((block) => block.kind === 'table');
    expect(table).toEqual({
      kind: 'table',
      head: ['Unité opérationnelle', 'AE', 'CP'],
      rows: [
        [
          ['0113-PEBC-ELAB'],
          [
            '140\u00a0000,00\u00a0€',
            'au titre du financement DGALN',
            '80\u00a0000,00\u00a0€ (à rétablir)',
            'au titre du financement ONF',
            'soit un total de : 220\u00a0000,00\u00a0€',
          ],
          expect.any(Array),
        ],
        [
          ['0181-CPRI-ELAB'],
          [
            '100\u00a0000,00\u00a0€',
            'au titre du financement DGPR',
            'soit un total de : 100\u00a0000,00\u00a0€',
          ],
          [
            '100\u00a0000,00\u00a0€',
            'au titre du financement DGPR',
            'soit un total de : 100\u00a0000,00\u00a0€',
          ],
        ],
      ],
    });
  });

  it('lists each UO’s Chorus references once, and each signatory with its representative', () => {
    expect(texts('subheading').filter((text) => text.startsWith('Références Chorus'))).toEqual([
      'Références Chorus : 0113-PEBC-ELAB',
      'Références Chorus : 0181-CPRI-ELAB',
    ]);
    expect(blocks).toContainEqual({
      kind: 'fields',
      fields: [
        ['Domaine fonctionnel', '0181-11'],
        ['Sous-action', '0181-11-03'],
        ['Centre financier', '0181-CPRI-ELAB'],
        ['Activité(s)', '018111AM0303'],
        ['Centre de coût', 'DININCUB75'],
      ],
    });
    const signatures = blocks.find((block) => block.kind === 'signatures');
    expect(signatures).toMatchObject({
      place: 'Fait à Paris, le',
      groups: [
        {
          heading: 'Pour le délégant,',
          signatories: [
            [expect.stringContaining('(SG)'), 'Emilie Piette', 'Secrétaire générale'],
            expect.any(Array),
            expect.any(Array),
          ],
        },
        {
          heading: 'Pour le délégataire,',
          signatories: [
            [
              'Direction interministérielle du numérique (DINUM)',
              'Nadi Bou Hanna',
              'Directeur interministériel du numérique',
            ],
          ],
        },
      ],
    });
  });

  it('says the convention’s own durations and years: committees, notice, a line’s budget year', () => {
    const input = caminoInput();
    input.schedule = { ...input.schedule, committeeEveryMonths: 4, noticeMonths: 2 };
    input.budget[2] = { ...input.budget[2]!, year: 2021 };
    const text = JSON.stringify(modelDocument(conventionSchema().parse(input)));
    expect(text).toContain('un comité d’investissement tous les 4 mois');
    expect(text).toContain('sous réserve du respect d’un préavis de 2 mois');
    expect(text).toContain('au titre du financement DGPR 2021');
    expect(all).toContain('un comité d’investissement tous les 6 mois');
  });

  it('reads back with `convention import`’s grammar for one délégant without co-funder, in the singular', () => {
    const input = caminoInput();
    input.parties = input.parties.filter((party) => ['DGPR', 'DINUM'].includes(party.id));
    input.budget = input.budget.filter((line) => line.funder === 'DGPR');
    const convention = conventionSchema().parse(input);
    const lines = linesOf(modelDocument(convention));
    expect(lines.join('\n')).toContain('Représenté par Cédric Bourillet');
    expect(lines.join('\n')).not.toContain('Participe également');
    const reading = readConventionText(lines.join('\n')) as ConventionReading;
    expect(reading.ok).toBe(true);
    expect(reading.convention.parties).toEqual(
      convention.parties.map(({ id, name, role, representative }) => ({
        id,
        name,
        role,
        representative: { name: representative.name, title: representative.title },
      })),
    );
    expect(reading.convention.budget).toEqual([
      {
        uo: '0181-CPRI-ELAB',
        program: 'P181',
        funder: 'DGPR',
        ae: '100000.00',
        cp: '100000.00',
        restoration: false,
        imputation: convention.budget[0]!.imputation,
      },
    ]);
  });
});
