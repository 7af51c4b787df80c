import Decimal from 'decimal.js';
import { formatEuros } from '../money';
import type { YearEndLine } from './data';
import { frenchDate, type Paragraph, type Templates } from './french';

// The budget year (SPEC §11, art. 2 and 5 of the seed): before the fin de gestion, where each UO's
// credits of the year stand and where the pace leads; the délégant told of credits that will not
// be consumed; after 31 December, the year's statement.

const percent = (share: string) => `${share.replace('.', ',')} %`;
const CREDITS = { AE: 'des autorisations d’engagement', CP: 'des crédits de paiement' } as const;

/** A UO's AE or CP of the year: allocated, consumed, and where the pace leads by the date. */
function uoParagraph(line: YearEndLine, what: 'AE' | 'CP', until: string): Paragraph {
  const [allocated, done, by, lapsing, verb, loss] =
    what === 'AE'
      ? [
          line.ae,
          line.engaged,
          line.projection?.engagedBy,
          line.projection?.aeLapsing,
          'engagés',
          'ne seraient pas engagés',
        ]
      : [
          line.cp,
          line.paid,
          line.projection?.paidBy,
          line.projection?.cpLapsing,
          'payés',
          'ne seraient pas consommés',
        ];
  const left = formatEuros(new Decimal(allocated).minus(done));
  const pace =
    by !== undefined && lapsing !== undefined
      ? new Decimal(lapsing).gt(0)
        ? ` Au rythme constaté, ${formatEuros(by)} le seraient d’ici le ${frenchDate(until)} : ${formatEuros(lapsing)} ${loss}.`
        : ` Au rythme constaté, tout le serait d’ici le ${frenchDate(until)}.`
      : ' Il est trop tôt pour en projeter le rythme.';
  const forecast = line.forecast
    ? ` Prévision du délégataire (${frenchDate(line.forecast.on)}) : ${formatEuros(what === 'AE' ? line.forecast.ae : line.forecast.cp)}.`
    : '';
  return [
    `UO ${line.uo}, ${what} : ${formatEuros(allocated)}, dont ${formatEuros(done)} ${verb} (reste ${left}).${pace}${forecast}`,
    ...(line.forecast?.note ? [' Son commentaire : « ', { user: line.forecast.note }, ' ».'] : []),
  ];
}

export const BUDGET_YEAR_TEMPLATES: Templates<
  'year-end-forecast' | 'credits-unconsumed-forecast' | 'year-end-statement'
> = {
  'year-end-forecast': ({ yearEnd }) => {
    const engagements = yearEnd.deadline === 'engagements';
    return {
      subject: `Fin de gestion ${yearEnd.year} : ${engagements ? 'engagements' : 'paiements'} jusqu’au ${frenchDate(yearEnd.on)}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [
          `Les crédits délégués pour ${yearEnd.year} sont des crédits de cet exercice : Chorus en prend les `,
          `engagements jusqu’au ${frenchDate(yearEnd.engagementsUntil)} et les paiements jusqu’au `,
          `${frenchDate(yearEnd.paymentsUntil)} (dates de la circulaire de fin de gestion). Après le `,
          `${frenchDate(yearEnd.on)}, ${engagements ? 'aucun engagement' : 'aucun paiement'} ne sera plus possible sur ces crédits.`,
        ],
        ...yearEnd.lines.map((line) =>
          uoParagraph(
            line,
            engagements ? 'AE' : 'CP',
            engagements ? yearEnd.engagementsUntil : yearEnd.paymentsUntil,
          ),
        ),
        [
          'Conformément à l’article 2, le délégant fait connaître ses prévisions en temps utile, et notamment en fin ',
          'de gestion ; le délégataire enregistre les siennes dans la console. Si les crédits ne devaient pas être ',
          'entièrement consommés, le délégataire en informe le délégant dans les meilleurs délais (article 5).',
        ],
      ],
    };
  },
  'credits-unconsumed-forecast': ({ lapse }) => ({
    subject: `Crédits ${lapse.year} de l’UO ${lapse.uo} : ${percent(lapse.share)} des ${lapse.of} ne seraient pas consommés`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'Conformément à l’article 5, le délégataire vous informe dans les meilleurs délais que les crédits mis à ',
        `disposition sur l’UO ${lapse.uo} au titre de ${lapse.year} ne seraient pas entièrement consommés au `,
        `rythme constaté au ${frenchDate(lapse.on)} : ${percent(lapse.share)} ${CREDITS[lapse.of]} ne le seraient pas.`,
      ],
      ...(lapse.toldBefore
        ? [
            [
              `Cette prévision s’aggrave depuis le précédent avis, qui en annonçait plus de ${percent(lapse.toldBefore)}.`,
            ],
          ]
        : []),
      uoParagraph(lapse, 'AE', lapse.engagementsUntil),
      uoParagraph({ ...lapse, forecast: undefined }, 'CP', lapse.paymentsUntil),
      [
        'Le délégant peut en tirer les conséquences avant la fin de gestion : redéploiement des crédits, ou ',
        'ajustement de la dotation par avenant (article 6).',
      ],
    ],
  }),
  'year-end-statement': ({ statement }) => ({
    subject: `Bilan de l’exercice ${statement.year}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `L’exercice ${statement.year} est clos. Voici, pour chaque UO, ce qu’il en est des crédits de ${statement.year} :`,
      ],
      ...statement.lines.map(({ uo, ae, engaged, aeLeft, cp, paid, cpLapsed }): Paragraph => [
        `UO ${uo} : ${formatEuros(engaged)} engagés sur ${formatEuros(ae)} d’AE, ${formatEuros(aeLeft)} restant à `,
        `reporter par avenant ; ${formatEuros(paid)} payés sur ${formatEuros(cp)} de CP, ${formatEuros(cpLapsed)} `,
        'non consommés.',
      ]),
      [
        `Les AE non engagées ne passent sur l’exercice ${statement.year + 1} que par un avenant (article 6), `,
        'qui ajoute les lignes de l’année ; les CP non consommés sont perdus avec l’exercice, sauf report.',
      ],
    ],
  }),
};
