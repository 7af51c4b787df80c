import { formatEuros, type MoneyString } from '../money';
import { frenchDate, frenchMonth, frenchMonths, of, reminder, type Templates } from './french';

// Monthly reports (SPEC §4.5): due, overdue, and each one received, forwarded to the délégant —
// the final report too, once the convention has ended.

function spentText(spent: { uo: string; amount: MoneyString }[]): string {
  if (!spent.length) return 'aucune.';
  return spent.map(({ uo, amount }) => `${uo} : ${formatEuros(amount)}`).join(' ; ') + '.';
}

export const REPORT_TEMPLATES: Templates<'report-due' | 'report-overdue' | 'report-received'> = {
  'report-due': ({ report }) => ({
    subject: `Compte rendu mensuel ${of(frenchMonth(report.period))} attendu le ${frenchDate(report.dueOn)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `Conformément à l’article 5, le délégataire rend compte chaque mois au délégant des dépenses réalisées, `,
        `de l’avancement des travaux et des prévisions de commande et de consommation. Le compte rendu `,
        `${of(frenchMonth(report.period))} est attendu au plus tard le ${frenchDate(report.dueOn)}.`,
      ],
    ],
  }),
  'report-overdue': (data) => {
    const overdue = data.overdue ?? [data.report];
    if (overdue.length === 1)
      return {
        subject: `${reminder(data)} : compte rendu ${of(frenchMonth(data.report.period))} en retard`,
        paragraphs: [
          ['Madame, Monsieur,'],
          [
            `Le compte rendu mensuel ${of(frenchMonth(data.report.period))}, attendu le ${frenchDate(data.report.dueOn)}, n’a pas été reçu.`,
          ],
        ],
      };
    const months = frenchMonths(overdue.map(({ period }) => period));
    return {
      subject: `${reminder(data)} : ${overdue.length} comptes rendus en retard : ${months}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [`Les comptes rendus mensuels ${of(months)} n’ont pas été reçus :`],
        ...overdue.map(({ period, dueOn }, i) => [
          `– ${frenchMonth(period)}, attendu le ${frenchDate(dueOn)}${i === overdue.length - 1 ? '.' : ' ;'}`,
        ]),
      ],
    };
  },
  'report-received': ({ report }) => {
    const which = report.period
      ? `compte rendu mensuel ${of(frenchMonth(report.period))}`
      : 'compte rendu final';
    const version = report.version > 1 ? ` (version ${report.version})` : '';
    return {
      subject: `${which[0]!.toUpperCase()}${which.slice(1)}${version}`,
      paragraphs: [
        ['Madame, Monsieur,'],
        [`Le délégataire a transmis son ${which}${version} (`, { user: report.by }, ').'],
        [
          report.period ? 'Dépenses du mois : ' : 'Dépenses de la dernière période : ',
          spentText(report.spent),
        ],
        ['Avancement : ', { user: report.progress }],
        ['Prévisions de commande et de consommation : ', { user: report.forecast }],
      ],
    };
  },
};
