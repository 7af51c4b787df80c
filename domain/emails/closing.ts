import { formatEuros } from '../money';
import { frenchDate, reminder, type Templates } from './french';

// After the end (SPEC §4.8, 4.9): the term reached, the final report awaited, the credits left
// unconsumed, the convention closed.

export const CLOSING_TEMPLATES: Templates<
  | 'convention-expired'
  | 'final-report-due'
  | 'final-report-overdue'
  | 'unconsumed-credits'
  | 'convention-closed'
> = {
  'convention-expired': (data) => ({
    subject: `La convention ${data.startup} a pris fin le ${frenchDate(data.endedOn)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'La convention « ',
        { user: data.title },
        ` » est arrivée à son terme le ${frenchDate(data.endedOn)}.`,
      ],
      [
        'Les services associés prennent fin avec elle. Le délégataire rend compte de son exécution dans un ',
        `compte rendu final attendu le ${frenchDate(data.report.dueOn)}.`,
      ],
    ],
  }),
  'final-report-due': (data) => ({
    subject: `Compte rendu final attendu le ${frenchDate(data.report.dueOn)}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        `La convention a pris fin le ${frenchDate(data.endedOn)}. Conformément à l’article 5, le délégataire `,
        `rend compte au terme de la convention des dépenses réalisées et de l’avancement des travaux, au plus `,
        `tard le ${frenchDate(data.report.dueOn)}.`,
      ],
    ],
  }),
  'final-report-overdue': (data) => ({
    subject: `${reminder(data)} : compte rendu final en retard`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [`Le compte rendu final, attendu le ${frenchDate(data.report.dueOn)}, n’a pas été reçu.`],
    ],
  }),
  'unconsumed-credits': (data) => ({
    subject: `Crédits non consommés au terme de la convention ${data.startup}`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'Conformément à l’article 5, le délégataire vous informe que les crédits mis à disposition ',
        'n’ont pas été entièrement consommés :',
      ],
      ...data.unconsumed.map((uo) => [
        `${uo.uo} : ${formatEuros(uo.aeLeft)} d’AE et ${formatEuros(uo.cpLeft)} de CP non consommés `,
        `(${formatEuros(uo.engaged)} engagés sur ${formatEuros(uo.ae)} d’AE, ${formatEuros(uo.paid)} payés sur ${formatEuros(uo.cp)} de CP).`,
      ]),
    ],
  }),
  'convention-closed': (data) => ({
    subject: `La convention ${data.startup} est close`,
    paragraphs: [
      ['Madame, Monsieur,'],
      [
        'Le compte rendu final de la convention « ',
        { user: data.title },
        ' » a été reçu. La convention est close ; son registre des décisions reste consultable.',
      ],
    ],
  }),
};
