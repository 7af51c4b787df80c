import type { TBudgetLine, TConvention, TParty } from './convention';
import * as model from './french/model';
import { conventionName, of, PHASE_NAMES } from './french/words';
import { formatEuros, sumMoney, toMoneyString } from './money';

// DINUM's model of convention drafted from a convention's data (issue 31, item 1): the blocks of
// its text in order, every word from the catalogue (domain/french/model.ts). Pure: document/ lays
// these blocks out on pages; the tests read them without a PDF.

export type ModelBlock =
  /** The title, centred: the model's name, then the convention's own title, then its date to come. */
  | { kind: 'title'; lines: string[] }
  | { kind: 'heading'; text: string }
  /** A subheading inside an article or an annex (a UO's Chorus references, a service). */
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** A list; `level` 2 is a list inside a list item. */
  | { kind: 'bullets'; items: string[]; level: 1 | 2 }
  /** Art. 2's table: a row per UO, its AE and its CP cells, each a list of lines. */
  | { kind: 'table'; head: readonly string[]; rows: string[][][] }
  /** Labelled values, one a line (`Domaine fonctionnel : 0113-07`). */
  | { kind: 'fields'; fields: [string, string][] }
  /** Who signs, in groups (the délégant's, then the délégataire's), each with room to sign. */
  | { kind: 'signatures'; place: string; groups: { heading: string; signatories: string[][] }[] }
  | { kind: 'page-break' };

/** The UOs of the budget, each once, in the order of their first line. */
const uosOf = (budget: readonly TBudgetLine[]) => [...new Set(budget.map((line) => line.uo))];

/** `0113-PEBC-ELAB, 0181-CPRI-ELAB`. */
const listed = (uos: readonly string[]) => uos.join(', ');

/** A party as the header names it: its name and its id, `Direction … (DGALN)`. */
const named = (party: TParty) => `${party.name} (${party.id})`;

/** Art. 2's cell of one column (AE or CP) for one UO: each line's amount and what it is given for, then the total. */
function budgetCell(lines: readonly TBudgetLine[], column: 'ae' | 'cp'): string[] {
  const cell = lines.flatMap((line) => [
    `${formatEuros(line[column])}${line.restoration ? ` ${model.TO_RESTORE}` : ''}`,
    model.budgetPurpose(line.funder, line.year),
  ]);
  const total = sumMoney(lines.map((line) => line[column]));
  return [...cell, model.budgetTotal(formatEuros(toMoneyString(total)))];
}

/** The header: the délégant's bodies and representatives, then the délégataire's, as the reading reads them. */
function partiesBlocks(convention: TConvention): ModelBlock[] {
  const delegants = convention.parties.filter((party) => party.role === 'delegant');
  const delegataire = convention.parties.filter((party) => party.role === 'delegataire');
  const representatives = (parties: TParty[]) =>
    `${model.representedBy(parties.length)} ${parties
      .map((party) => `${party.representative.name}, ${party.representative.title} (${party.id})`)
      .join(', ')},`;
  const bodies = (parties: TParty[]) => {
    const names = parties.map(named);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)},` : `${names[0]},`;
  };
  return [
    { kind: 'paragraph', text: model.BETWEEN },
    {
      kind: 'paragraph',
      text: `${model.ON_ONE_SIDE} ${bodies(delegants)} ${representatives(delegants)} ${model.designated('delegant', delegants.length)}`,
    },
    { kind: 'paragraph', text: model.AND },
    {
      kind: 'paragraph',
      text: `${bodies(delegataire)} ${representatives(delegataire)} ${model.designated('delegataire', 1)}`,
    },
  ];
}

function preambleBlocks(convention: TConvention): ModelBlock[] {
  const { name, incubator } = convention.startup;
  const cofunders = convention.parties.filter((party) => party.role === 'cofunder');
  const funders = [...new Set(convention.budget.map((line) => line.funder))];
  const shares = funders.map((funder) => {
    const lines = convention.budget.filter((line) => line.funder === funder);
    const programs = [...new Set(lines.map((line) => line.program))];
    return model.fundingShare(formatEuros(sumMoney(lines.map((line) => line.ae))), funder, programs);
  });
  return [
    { kind: 'heading', text: model.PREAMBLE },
    ...model.PREAMBLE_BETA.map((text): ModelBlock => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: model.preambleStartup(name, incubator) },
    ...(cofunders.length
      ? [{ kind: 'paragraph', text: model.preambleCofunders(name, cofunders.map(named)) } as const]
      : []),
    { kind: 'paragraph', text: model.preambleFunding(name, shares) },
  ];
}

function articlesBlocks(convention: TConvention): ModelBlock[] {
  const uos = uosOf(convention.budget);
  const { committeeEveryMonths, noticeMonths } = convention.schedule;
  const paragraphs = (texts: readonly string[]) =>
    texts.map((text): ModelBlock => ({ kind: 'paragraph', text }));
  const heading = (number: keyof typeof model.ARTICLE_TITLES): ModelBlock => ({
    kind: 'heading',
    text: model.article(number, model.ARTICLE_TITLES[number]),
  });
  return [
    heading(1),
    {
      kind: 'paragraph',
      text: model.article1Object(of(PHASE_NAMES[convention.startup.phase]), convention.startup.name),
    },
    { kind: 'paragraph', text: model.ARTICLE_1_DECREE },
    { kind: 'paragraph', text: model.article1Authorization(listed(uos)) },
    ...paragraphs(model.ARTICLE_1_COVERS),

    heading(2),
    { kind: 'paragraph', text: model.ARTICLE_2_UNDERTAKES },
    { kind: 'bullets', items: model.ARTICLE_2_COMMITMENTS, level: 1 },
    { kind: 'paragraph', text: model.ARTICLE_2_INTRAPRENEUR_LEAD },
    { kind: 'bullets', items: model.ARTICLE_2_INTRAPRENEUR, level: 2 },
    { kind: 'bullets', items: [model.article2Committee(committeeEveryMonths)], level: 1 },
    { kind: 'paragraph', text: model.ARTICLE_2_FORECASTS },
    { kind: 'paragraph', text: model.ARTICLE_2_ON_SIGNATURE },
    { kind: 'bullets', items: model.article2Availability(listed(uos)), level: 1 },
    {
      kind: 'table',
      head: model.BUDGET_HEAD,
      rows: uos.map((uo) => {
        const lines = convention.budget.filter((line) => line.uo === uo);
        return [[uo], budgetCell(lines, 'ae'), budgetCell(lines, 'cp')];
      }),
    },

    heading(3),
    { kind: 'paragraph', text: model.ARTICLE_3_UNDERTAKES },
    { kind: 'bullets', items: [model.ARTICLE_3_COMMUNITY], level: 1 },
    { kind: 'bullets', items: model.ARTICLE_3_COMMUNITY_ITEMS, level: 2 },
    { kind: 'paragraph', text: model.ARTICLE_3_SUPPORTS },
    { kind: 'paragraph', text: model.article3Management(listed(uos)) },
    ...paragraphs(model.ARTICLE_3_REST),

    heading(4),
    ...paragraphs(model.ARTICLE_4),
    { kind: 'bullets', items: model.ARTICLE_4_FREEDOMS, level: 1 },
    ...paragraphs(model.ARTICLE_4_PRACTICES),
    { kind: 'bullets', items: model.ARTICLE_4_PRACTICE_ITEMS, level: 1 },

    heading(5),
    { kind: 'paragraph', text: model.ARTICLE_5_LEAD },
    { kind: 'paragraph', text: model.article5Credits(listed(uos)) },
    { kind: 'paragraph', text: model.ARTICLE_5_INFORMATION },
    ...uos.flatMap((uo): ModelBlock[] => {
      const { imputation } = convention.budget.find((line) => line.uo === uo)!;
      return [
        { kind: 'subheading', text: model.chorusReferences(uo) },
        {
          kind: 'fields',
          fields: [
            [model.CHORUS_LABELS.domaineFonctionnel, imputation.domaineFonctionnel],
            [model.CHORUS_LABELS.sousAction, imputation.sousAction],
            [model.CHORUS_LABELS.centreFinancier, imputation.centreFinancier],
            [model.CHORUS_LABELS.activites, imputation.activites.join(', ')],
            [model.CHORUS_LABELS.centreCout, imputation.centreCout],
          ],
        },
      ];
    }),
    ...paragraphs(model.ARTICLE_5_REPORTING),

    heading(6),
    { kind: 'paragraph', text: model.ARTICLE_6 },

    heading(7),
    ...paragraphs(model.article7(noticeMonths)),

    heading(8),
    { kind: 'paragraph', text: model.ARTICLE_8 },
  ];
}

function signatureBlock(convention: TConvention): ModelBlock {
  const signatories = (role: TParty['role']) =>
    convention.parties.filter((party) => party.role === role).map(model.signatory);
  return {
    kind: 'signatures',
    place: model.SIGNED_AT,
    groups: [
      { heading: model.FOR_THE_DELEGANT, signatories: signatories('delegant') },
      { heading: model.FOR_THE_DELEGATAIRE, signatories: signatories('delegataire') },
    ],
  };
}

function annexesBlocks(): ModelBlock[] {
  return [
    { kind: 'page-break' },
    { kind: 'heading', text: model.ANNEXES },
    { kind: 'subheading', text: model.ANNEX_1_TITLE },
    ...model.MANIFESTO.flatMap(({ principle, text, undertakings }): ModelBlock[] => [
      { kind: 'paragraph', text: `${principle} ${text}` },
      { kind: 'paragraph', text: model.AS_A_PARTNER },
      { kind: 'bullets', items: undertakings, level: 1 },
    ]),
    { kind: 'subheading', text: model.ANNEX_2_TITLE },
    { kind: 'paragraph', text: model.ANNEX_2_LEAD },
    ...model.SERVICES.flatMap(({ name, lead, items, after }): ModelBlock[] => [
      { kind: 'subheading', text: name },
      { kind: 'paragraph', text: lead },
      { kind: 'bullets', items, level: 1 },
      ...(after ? [{ kind: 'paragraph', text: after } as const] : []),
    ]),
  ];
}

/** The model's text for `convention`, in order: title, parties, « Vu », préambule, articles 1 to 8, signatures, annexes. */
export function modelDocument(convention: TConvention): ModelBlock[] {
  return [
    {
      kind: 'title',
      lines: [
        model.MODEL_TITLE,
        conventionName(convention.title, convention.startup.name),
        model.MODEL_DATED,
      ],
    },
    ...partiesBlocks(convention),
    ...model.RECITALS.map((text): ModelBlock => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: model.AGREED },
    ...preambleBlocks(convention),
    ...articlesBlocks(convention),
    signatureBlock(convention),
    ...annexesBlocks(),
  ];
}
